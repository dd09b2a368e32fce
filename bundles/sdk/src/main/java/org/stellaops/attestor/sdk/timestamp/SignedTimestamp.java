package org.stellaops.attestor.sdk.timestamp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.GenTimeAccuracy;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.stellaops.attestor.sdk.internal.Bc;

/**
 * A parsed RFC 3161 time-stamp token. Parsing checks only the form; nothing the token says (its time, its imprint)
 * is trusted until {@link #verify} succeeded. Instances are immutable and thread-safe.
 */
public final class SignedTimestamp {

    private static final Map<ASN1ObjectIdentifier, String> HASHES = Map.of(
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");
    /** PKIStatus granted and grantedWithMods: the only statuses that come with a token. */
    private static final BigInteger LAST_GRANTED_STATUS = BigInteger.ONE;

    private final TimeStampToken token;
    private final TimeStampTokenInfo info;

    private SignedTimestamp(TimeStampToken token) {
        this.token = token;
        this.info = token.getTimeStampInfo();
    }

    /**
     * @param der a DER {@code TimeStampToken} (a CMS {@code ContentInfo}) or a whole {@code TimeStampResp} with a
     *            granted status, as TSAs answer and Sigstore bundles store it
     * @return the token
     * @throws TimestampException {@value TimestampCodes#MALFORMED}
     */
    public static SignedTimestamp parse(byte[] der) {
        if (der == null || der.length == 0) {
            throw malformed("empty token", null);
        }
        try {
            ASN1Primitive root = ASN1Primitive.fromByteArray(der);
            if (!(root instanceof ASN1Sequence sequence) || sequence.size() == 0) {
                throw malformed("not an ASN.1 SEQUENCE", null);
            }
            ContentInfo content = sequence.getObjectAt(0) instanceof ASN1ObjectIdentifier
                    ? ContentInfo.getInstance(sequence) : tokenOf(TimeStampResp.getInstance(sequence));
            return new SignedTimestamp(new TimeStampToken(new CMSSignedData(content)));
        } catch (IOException | CMSException | TSPException | IllegalArgumentException | IllegalStateException
                 | ClassCastException e) {
            throw malformed(e.getMessage(), e);
        }
    }

    private static ContentInfo tokenOf(TimeStampResp response) {
        BigInteger status = response.getStatus().getStatus();
        if (status.signum() < 0 || status.compareTo(LAST_GRANTED_STATUS) > 0) {
            throw malformed("a time-stamp response with status " + status + " (not granted)", null);
        }
        if (response.getTimeStampToken() == null) {
            throw malformed("a time-stamp response without a token", null);
        }
        return response.getTimeStampToken();
    }

    /** @return whether the message imprint uses SHA-256, SHA-384 or SHA-512 */
    public boolean imprintSupported() {
        return HASHES.containsKey(info.getMessageImprintAlgOID());
    }

    /** @return the message imprint's hash ({@code SHA-256}, …), or its OID when it is not one of those */
    public String imprintAlgorithm() {
        ASN1ObjectIdentifier oid = info.getMessageImprintAlgOID();
        return HASHES.getOrDefault(oid, oid.getId());
    }

    /**
     * @param data bytes said to be timestamped
     * @return whether the imprint is a supported hash of exactly these bytes (says nothing about the signature)
     */
    public boolean covers(byte[] data) {
        String hash = HASHES.get(info.getMessageImprintAlgOID());
        return hash != null && MessageDigest.isEqual(digest(hash, data), info.getMessageImprintDigest());
    }

    /** @return the {@code genTime} the token claims; not trusted before {@link #verify} */
    public Instant claimedGenTime() {
        return info.getGenTime().toInstant();
    }

    /**
     * Verifies the token as a timestamp of {@code data} by one of the authorities.
     *
     * @param data the timestamped bytes
     * @param authorities the trusted authorities; the first (in this order) the signer chains to names it
     * @return what the token vouches for
     * @throws TimestampException {@value TimestampCodes#UNSUPPORTED_ALGORITHM},
     *                            {@value TimestampCodes#IMPRINT_MISMATCH}, {@value TimestampCodes#UNTRUSTED} or
     *                            {@value TimestampCodes#INVALID_SIGNATURE}
     */
    public VerifiedTimestamp verify(byte[] data, Collection<TimestampAuthority> authorities) {
        if (!imprintSupported()) {
            throw new TimestampException(TimestampCodes.UNSUPPORTED_ALGORITHM, "the message imprint uses "
                    + imprintAlgorithm() + "; only SHA-256, SHA-384 and SHA-512 are accepted");
        }
        if (!covers(data)) {
            throw new TimestampException(TimestampCodes.IMPRINT_MISMATCH, "the message imprint is not the "
                    + imprintAlgorithm() + " of the timestamped bytes");
        }
        Instant genTime = claimedGenTime();
        List<X509Certificate> carried = TsaChains.certificates(token);
        X509Certificate signer = TsaChains.signer(token, carried, authorities);
        TsaChains.requireTimeStampingCertificate(signer, genTime);
        try {
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER).build(signer));
        } catch (TSPException | OperatorCreationException | IllegalArgumentException e) {
            throw new TimestampException(TimestampCodes.INVALID_SIGNATURE, "the token's signature does not verify "
                    + "with its signer certificate: " + e.getMessage(), e);
        }
        String authority = TsaChains.authorityOf(signer, carried, authorities, genTime);
        return new VerifiedTimestamp(genTime, accuracy(), authority, info.getSerialNumber(), imprintAlgorithm(),
                signer.getSubjectX500Principal().getName(), info.getPolicy().getId());
    }

    private Duration accuracy() {
        GenTimeAccuracy accuracy = info.getGenTimeAccuracy();
        if (accuracy == null) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(accuracy.getSeconds()).plusMillis(accuracy.getMillis())
                .plusNanos(accuracy.getMicros() * 1_000L);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the platform lacks " + algorithm, e);
        }
    }

    private static TimestampException malformed(String why, Throwable cause) {
        return new TimestampException(TimestampCodes.MALFORMED, "not an RFC 3161 time-stamp token: " + why, cause);
    }
}
