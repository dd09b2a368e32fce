package org.stellaops.attestor.sdk.dsse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.sdk.crypto.Signatures;

/**
 * Verifies DSSE envelope signatures against a set of trusted signers. A keyid hint only decides which keys are tried
 * first; it never makes a key trusted, and a wrong hint does not stop a trusted key from verifying. The outcome is the
 * set of distinct trusted keys that verified, so a key that signed twice counts once.
 */
public final class EnvelopeVerifier {

    private EnvelopeVerifier() {
    }

    /**
     * Verifies every signature of an envelope.
     *
     * @param env the envelope
     * @param trusted the trusted signers
     * @return one check per signature and the distinct verified key IDs
     */
    public static EnvelopeVerification verify(Envelope env, Collection<TrustedSigner> trusted) {
        byte[] pae = Pae.encode(env.payloadType(), env.payload().value());
        List<SignatureCheck> checks = new ArrayList<>(env.signatures().size());
        TreeSet<String> verified = new TreeSet<>();
        int index = 0;
        for (Signature signature : env.signatures()) {
            SignatureCheck check = checkOne(index++, signature, pae, trusted);
            checks.add(check);
            if (check.verified()) {
                verified.add(check.verifiedKeyId());
            }
        }
        return new EnvelopeVerification(checks, verified);
    }

    private static SignatureCheck checkOne(int index, Signature signature, byte[] pae,
                                           Collection<TrustedSigner> trusted) {
        String hint = signature.keyId();
        byte[] sig = signature.sig().value();
        boolean hintNamesTrustedKey = false;
        for (TrustedSigner signer : trusted) {
            if (!hint.isEmpty() && signer.keyId().equals(hint)) {
                hintNamesTrustedKey = true;
                if (verifies(signer, pae, sig)) {
                    return new SignatureCheck(index, hint, signer.keyId(), "verified by the key its keyid names");
                }
            }
        }
        for (TrustedSigner signer : trusted) {
            if (hint.isEmpty() || !signer.keyId().equals(hint)) {
                if (verifies(signer, pae, sig)) {
                    String how = hint.isEmpty() ? "verified (no keyid hint)"
                            : "verified by trusted key " + signer.keyId() + " although its keyid names another key";
                    return new SignatureCheck(index, hint, signer.keyId(), how);
                }
            }
        }
        String why = hintNamesTrustedKey ? "the trusted key its keyid names does not verify it, nor does any other"
                : "no trusted key verifies this signature";
        return new SignatureCheck(index, hint, null, why);
    }

    private static boolean verifies(TrustedSigner signer, byte[] pae, byte[] sig) {
        if (signer.verifier() != null) {
            return signer.verifier().verify(pae, sig);
        }
        // a WebAuthn assertion is no bare ECDSA signature: without its verifier it never verifies (fail closed)
        return signer.algorithm() != KeyAlgorithm.WEBAUTHN_ES256
                && Signatures.verify(signer.key(), signer.algorithm(), pae, sig);
    }
}
