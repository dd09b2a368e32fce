/**
 * RFC 3161 time-stamp tokens: parsing (a bare {@code TimeStampToken} or a whole {@code TimeStampResp}, as Sigstore
 * bundles carry them in {@code verificationMaterial.timestampVerificationData.rfc3161Timestamps}) and verification
 * against configured time-stamping authorities: CMS signature, signer certificate chained (PKIX, at the token's
 * time, no revocation checking) to an authority's trust anchors, critical {@code id-kp-timeStamping} as the signer's
 * only extended key usage, and a SHA-256/384/512 message imprint equal to the hash of the timestamped bytes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.timestamp;
