/**
 * The policy-rule SPI: custom rule types evaluated over a verification context.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.api.policy;
