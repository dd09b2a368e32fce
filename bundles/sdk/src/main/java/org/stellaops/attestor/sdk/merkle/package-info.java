/**
 * RFC 6962 / RFC 9162 Merkle trees: leaf and node hashing, inclusion and consistency proof verification, and proof
 * construction from complete-subtree hashes (the shape tile storage provides).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.merkle;
