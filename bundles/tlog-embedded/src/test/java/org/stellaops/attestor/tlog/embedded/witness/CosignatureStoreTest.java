package org.stellaops.attestor.tlog.embedded.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.Cosignatures;

class CosignatureStoreTest {

    @TempDir
    Path dir;

    private static final String NOTE_5 = note(5);
    private static final String NOTE_6 = note(6);

    /** A syntactically valid signed note; the store neither knows nor checks the log key. */
    private static String note(long size) {
        return "store.test\n" + size + "\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\u2014 store.test AAAAAAE=\n";
    }

    private static NoteSignature cosign(String name, String note) {
        try {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return Cosignatures.sign(name, keys.getPrivate(), SignedNote.parse(note).text(), 1_700_000_000L);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keepsTheUnionOfCosignaturesAddedInSeveralRoundsAcrossReopen() throws IOException {
        NoteSignature a = cosign("w/a", NOTE_5);
        NoteSignature b = cosign("w/b", NOTE_5);
        try (CosignatureStore store = CosignatureStore.open(dir)) {
            assertEquals(1, store.add(5, NOTE_5, List.of(a), true));
            assertEquals(1, store.add(5, NOTE_5, List.of(a, b), true));
            assertEquals(0, store.add(5, NOTE_5, List.of(b), true));
        }
        try (CosignatureStore store = CosignatureStore.open(dir)) {
            assertEquals(List.of(a, b), store.signatures(5));
            assertEquals(Cosignatures.addSignatures(NOTE_5, List.of(a, b)), store.cosigned(5, NOTE_5));
            assertEquals(List.of(), store.signatures(6));
            assertEquals(NOTE_6, store.cosigned(6, NOTE_6));
        }
    }

    @Test
    void servesTheCosignedFileOnlyWhileItExtendsTheLatestCheckpoint() throws IOException {
        try (CosignatureStore store = CosignatureStore.open(dir)) {
            store.add(5, NOTE_5, List.of(cosign("w/a", NOTE_5)), true);
        }
        String served = CosignatureStore.served(dir, NOTE_5);
        assertTrue(served.startsWith(NOTE_5) && served.length() > NOTE_5.length());
        assertEquals(NOTE_6, CosignatureStore.served(dir, NOTE_6), "a newer checkpoint is served plain until cosigned");
    }

    @Test
    void cutsATornRecordOffTheHistory() throws IOException {
        NoteSignature a = cosign("w/a", NOTE_5);
        try (CosignatureStore store = CosignatureStore.open(dir)) {
            store.add(5, NOTE_5, List.of(a), true);
        }
        long intact = Files.size(dir.resolve(CosignatureStore.HISTORY));
        try (FileChannel ch = FileChannel.open(dir.resolve(CosignatureStore.HISTORY), StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 1}));
        }
        try (CosignatureStore store = CosignatureStore.open(dir)) {
            assertEquals(List.of(a), store.signatures(5));
            NoteSignature b = cosign("w/b", NOTE_6);
            store.add(6, NOTE_6, List.of(b), true);
            assertEquals(List.of(b), store.signatures(6));
        }
        assertTrue(Files.size(dir.resolve(CosignatureStore.HISTORY)) > intact);
        try (CosignatureStore store = CosignatureStore.open(dir)) {
            assertEquals(1, store.signatures(6).size());
        }
    }

    @Test
    void rewritesALostServedFileFromTheHistory() throws IOException {
        try (CosignatureStore store = CosignatureStore.open(dir)) {
            store.add(5, NOTE_5, List.of(cosign("w/a", NOTE_5)), true);
        }
        String before = Files.readString(dir.resolve(CosignatureStore.LATEST), StandardCharsets.UTF_8);
        Files.delete(dir.resolve(CosignatureStore.LATEST));
        try (CosignatureStore store = CosignatureStore.open(dir)) {
            store.refreshLatest(5, NOTE_5);
        }
        assertEquals(before, CosignatureStore.served(dir, NOTE_5));
    }
}
