package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.stellaops.attestor.store.TrustedKey;
import org.stellaops.attestor.store.TrustedKey.RevocationReason;

class SignatureGateTest {

    private static final byte[] PAYLOAD = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(10));

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static TrustedKey key(KeyPair pair) {
        return new TrustedKey(PublicKeys.keyId(pair.getPublic()), "signer", KeyAlgorithm.ECDSA_P256_SHA256,
                PublicKeys.toPem(pair.getPublic()), T0, null, "acme", false);
    }

    private static TrustRoots.Snapshot trust(TrustedKey... keys) {
        List<TrustedSigner> signers = new ArrayList<>();
        Map<String, TrustedKey> byId = new HashMap<>();
        for (TrustedKey key : keys) {
            signers.add(new TrustedSigner(key.keyId(), PublicKeys.parsePem(key.publicKeyPem()), key.algorithm()));
            byId.put(key.keyId(), key);
        }
        return new TrustRoots.Snapshot(1, signers, byId);
    }

    private static Envelope sign(KeyPair pair, byte[] payload, String keyId) {
        return DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, payload, pair.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, keyId);
    }

    private static String codeOf(Envelope envelope, TrustRoots.Snapshot trust) {
        return assertThrows(AttestorException.class, () -> SignatureGate.requireTrusted(envelope, trust, NOW)).code();
    }

    @Test
    void acceptsAnEnvelopeSignedByAnActiveTrustedKey() throws Exception {
        KeyPair key = p256();
        assertEquals(Set.of(key(key).keyId()),
                SignatureGate.requireTrusted(sign(key, PAYLOAD, ""), trust(key(key)), NOW).counted().verifiedKeyIds());
    }

    @Test
    void rejectsAnUnknownSignerAsUntrusted() throws Exception {
        assertEquals("signature.untrusted_signer", codeOf(sign(p256(), PAYLOAD, ""), trust(key(p256()))));
    }

    @Test
    void rejectsAnEnvelopeSignedOnlyByAKeyRevokedBeforeTheSigningTime() throws Exception {
        KeyPair revoked = p256();
        TrustedKey version = key(revoked).revoke(NOW.minusSeconds(60), RevocationReason.SUPERSEDED, null);
        assertEquals("signature.revoked_signer", codeOf(sign(revoked, PAYLOAD, ""), trust(key(p256()), version)));
    }

    @Test
    void acceptsASignatureWhoseTrustedTimeIsBeforeAnOrdinaryRevocation() throws Exception {
        KeyPair key = p256();
        TrustedKey version = key(key).revoke(NOW.plusSeconds(60), RevocationReason.SUPERSEDED, null);
        assertEquals(1, SignatureGate.requireTrusted(sign(key, PAYLOAD, ""), trust(version), NOW).counted()
                .verifiedKeyIds().size());
    }

    @Test
    void aCompromiseFailsSignaturesWithoutTrustedTimeEvenBeforeTheRevocation() throws Exception {
        KeyPair key = p256();
        TrustedKey version = key(key).revoke(NOW.plusSeconds(60), RevocationReason.KEY_COMPROMISE,
                NOW.minusSeconds(60));
        TrustRoots.Judged judged = trust(version).judge(sign(key, PAYLOAD, ""), NOW.minusSeconds(3600), false);
        assertEquals(Map.of(0, TrustedKey.COMPROMISED), judged.refusals());
    }

    @Test
    void aCompromiseKeepsSignaturesWithTrustedTimeBeforeTheCompromise() throws Exception {
        KeyPair key = p256();
        TrustedKey version = key(key).revoke(NOW, RevocationReason.KEY_COMPROMISE, NOW.minusSeconds(60));
        TrustRoots.Judged judged = trust(version).judge(sign(key, PAYLOAD, ""), NOW.minusSeconds(3600), true);
        assertEquals(Map.of(), judged.refusals());
    }

    @Test
    void aCompromiseFailsSignaturesWithTrustedTimeAfterTheCompromise() throws Exception {
        KeyPair key = p256();
        TrustedKey version = key(key).revoke(NOW, RevocationReason.KEY_COMPROMISE, NOW.minusSeconds(3600));
        TrustRoots.Judged judged = trust(version).judge(sign(key, PAYLOAD, ""), NOW.minusSeconds(60), true);
        assertEquals(Map.of(0, TrustedKey.COMPROMISED), judged.refusals());
    }

    @Test
    void rejectsASignatureByARetiredVersionAsRetired() throws Exception {
        KeyPair key = p256();
        TrustedKey retired = key(key).retire(NOW.minusSeconds(1));
        assertEquals("signature.retired_signer", codeOf(sign(key, PAYLOAD, ""), trust(retired)));
    }

    @Test
    void aRetirementScheduledForLaterStillCountsNow() throws Exception {
        KeyPair key = p256();
        TrustedKey retiring = key(key).retire(NOW.plusSeconds(60));
        assertEquals(1, SignatureGate.requireTrusted(sign(key, PAYLOAD, ""), trust(retiring), NOW).counted()
                .verifiedKeyIds().size());
    }

    @Test
    void rejectsASignatureByAVersionScheduledForLater() throws Exception {
        KeyPair key = p256();
        TrustedKey base = key(key);
        TrustedKey future = new TrustedKey(base.keyId(), base.name(), base.algorithm(), base.publicKeyPem(), T0, null,
                base.tenant(), false, 2, NOW.plusSeconds(60), null, null, null, null);
        assertEquals("signature.signer_not_yet_valid", codeOf(sign(key, PAYLOAD, ""), trust(future)));
    }

    @Test
    void rejectsATamperedPayloadWhoseSignatureNamesATrustedKeyAsInvalid() throws Exception {
        KeyPair key = p256();
        Envelope signed = sign(key, PAYLOAD, key(key).keyId());
        Envelope tampered = new Envelope(signed.payloadType(),
                Bytes.of("{\"_type\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                signed.signatures());
        assertEquals("signature.invalid", codeOf(tampered, trust(key(key))));
    }

    @Test
    void aKeyidHintAloneNeverMakesAnUnknownKeyTrusted() throws Exception {
        KeyPair trusted = p256();
        Envelope byStranger = sign(p256(), PAYLOAD, key(trusted).keyId());
        assertEquals("signature.invalid", codeOf(byStranger, trust(key(trusted))));
    }

    @Test
    void oneTrustedSignatureIsEnoughBesideAForeignOne() throws Exception {
        KeyPair trusted = p256();
        Envelope both = DsseEnvelopes.addSignature(sign(p256(), PAYLOAD, ""), trusted.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, "");
        assertEquals(1, SignatureGate.requireTrusted(both, trust(key(trusted)), NOW).counted().verifiedKeyIds()
                .size());
    }

    @Test
    void emptySignatureBytesNeverVerify() throws Exception {
        KeyPair key = p256();
        Envelope empty = new Envelope(Envelope.IN_TOTO_PAYLOAD_TYPE,
                Bytes.of(PAYLOAD),
                List.of(new Signature("", Bytes.of(new byte[64]))));
        assertEquals("signature.untrusted_signer", codeOf(empty, trust(key(key))));
    }
}
