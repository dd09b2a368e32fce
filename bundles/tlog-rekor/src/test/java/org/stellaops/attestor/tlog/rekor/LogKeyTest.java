package org.stellaops.attestor.tlog.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.note.NoteKeys;

class LogKeyTest {

    /** The public-good Rekor v2 shard: key and log ID from sigstore's trusted root (spec §1.6). */
    private static final String SIGSTORE_KEY = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAt8rlp1knGwjfbcXAYPYAkn0XiLz1x8O4t0YkEhie244=\n-----END PUBLIC KEY-----\n";
    private static final String SIGSTORE_ORIGIN = "log2025-1.rekor.sigstore.dev";
    private static final String SIGSTORE_LOG_ID = "zxGZFVvd0FEmjR8WrFwMdcAJ9vtaY/QXf44Y1wUeP6A=";

    @Test
    void derivesTheLogIdOfAnEd25519KeyFromOriginAndKeyAsRekorV2Does() {
        LogKey key = LogKey.parse(SIGSTORE_KEY, SIGSTORE_ORIGIN);
        assertEquals(HexFormat.of().formatHex(Base64.getDecoder().decode(SIGSTORE_LOG_ID)), key.logId(SIGSTORE_ORIGIN));
    }

    @Test
    void derivesTheLogIdOfAnEcdsaKeyFromItsSubjectPublicKeyInfo() {
        KeyPair pair = Keys.p256();
        LogKey key = LogKey.parse(PublicKeys.toPem(pair.getPublic()), "any.origin");
        assertEquals(Checkpoints.logIdEcdsa(pair.getPublic()), key.logId("any.origin"));
    }

    @Test
    void acceptsAnEd25519VerifierKeyNamedLikeTheLog() {
        KeyPair pair = Keys.ed25519();
        String vkey = NoteKeys.verifierKey("log.example", pair.getPublic());
        LogKey key = LogKey.parse(vkey, "log.example");
        assertEquals(PublicKeys.toPem(pair.getPublic()), key.pem());
    }

    @Test
    void acceptsAnEcdsaVerifierKeyNamedLikeTheLog() {
        KeyPair pair = Keys.p256();
        LogKey key = LogKey.parse(NoteKeys.verifierKey("log.example", pair.getPublic()), "log.example");
        assertEquals(Checkpoints.logIdEcdsa(pair.getPublic()), key.logId("log.example"));
    }

    @Test
    void refusesAVerifierKeyNamedForAnotherLog() {
        String vkey = NoteKeys.verifierKey("other.example", Keys.p256().getPublic());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogKey.parse(vkey, "log.example"));
        assertTrue(e.getMessage().contains("other.example"), e.getMessage());
    }

    @Test
    void refusesAnRsaLogKey() {
        String pem = PublicKeys.toPem(Keys.rsa3072().getPublic());
        assertThrows(IllegalArgumentException.class, () -> LogKey.parse(pem, "log.example"));
    }

    @Test
    void refusesTextThatIsNoKey() {
        assertThrows(IllegalArgumentException.class, () -> LogKey.parse("not a key", "log.example"));
    }
}
