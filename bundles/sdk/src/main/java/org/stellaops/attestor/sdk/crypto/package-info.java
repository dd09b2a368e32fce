/**
 * Keys and signatures: PEM/SPKI/PKCS#8 decoding, key IDs, Sigstore key details, and signing and verification with
 * ECDSA P-256/P-384, Ed25519 and RSA (PKCS#1 v1.5 and PSS) through BouncyCastle; TLS trust in a PEM file of CAs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stellaops.attestor.sdk.crypto;
