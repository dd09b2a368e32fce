package org.stellaops.attestor.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Realistic in-toto v1 Statements with a SLSA v1 provenance predicate, padded to a target size with resolved
 * dependencies (as a real Maven build lists them). Each sequence number gives a different subject name and digest,
 * so every statement of a run is a new attestation for the service.
 */
public final class ProvenanceStatements {

    /** The in-toto Statement v1 type. */
    public static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";
    /** The SLSA provenance v1 predicate type. */
    public static final String SLSA_V1 = "https://slsa.dev/provenance/v1";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final String runId;
    private final int dependencies;

    /**
     * Calibrates the number of padding dependencies so that statements are at least {@code minBytes} long.
     *
     * @param runId distinguishes the subjects of this run from those of every other run
     * @param minBytes the smallest statement size wanted, in UTF-8 bytes
     */
    public ProvenanceStatements(String runId, int minBytes) {
        this.runId = runId;
        int count = 0;
        while (build(0, count).length < minBytes) {
            count++;
        }
        this.dependencies = count;
    }

    /**
     * Builds the statement with the given sequence number.
     *
     * @param sequence distinguishes the subject within the run
     * @return the statement as compact UTF-8 JSON
     */
    public byte[] statement(long sequence) {
        return build(sequence, dependencies);
    }

    /** @return the subject name of the statement with this sequence number */
    public String subjectName(long sequence) {
        return "pkg:generic/stellaops/bench-" + runId + "/artifact-" + sequence + "@1.0.0";
    }

    private byte[] build(long sequence, int padding) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("_type", STATEMENT_V1);
        ObjectNode subject = root.putArray("subject").addObject();
        subject.put("name", subjectName(sequence));
        subject.putObject("digest").put("sha256", sha256Hex(runId + "/" + sequence));
        root.put("predicateType", SLSA_V1);
        ObjectNode predicate = root.putObject("predicate");
        buildDefinition(predicate.putObject("buildDefinition"), sequence, padding);
        runDetails(predicate.putObject("runDetails"), sequence);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serialises", e);
        }
    }

    private void buildDefinition(ObjectNode definition, long sequence, int padding) {
        definition.put("buildType", "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1");
        ObjectNode external = definition.putObject("externalParameters");
        ObjectNode workflow = external.putObject("workflow");
        workflow.put("ref", "refs/heads/main");
        workflow.put("repository", "https://github.com/stellaops/attestor");
        workflow.put("path", ".github/workflows/build.yml");
        external.putObject("inputs").put("sequence", sequence);
        definition.putObject("internalParameters").putObject("github")
                .put("event_name", "push").put("runner_environment", "github-hosted");
        ArrayNode resolved = definition.putArray("resolvedDependencies");
        ObjectNode source = resolved.addObject();
        source.put("uri", "git+https://github.com/stellaops/attestor@refs/heads/main");
        source.putObject("digest").put("gitCommit", sha256Hex("commit/" + runId + "/" + sequence).substring(0, 40));
        for (int i = 0; i < padding; i++) {
            ObjectNode dep = resolved.addObject();
            dep.put("uri", "pkg:maven/org.example.bench/library-" + i + "@1." + i + ".0");
            dep.putObject("digest").put("sha256", sha256Hex("library-" + i));
        }
    }

    private void runDetails(ObjectNode details, long sequence) {
        details.putObject("builder").put("id", "https://github.com/slsa-framework/slsa-github-generator/"
                + ".github/workflows/builder_maven_slsa3.yml@refs/tags/v2.1.0");
        ObjectNode metadata = details.putObject("metadata");
        metadata.put("invocationId", "https://github.com/stellaops/attestor/actions/runs/" + runId + "/" + sequence);
        metadata.put("startedOn", "2026-01-01T12:00:00Z");
        metadata.put("finishedOn", "2026-01-01T12:07:42Z");
    }

    private static String sha256Hex(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
