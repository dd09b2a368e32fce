package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The official schemas are shipped exactly as SOURCE.md describes them, and every reference they make is shipped. */
class ShippedSchemasTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|.*\\| `([0-9a-f]{64})` \\|$",
            Pattern.MULTILINE);
    private static final List<String> FORMATS = List.of("cyclonedx", "spdx");

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = ShippedSchemasTest.class.getResourceAsStream(path)) {
            assertNotNull(in, () -> "not in the bundle: " + path);
            return in.readAllBytes();
        }
    }

    private static Map<String, String> listedDigests(String format) throws IOException {
        String source = new String(resource("/schemas/" + format + "/SOURCE.md"), StandardCharsets.UTF_8);
        Map<String, String> digests = new LinkedHashMap<>();
        Matcher row = ROW.matcher(source);
        while (row.find()) {
            digests.put(row.group(1), row.group(2));
        }
        return digests;
    }

    @Test
    void shipsEverySchemaWithTheSha256ItsSourceNoteGives() throws Exception {
        for (String format : FORMATS) {
            Map<String, String> listed = listedDigests(format);
            assertTrue(!listed.isEmpty(), () -> "no file rows in SOURCE.md of " + format);
            for (Map.Entry<String, String> file : listed.entrySet()) {
                assertEquals(file.getValue(), sha256(resource("/schemas/" + format + "/" + file.getKey())),
                        () -> format + "/" + file.getKey() + " is not the published file (line ends converted?)");
            }
        }
    }

    @Test
    void shipsNoSchemaThatItsSourceNoteDoesNotDescribe() throws Exception {
        for (String format : FORMATS) {
            try (Stream<Path> files = Files.list(Path.of("src/main/resources/schemas", format))) {
                Set<String> shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(new TreeSet<>(listedDigests(format).keySet()), shipped);
            }
        }
    }

    @Test
    void mapsEveryReferenceOfEverySchemaToAShippedResource() throws Exception {
        for (SbomSchema schema : SbomSchema.values()) {
            JsonNode root = TestStatements.MAPPER.readTree(resource(schema.resource()));
            URI base = URI.create(root.path("$id").asText());
            for (String reference : externalReferences(root)) {
                URI resolved = base.resolve(reference);
                String iri = new URI(resolved.getScheme(), resolved.getSchemeSpecificPart(), null).toString();
                String mapped = schema.references().get(iri);
                assertNotNull(mapped, () -> schema + " refers to " + iri + ", which is not mapped");
                assertNotNull(ShippedSchemasTest.class.getResource(mapped), () -> mapped + " is not shipped");
            }
        }
    }

    @Test
    void publishesTheCycloneDxReferencesUnderTheIdsTheyDeclare() throws Exception {
        for (Map.Entry<String, String> reference : SbomSchema.CYCLONEDX_1_6.references().entrySet()) {
            assertEquals(reference.getKey(), TestStatements.MAPPER.readTree(resource(reference.getValue()))
                    .path("$id").asText());
        }
    }

    private static List<String> externalReferences(JsonNode schema) {
        List<String> references = new ArrayList<>();
        List<JsonNode> pending = new ArrayList<>(List.of(schema));
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            JsonNode reference = node.get("$ref");
            if (reference != null && reference.isTextual() && !reference.asText().startsWith("#")) {
                references.add(reference.asText());
            }
            node.forEach(pending::add);
        }
        return references;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
