/**
 * Reading a C2SP tlog-tiles log: resource paths, a pluggable tile source (files, HTTP), and roots, inclusion
 * proofs, consistency proofs and entries computed from hash tiles and entry bundles.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.tiles;
