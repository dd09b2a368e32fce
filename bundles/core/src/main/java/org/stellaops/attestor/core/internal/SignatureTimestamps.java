package org.stellaops.attestor.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.policy.TimeSource;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.core.service.VerificationReport.Check;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.SignatureCheck;
import org.stellaops.attestor.sdk.timestamp.SignedTimestamp;
import org.stellaops.attestor.sdk.timestamp.TimestampCodes;
import org.stellaops.attestor.sdk.timestamp.TimestampException;
import org.stellaops.attestor.sdk.timestamp.VerifiedTimestamp;

/**
 * RFC 3161 time-stamp tokens brought to a verification, Sigstore style: each token timestamps the raw bytes of one
 * DSSE signature of the envelope. Every token gets a check line {@code timestamp[i]}: it must verify against a
 * configured authority over some signature's bytes (a token that does not verify fails the report: fail closed).
 *
 * <p>The tokens give a trusted time only when every signature a trusted key verified (cryptographically, whatever
 * the key's lifecycle says) is covered by at least one valid token. That time is the latest, over those signatures,
 * of the earliest time a valid token proves for the signature: every trusted signature provably existed by then,
 * and a signature made later can never borrow the earlier token of another signature. Otherwise the informational
 * line {@link VerificationReport#TIMESTAMP_COVERAGE} says why the time is not used. The time a token proves is its
 * {@code genTime} plus its stated accuracy.
 */
final class SignatureTimestamps {

    /** What the tokens established. */
    record Evaluation(List<Check> checks, TrustedTime time) {
        static final Evaluation NONE = new Evaluation(List.of(), TrustedTime.none());
    }

    /** The earliest valid token of one signature. */
    private record Proof(Instant time, String authority, int token) {
    }

    private SignatureTimestamps() {
    }

    /**
     * @param envelope the envelope
     * @param tokens the DER tokens, in request order (empty: no lines, no time)
     * @param all the bare cryptographic verification of the envelope's signatures
     * @param authorities the trusted authorities
     * @return one line per token, the coverage line, and the RFC 3161 trusted time if the tokens give one
     */
    static Evaluation evaluate(Envelope envelope, List<byte[]> tokens, EnvelopeVerification all,
                               TimestampAuthorities authorities) {
        if (tokens.isEmpty()) {
            return Evaluation.NONE;
        }
        if (tokens.size() > VerifyRequest.MAX_TIMESTAMPS) {
            throw new AttestorException(SuppliedEntries.MALFORMED, "rfc3161Timestamps must hold 1 to "
                    + VerifyRequest.MAX_TIMESTAMPS + " tokens, not " + tokens.size());
        }
        Set<Integer> trusted = new TreeSet<>();
        for (SignatureCheck check : all.checks()) {
            if (check.verifiedKeyId() != null) {
                trusted.add(check.index());
            }
        }
        List<byte[]> signatures = envelope.signatures().stream().map(s -> s.sig().value()).toList();
        List<Check> checks = new ArrayList<>();
        Map<Integer, Proof> earliest = new TreeMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            checks.add(token(i, tokens.get(i), signatures, trusted, authorities, earliest));
        }
        return coverage(trusted, earliest, checks);
    }

    private static Check token(int index, byte[] der, List<byte[]> signatures, Set<Integer> trusted,
                               TimestampAuthorities authorities, Map<Integer, Proof> earliest) {
        String name = "timestamp[" + index + "]";
        try {
            SignedTimestamp token = SignedTimestamp.parse(der);
            List<Integer> covered = new ArrayList<>();
            if (token.imprintSupported()) {
                for (int s = 0; s < signatures.size(); s++) {
                    if (token.covers(signatures.get(s))) {
                        covered.add(s);
                    }
                }
                if (covered.isEmpty()) {
                    throw new TimestampException(TimestampCodes.IMPRINT_MISMATCH, "its " + token.imprintAlgorithm()
                            + " message imprint matches no signature of this envelope");
                }
            }
            byte[] signature = covered.isEmpty() ? new byte[0] : signatures.get(covered.get(0));
            VerifiedTimestamp verified = token.verify(signature, authorities.all());
            for (int s : covered) {
                Proof known = earliest.get(s);
                if (known == null || verified.latest().isBefore(known.time())) {
                    earliest.put(s, new Proof(verified.latest(), verified.authority(), index));
                }
            }
            return new Check(name, true, describe(verified, covered, trusted));
        } catch (TimestampException e) {
            return new Check(name, false, e.getMessage() + " (" + e.code() + ")");
        }
    }

    private static String describe(VerifiedTimestamp verified, List<Integer> covered, Set<Integer> trusted) {
        StringBuilder detail = new StringBuilder("authority ").append(verified.authority()).append(", genTime ")
                .append(verified.genTime());
        if (!verified.accuracy().isZero()) {
            detail.append(" (accuracy ").append(verified.accuracy()).append(')');
        }
        detail.append(", serial ").append(verified.serialNumber().toString(16)).append(", ")
                .append(verified.hashAlgorithm()).append(" imprint of signature")
                .append(covered.size() == 1 ? " " + covered.get(0) : "s " + covered);
        List<Integer> untrusted = covered.stream().filter(s -> !trusted.contains(s)).toList();
        if (!untrusted.isEmpty()) {
            detail.append(" (").append(untrusted.size() == 1 ? "signature " + untrusted.get(0) : "signatures "
                    + untrusted).append(" verified by no trusted key)");
        }
        return detail.toString();
    }

    private static Evaluation coverage(Set<Integer> trusted, Map<Integer, Proof> earliest, List<Check> checks) {
        String name = VerificationReport.TIMESTAMP_COVERAGE;
        if (trusted.isEmpty()) {
            checks.add(new Check(name, false, "no signature is verified by a trusted key, so the timestamps give no "
                    + "trusted time"));
            return new Evaluation(checks, TrustedTime.none());
        }
        Set<Integer> missing = new TreeSet<>(trusted);
        missing.removeAll(earliest.keySet());
        if (!missing.isEmpty()) {
            checks.add(new Check(name, false, (missing.size() == 1 ? "signature " + missing.iterator().next()
                    : "signatures " + missing) + " verified by a trusted key " + (missing.size() == 1 ? "has" : "have")
                    + " no valid timestamp, so the RFC 3161 time is not used"));
            return new Evaluation(checks, TrustedTime.none());
        }
        Proof binding = null;
        for (int s : trusted) {
            Proof proof = earliest.get(s);
            if (binding == null || proof.time().isAfter(binding.time())) {
                binding = proof;
            }
        }
        checks.add(new Check(name, true, "every signature verified by a trusted key is timestamped: RFC 3161 time "
                + binding.time() + " (authority " + binding.authority() + ", timestamp[" + binding.token() + "])"));
        return new Evaluation(checks, TrustedTime.of(binding.time(), TimeSource.RFC3161, binding.authority()));
    }
}
