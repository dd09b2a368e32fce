package org.stellaops.attestor.tlog.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.Notes;

class SplitViewGuardTest {

    private static final String ORIGIN = "guard.test";
    private static final URI FROM = URI.create("http://127.0.0.1/checkpoint");
    private static final KeyPair KEY = Keys.p256();

    @TempDir
    Path dir;

    private final List<String> events = new ArrayList<>();
    private final V1Tree honest = new V1Tree();
    private SplitViewGuard guard;

    @BeforeEach
    void create() {
        for (int i = 0; i < 6; i++) {
            honest.append(("leaf-" + i).getBytes(StandardCharsets.UTF_8));
        }
        guard = newGuard();
    }

    private SplitViewGuard newGuard() {
        return new SplitViewGuard(new TrustedCheckpoints(dir), note -> Checkpoints.parseVerified(note,
                List.of(NoteKeys.ecdsaVerifier(ORIGIN, KEY.getPublic()))), "00ff", new LogErrors("rekor-v2", ORIGIN),
                (logId, origin, detail) -> events.add(logId + " " + origin + " " + detail));
    }

    private static Checkpoint checkpoint(V1Tree tree, long size, String... extensions) {
        StringBuilder text = new StringBuilder(Checkpoints.body(ORIGIN, size, tree.root(size)));
        for (String e : extensions) {
            text.append(e).append('\n');
        }
        return Checkpoints.parse(Notes.sign(text.toString(), List.of(NoteKeys.signer(ORIGIN, KEY.getPrivate()))));
    }

    @Test
    void trustsTheFirstCheckpointAndPersistsIt() {
        guard.check(checkpoint(honest, 3), FROM, honest::consistency);
        assertEquals(3, newGuard().trusted(ORIGIN).orElseThrow().size());
    }

    @Test
    void movesToALargerCheckpointProvenToExtendTheTrustedOne() {
        guard.check(checkpoint(honest, 2), FROM, honest::consistency);
        guard.check(checkpoint(honest, 6), FROM, honest::consistency);
        assertEquals(6, guard.trusted(ORIGIN).orElseThrow().size());
    }

    @Test
    void acceptsAnOlderCheckpointProvenToBeAPrefixAndKeepsTheNewerOne() {
        guard.check(checkpoint(honest, 5), FROM, honest::consistency);
        guard.check(checkpoint(honest, 3), FROM, honest::consistency);
        assertEquals(5, guard.trusted(ORIGIN).orElseThrow().size());
        assertTrue(events.isEmpty());
    }

    @Test
    void acceptsTheSameTreeHeadWithAnotherTimestampLine() {
        guard.check(checkpoint(honest, 4, "Timestamp: 1"), FROM, honest::consistency);
        guard.check(checkpoint(honest, 4, "Timestamp: 2"), FROM, honest::consistency);
        assertTrue(events.isEmpty());
    }

    @Test
    void refusesASmallerCheckpointOfAnotherTree() {
        V1Tree fork = new V1Tree();
        fork.append("other".getBytes(StandardCharsets.UTF_8));
        fork.append("tree".getBytes(StandardCharsets.UTF_8));
        guard.check(checkpoint(honest, 4), FROM, honest::consistency);
        TransparencyLogException e = assertThrows(TransparencyLogException.class,
                () -> guard.check(checkpoint(fork, 2), FROM, honest::consistency));
        assertEquals(TransparencyLogException.SPLIT_VIEW, e.code());
        assertEquals(1, events.size());
        assertTrue(events.get(0).startsWith("00ff " + ORIGIN + " "), events.get(0));
    }

    @Test
    void refusesALargerCheckpointWhoseProofComesFromAnotherTree() {
        V1Tree fork = new V1Tree();
        for (int i = 0; i < 6; i++) {
            fork.append(("fork-" + i).getBytes(StandardCharsets.UTF_8));
        }
        guard.check(checkpoint(honest, 3), FROM, honest::consistency);
        TransparencyLogException e = assertThrows(TransparencyLogException.class,
                () -> guard.check(checkpoint(fork, 6), FROM, fork::consistency));
        assertEquals(TransparencyLogException.SPLIT_VIEW, e.code());
        assertEquals(3, newGuard().trusted(ORIGIN).orElseThrow().size());
    }
}
