package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;

class SignatureGateTest {

    private static final byte[] PAYLOAD = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static TrustedSigner signer(KeyPair pair) {
        return new TrustedSigner(PublicKeys.keyId(pair.getPublic()), pair.getPublic(), KeyAlgorithm.ECDSA_P256_SHA256);
    }

    private static Envelope sign(KeyPair pair, byte[] payload, String keyId) {
        return DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, payload, pair.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, keyId);
    }

    private static String codeOf(Envelope envelope, TrustRoots.Snapshot trust) {
        return assertThrows(AttestorException.class, () -> SignatureGate.requireTrusted(envelope, trust)).code();
    }

    @Test
    void acceptsAnEnvelopeSignedByAnActiveTrustedKey() throws Exception {
        KeyPair key = p256();
        var trust = new TrustRoots.Snapshot(1, List.of(signer(key)), List.of());
        assertEquals(Set.of(signer(key).keyId()),
                SignatureGate.requireTrusted(sign(key, PAYLOAD, ""), trust).verifiedKeyIds());
    }

    @Test
    void rejectsAnUnknownSignerAsUntrusted() throws Exception {
        var trust = new TrustRoots.Snapshot(1, List.of(signer(p256())), List.of());
        assertEquals("signature.untrusted_signer", codeOf(sign(p256(), PAYLOAD, ""), trust));
    }

    @Test
    void rejectsAnEnvelopeSignedOnlyByARevokedKey() throws Exception {
        KeyPair revoked = p256();
        var trust = new TrustRoots.Snapshot(1, List.of(signer(p256())), List.of(signer(revoked)));
        assertEquals("signature.revoked_signer", codeOf(sign(revoked, PAYLOAD, ""), trust));
    }

    @Test
    void rejectsATamperedPayloadWhoseSignatureNamesATrustedKeyAsInvalid() throws Exception {
        KeyPair key = p256();
        Envelope signed = sign(key, PAYLOAD, signer(key).keyId());
        Envelope tampered = new Envelope(signed.payloadType(),
                Bytes.of("{\"_type\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                signed.signatures());
        var trust = new TrustRoots.Snapshot(1, List.of(signer(key)), List.of());
        assertEquals("signature.invalid", codeOf(tampered, trust));
    }

    @Test
    void aKeyidHintAloneNeverMakesAnUnknownKeyTrusted() throws Exception {
        KeyPair trusted = p256();
        Envelope byStranger = sign(p256(), PAYLOAD, signer(trusted).keyId());
        var trust = new TrustRoots.Snapshot(1, List.of(signer(trusted)), List.of());
        assertEquals("signature.invalid", codeOf(byStranger, trust));
    }

    @Test
    void oneTrustedSignatureIsEnoughBesideAForeignOne() throws Exception {
        KeyPair trusted = p256();
        Envelope both = DsseEnvelopes.addSignature(sign(p256(), PAYLOAD, ""), trusted.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, "");
        var trust = new TrustRoots.Snapshot(1, List.of(signer(trusted)), List.of());
        assertEquals(1, SignatureGate.requireTrusted(both, trust).verifiedKeyIds().size());
    }

    @Test
    void emptySignatureBytesNeverVerify() throws Exception {
        KeyPair key = p256();
        Envelope empty = new Envelope(Envelope.IN_TOTO_PAYLOAD_TYPE,
                Bytes.of(PAYLOAD),
                List.of(new Signature("", Bytes.of(new byte[64]))));
        var trust = new TrustRoots.Snapshot(1, List.of(signer(key)), List.of());
        assertEquals("signature.untrusted_signer", codeOf(empty, trust));
    }
}
