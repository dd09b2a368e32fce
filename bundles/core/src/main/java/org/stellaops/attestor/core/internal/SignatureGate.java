package org.stellaops.attestor.core.internal;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Decides whether an envelope's signatures are good enough to accept it: at least one signature must verify with a
 * trusted key whose version counts at the signing time. When none does, the failure is classified so the producer
 * learns what to fix.
 */
final class SignatureGate {

    /** A key version whose signatures stopped counting at its retirement. */
    static final String RETIRED_SIGNER = "signature.retired_signer";
    /** A key version that is not valid yet (a scheduled rotation). */
    static final String SIGNER_NOT_YET_VALID = "signature.signer_not_yet_valid";

    private SignatureGate() {
    }

    /**
     * @param envelope the parsed envelope
     * @param trust the current trust roots
     * @param signingTime the trusted time of the signatures (the time of acceptance, for a submission)
     * @return the judgement, with at least one counted signature
     * @throws AttestorException {@code signature.revoked_signer}, {@code signature.retired_signer},
     *                           {@code signature.signer_not_yet_valid}, {@code signature.invalid} or
     *                           {@code signature.untrusted_signer}
     */
    static TrustRoots.Judged requireTrusted(Envelope envelope, TrustRoots.Snapshot trust,
                                            java.time.Instant signingTime) {
        TrustRoots.Judged judged = trust.judge(envelope, signingTime, true);
        if (judged.counted().anyVerified()) {
            return judged;
        }
        if (judged.refusals().containsValue(TrustedKey.REVOKED) || judged.refusals().containsValue(
                TrustedKey.COMPROMISED)) {
            throw new AttestorException(ErrorCodes.REVOKED_SIGNER, "the envelope is signed only by revoked keys");
        }
        if (judged.refusals().containsValue(TrustedKey.RETIRED)) {
            throw new AttestorException(RETIRED_SIGNER, "the envelope is signed only by retired key versions; sign "
                    + "with the key's current version");
        }
        if (judged.refusals().containsValue(TrustedKey.NOT_YET_VALID)) {
            throw new AttestorException(SIGNER_NOT_YET_VALID, "the envelope is signed only by key versions that "
                    + "are not valid yet");
        }
        if (namesTrustedKey(envelope, trust.signers())) {
            throw new AttestorException(ErrorCodes.INVALID_SIGNATURE,
                    "no signature verifies with the trusted key it names: the signature is wrong or the payload was altered");
        }
        throw new AttestorException(ErrorCodes.UNTRUSTED_SIGNER,
                "no signature verifies with a trusted key; add the signer's public key to the trust roots first");
    }

    private static boolean namesTrustedKey(Envelope envelope, Collection<TrustedSigner> signers) {
        Set<String> ids = signers.stream().map(TrustedSigner::keyId).collect(Collectors.toSet());
        return envelope.signatures().stream().map(Signature::keyId).anyMatch(ids::contains);
    }
}
