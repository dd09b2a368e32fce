package org.stellaops.attestor.bench;

import java.security.KeyPair;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;

/** Creates DSSE envelopes the way a producer does, with the sdk. */
public final class SignedEnvelopes {

    private SignedEnvelopes() {
    }

    /**
     * Signs an in-toto statement into a single-signature DSSE envelope.
     *
     * @param statement the statement bytes (the DSSE payload)
     * @param signer the signing key pair
     * @param algorithm the signature algorithm
     * @param keyIdHint whether the signature carries the signer's key id as its {@code keyid} hint
     * @return the envelope JSON as the sdk writes it
     */
    public static byte[] sign(byte[] statement, KeyPair signer, KeyAlgorithm algorithm, boolean keyIdHint) {
        String keyId = keyIdHint ? PublicKeys.keyId(signer.getPublic()) : "";
        Envelope envelope = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, statement, signer.getPrivate(),
                algorithm, keyId);
        return DsseEnvelopes.toJson(envelope);
    }
}
