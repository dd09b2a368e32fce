package org.stellaops.attestor.core.internal;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerifier;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;

/**
 * Decides whether an envelope's signatures are good enough to accept it: at least one signature must verify with
 * an active trusted key. When none does, the failure is classified so the producer learns what to fix.
 */
final class SignatureGate {

    private SignatureGate() {
    }

    /**
     * @param envelope the parsed envelope
     * @param trust the current trust roots
     * @return the verification with at least one verified signature
     * @throws AttestorException {@code signature.revoked_signer}, {@code signature.invalid} or
     *                           {@code signature.untrusted_signer}
     */
    static EnvelopeVerification requireTrusted(Envelope envelope, TrustRoots.Snapshot trust) {
        EnvelopeVerification verification = EnvelopeVerifier.verify(envelope, trust.active());
        if (verification.anyVerified()) {
            return verification;
        }
        if (!trust.revoked().isEmpty() && EnvelopeVerifier.verify(envelope, trust.revoked()).anyVerified()) {
            throw new AttestorException(ErrorCodes.REVOKED_SIGNER,
                    "the envelope is signed only by revoked keys");
        }
        if (namesTrustedKey(envelope, trust.active())) {
            throw new AttestorException(ErrorCodes.INVALID_SIGNATURE,
                    "no signature verifies with the trusted key it names: the signature is wrong or the payload was altered");
        }
        throw new AttestorException(ErrorCodes.UNTRUSTED_SIGNER,
                "no signature verifies with a trusted key; add the signer's public key to the trust roots first");
    }

    private static boolean namesTrustedKey(Envelope envelope, Collection<TrustedSigner> active) {
        Set<String> ids = active.stream().map(TrustedSigner::keyId).collect(Collectors.toSet());
        return envelope.signatures().stream().map(Signature::keyId).anyMatch(ids::contains);
    }
}
