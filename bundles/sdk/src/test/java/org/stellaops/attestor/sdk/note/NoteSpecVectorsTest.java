package org.stellaops.attestor.sdk.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;

/** Published vectors: the C2SP signed-note example, the Go sumdb note example and Rekor's production log key. */
class NoteSpecVectorsTest {

    static final String SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String SPEC_NOTE = "This is an example message.\n\n\u2014 example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    static final String GO_SEED_B64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    static final String REKOR_ORIGIN = "log2025-1.rekor.sigstore.dev";
    static final String REKOR_SPKI = "MCowBQYDK2VwAyEAt8rlp1knGwjfbcXAYPYAkn0XiLz1x8O4t0YkEhie244=";
    static final String REKOR_LOG_ID = "zxGZFVvd0FEmjR8WrFwMdcAJ9vtaY/QXf44Y1wUeP6A=";

    static PrivateKey goPrivateKey() throws Exception {
        byte[] typed = Base64.getDecoder().decode(GO_SEED_B64);
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
        byte[] der = Arrays.copyOf(pkcs8, pkcs8.length + 32);
        System.arraycopy(typed, 1, der, pkcs8.length, 32);
        return KeyFactory.getInstance("Ed25519", new BouncyCastleProvider()).generatePrivate(
                new PKCS8EncodedKeySpec(der));
    }

    @Test
    void specVerifierKeyParsesWithItsStatedKeyId() {
        NoteVerifier v = NoteKeys.parseVerifierKey(SPEC_VKEY);
        assertEquals("example.com/foo", v.name());
        assertEquals("530d903a", HexFormat.of().formatHex(v.keyHint()));
    }

    @Test
    void specExampleNoteVerifies() {
        SignedNote opened = Notes.verify(SPEC_NOTE, List.of(NoteKeys.parseVerifierKey(SPEC_VKEY)));
        assertEquals("This is an example message.\n", opened.text());
        assertEquals(1, opened.signatures().size());
        assertEquals("example.com/foo", opened.signatures().get(0).name());
    }

    @Test
    void specExampleWithAlteredTextIsUnverified() {
        String altered = SPEC_NOTE.replace("example message", "exbmple message");
        assertEquals("note.unverified", assertThrows(AttestorException.class,
                () -> Notes.verify(altered, List.of(NoteKeys.parseVerifierKey(SPEC_VKEY)))).code());
    }

    @Test
    void specExampleWithNonCanonicalBase64IsMalformed() {
        String altered = SPEC_NOTE.replace("yaQM=", "yaQN=");
        assertEquals("note.malformed", assertThrows(AttestorException.class,
                () -> Notes.verify(altered, List.of(NoteKeys.parseVerifierKey(SPEC_VKEY)))).code());
    }

    @Test
    void verifierKeyTextRoundTripsForTheSpecKey() {
        NoteVerifier v = NoteKeys.parseVerifierKey(SPEC_VKEY);
        byte[] raw = Arrays.copyOfRange(Base64.getDecoder().decode("AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"),
                1, 33);
        byte[] spki = Arrays.copyOf(HexFormat.of().parseHex("302a300506032b6570032100"), 44);
        System.arraycopy(raw, 0, spki, 12, 32);
        assertEquals(SPEC_VKEY, NoteKeys.verifierKey(v.name(), PublicKeys.parseSpki(spki)));
    }

    @Test
    void goSumdbExampleIsReproducedByteForByte() throws Exception {
        NoteSigner signer = NoteKeys.signer("PeterNeumann", goPrivateKey());
        assertEquals("c74f20a3", HexFormat.of().formatHex(signer.keyHint()));
        assertEquals(GO_NOTE, Notes.sign(GO_TEXT, List.of(signer)));
        assertEquals(GO_TEXT, Notes.verify(GO_NOTE, List.of(NoteKeys.parseVerifierKey(GO_VKEY))).text());
    }

    @Test
    void rejectsVerifierKeyWhoseIdDoesNotMatchItsKey() {
        assertEquals("key.malformed", assertThrows(AttestorException.class,
                () -> NoteKeys.parseVerifierKey(SPEC_VKEY.replace("530d903a", "530d903b"))).code());
    }

    @Test
    void rejectsMalformedVerifierKeys() {
        for (String bad : List.of("example.com/foo+530d903a", "+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
                "example.com/foo+530d903+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
                "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2")) {
            assertEquals("key.malformed", assertThrows(AttestorException.class,
                    () -> NoteKeys.parseVerifierKey(bad)).code(), bad);
        }
        assertEquals("key.unsupported_algorithm", assertThrows(AttestorException.class,
                () -> NoteKeys.parseVerifierKey("example.com/foo+530d903a+BekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"))
                .code());
    }

    @Test
    void rekorProductionLogKeyHintIsThePrefixOfItsPublishedLogId() {
        PublicKey key = PublicKeys.parseSpki(Base64.getDecoder().decode(REKOR_SPKI));
        NoteVerifier v = NoteKeys.ed25519Verifier(REKOR_ORIGIN, key);
        byte[] logId = Base64.getDecoder().decode(REKOR_LOG_ID);
        assertEquals("cf119915", HexFormat.of().formatHex(v.keyHint()));
        assertArrayEquals(Arrays.copyOf(logId, 4), v.keyHint());
        assertEquals(REKOR_ORIGIN + "+cf119915+", NoteKeys.verifierKey(REKOR_ORIGIN, key).substring(0,
                REKOR_ORIGIN.length() + 10));
    }
}
