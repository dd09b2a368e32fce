package org.stellaops.attestor.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * The human form of the key API's answers: one line per key and per version, one line per driver. The
 * {@code --json} form is the service's answer, pretty-printed.
 */
final class KeyOutput {

    private KeyOutput() {
    }

    static String pretty(JsonNode json) {
        try {
            return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Prints {@code GET /api/v1/keys}: the keys with their versions, then the drivers. */
    static void listing(PrintWriter out, JsonNode answer) {
        JsonNode keys = array(answer, "keys");
        if (keys.isEmpty()) {
            out.println("no keys");
        }
        keys.forEach(key -> key(out, key));
        JsonNode drivers = array(answer, "drivers");
        out.println(drivers.isEmpty() ? "no key drivers are running" : "drivers:");
        drivers.forEach(driver -> driver(out, driver));
    }

    /** Prints one key: {@code name [shared by another tenant]} and its versions. */
    static void key(PrintWriter out, JsonNode key) {
        if (!key.isObject()) {
            throw malformed("a key is not a JSON object");
        }
        String tenant = key.has("tenant") ? " (tenant '" + key.path("tenant").asText() + "')" : "";
        out.println(key.path("name").asText() + (key.path("own").asBoolean(true) ? "" : " [shared with you]")
                + tenant);
        array(key, "versions").forEach(version -> version(out, version));
    }

    /**
     * Prints one version: number, state, algorithm, key id, driver and its lifecycle times, for example
     * {@code   v2  active   ECDSA_P256_SHA256  keyid 3b0c…  driver file  valid from 2026-03-01T12:00:00Z}.
     */
    static void version(PrintWriter out, JsonNode v) {
        if (!v.isObject()) {
            throw malformed("a key version is not a JSON object");
        }
        StringBuilder line = new StringBuilder(String.format("  v%-3d %-8s %-18s keyid %s  driver %s  valid from %s",
                v.path("version").asInt(), v.path("state").asText(), v.path("algorithm").asText(),
                v.path("keyId").asText(), v.path("driver").isTextual() ? v.path("driver").asText() : "(external)",
                v.path("validFrom").asText()));
        if (v.path("retiredAt").isTextual()) {
            line.append("  retired from ").append(v.path("retiredAt").asText());
        }
        if (v.path("revokedAt").isTextual()) {
            line.append("  revoked at ").append(v.path("revokedAt").asText()).append(" (")
                    .append(v.path("revocationReason").asText()).append(')');
        }
        if (v.path("compromisedAt").isTextual()) {
            line.append("  compromised from ").append(v.path("compromisedAt").asText());
        }
        if (v.path("shared").asBoolean()) {
            line.append("  shared");
        }
        out.println(line);
    }

    private static void driver(PrintWriter out, JsonNode d) {
        JsonNode c = d.path("capabilities");
        StringBuilder line = new StringBuilder("  " + d.path("name").asText() + "  algorithms "
                + join(c.path("algorithms")));
        line.append(c.path("exportable").asBoolean() ? "  exportable" : "  not exportable");
        if (c.path("hardwareBacked").asBoolean()) {
            line.append("  hardware-backed");
        }
        if (d.path("ceremonies").asBoolean()) {
            line.append("  signs in browser ceremonies");
        }
        if (!c.path("importFormats").isEmpty()) {
            line.append("  import ").append(join(c.path("importFormats")));
        }
        if (!c.path("exportFormats").isEmpty()) {
            line.append("  export ").append(join(c.path("exportFormats")));
        }
        out.println(line);
    }

    private static String join(JsonNode array) {
        StringBuilder text = new StringBuilder();
        array.forEach(item -> text.append(text.length() == 0 ? "" : ",").append(item.asText()));
        return text.toString();
    }

    private static JsonNode array(JsonNode answer, String member) {
        JsonNode array = answer.path(member);
        if (!array.isArray()) {
            throw malformed("it has no \"" + member + "\" array");
        }
        return array;
    }

    static CliException malformed(String why) {
        return new CliException("response.malformed", ExitCodes.UNAVAILABLE,
                "the service's answer is not what the key API answers: " + why);
    }
}
