/**
 * The predicate-handler SPI: plugins that validate one family of in-toto predicates and extract searchable facts.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.api.predicate;
