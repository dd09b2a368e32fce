package org.stellaops.attestor.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checked arguments of {@code stella attest policy}: policy ids (so that a path never needs escaping), version
 * numbers, documents read from files with their media type, and query values.
 */
final class PolicyArgs {

    static final String YAML_TYPE = "application/yaml";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** A policy document read from a file. */
    record Document(byte[] bytes, boolean yaml) {
        String contentType() {
            return yaml ? YAML_TYPE : AttestorClient.JSON_TYPE;
        }
    }

    private PolicyArgs() {
    }

    /** @return the policy id: 1 to 128 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit */
    static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw CliException.usage("usage.bad_policy_id", "--id must be 1 to 128 characters of A-Z a-z 0-9 . _ -, "
                    + "starting with a letter or digit: " + id, null);
        }
        return id;
    }

    /** @return a version number from 1 */
    static int version(String option, Integer version) {
        if (version == null || version < 1) {
            throw CliException.usage("usage.bad_version", option + " must be a version number from 1: " + version, null);
        }
        return version;
    }

    /**
     * @param file a policy document; {@code .yaml} / {@code .yml} files are YAML, every other file JSON
     * @return its bytes as written and whether it is YAML
     */
    static Document document(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return new Document(CliFiles.read(file, "policy document"), name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** @return {@code ?comment=<encoded>} or "" */
    static String commentQuery(String comment) {
        return comment == null || comment.isEmpty() ? ""
                : "?comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8);
    }
}
