package org.stellaops.attestor.sdk.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The transparency-dev/merkle proof vectors (copied into src/test/resources/merkle): every case with
 * {@code wantErr=false} must verify and every case with {@code wantErr=true} must be rejected.
 */
class MerkleVectorsTest {

    private static final int TOTAL_CASES = 196;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(Path file, JsonNode json) {
        boolean inclusion() {
            return json.has("leafIdx");
        }

        boolean wantErr() {
            return json.get("wantErr").asBoolean();
        }

        String name() {
            return file.toString();
        }
    }

    static List<Case> loadCases() {
        URL root = MerkleVectorsTest.class.getResource("/merkle");
        if (root == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            List<Case> cases = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList())) {
                cases.add(new Case(f, JSON.readTree(f.toFile())));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void run(Case c) {
        if (c.inclusion()) {
            JsonNode j = c.json();
            InclusionProofs.verify(j.get("leafIdx").asLong(), j.get("treeSize").asLong(), bytes(j.get("leafHash")),
                    hashes(j.get("proof")), bytes(j.get("root")));
        } else {
            JsonNode j = c.json();
            ConsistencyProofs.verify(j.get("size1").asLong(), j.get("size2").asLong(), bytes(j.get("root1")),
                    bytes(j.get("root2")), hashes(j.get("proof")));
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node == null || node.isNull() ? null : Base64.getDecoder().decode(node.asText());
    }

    private static List<byte[]> hashes(JsonNode node) {
        List<byte[]> out = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.forEach(h -> out.add(Base64.getDecoder().decode(h.asText())));
        }
        return out;
    }

    @Test
    void vectorFolderHoldsAll196Cases() {
        List<Case> cases = loadCases();
        assertEquals(TOTAL_CASES, cases.size());
        assertTrue(cases.stream().anyMatch(Case::inclusion));
        assertTrue(cases.stream().anyMatch(c -> !c.inclusion()));
    }

    @Test
    void everyVectorBehavesAsExpectedAndAll196Ran() {
        int ran = 0;
        int accepted = 0;
        for (Case c : loadCases()) {
            if (c.wantErr()) {
                MerkleProofException e = assertThrows(MerkleProofException.class, () -> run(c), c.name());
                assertEquals("merkle.invalid_proof", e.code());
            } else {
                assertDoesNotThrow(() -> run(c), c.name());
                accepted++;
            }
            ran++;
        }
        assertEquals(TOTAL_CASES, ran);
        assertEquals(12, accepted);
    }

    @TestFactory
    Stream<DynamicTest> eachVector() {
        return loadCases().stream().map(c -> DynamicTest.dynamicTest(c.file().getParent().getFileName() + "/"
                + c.file().getFileName() + (c.wantErr() ? " is rejected" : " verifies"), () -> {
                    if (c.wantErr()) {
                        assertThrows(MerkleProofException.class, () -> run(c));
                    } else {
                        run(c);
                    }
                }));
    }
}
