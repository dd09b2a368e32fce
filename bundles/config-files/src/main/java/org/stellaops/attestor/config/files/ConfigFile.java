package org.stellaops.attestor.config.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One configuration file: {@code <pid>.json} for a singleton configuration or {@code <factoryPid>~<name>.json} for
 * one instance of a factory configuration. The content is a flat JSON object whose values are strings, numbers,
 * booleans, or arrays of one of those; anything else is refused so a typo never becomes a silently different
 * setting.
 *
 * @param fileName the file's name, the identity used to find its configuration again
 * @param pid the singleton PID, or the factory PID
 * @param name the factory instance name, or empty for a singleton
 * @param properties the properties to apply, in file order
 * @param sha256 hex SHA-256 of the file bytes, to skip updates when nothing changed
 */
record ConfigFile(String fileName, String pid, Optional<String> name, Map<String, Object> properties, String sha256) {

    /** Code of every parse failure. */
    static final String MALFORMED = "config.malformed";
    /** Properties the loader adds to every configuration it manages. */
    static final String SOURCE_PROPERTY = "attestor.config.source";
    static final String HASH_PROPERTY = "attestor.config.sha256";

    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");
    private static final JsonLimits LIMITS = new JsonLimits(1024 * 1024, 8);

    /**
     * @param fileName a name ending in {@code .json}
     * @return true if the loader should read it (hidden and temporary files are skipped)
     */
    static boolean isCandidate(String fileName) {
        return fileName.endsWith(".json") && !fileName.startsWith(".");
    }

    /**
     * Parses a file.
     *
     * @param fileName its name
     * @param bytes its content
     * @return the configuration it describes
     * @throws AttestorException {@value #MALFORMED} naming the reason
     */
    static ConfigFile parse(String fileName, byte[] bytes) {
        if (!isCandidate(fileName)) {
            throw new AttestorException(MALFORMED, fileName + ": not a .json file");
        }
        String stem = fileName.substring(0, fileName.length() - ".json".length());
        int tilde = stem.indexOf('~');
        String pid = tilde < 0 ? stem : stem.substring(0, tilde);
        Optional<String> name = tilde < 0 ? Optional.empty() : Optional.of(stem.substring(tilde + 1));
        if (!PID.matcher(pid).matches() || name.map(n -> !PID.matcher(n).matches()).orElse(false)) {
            throw new AttestorException(MALFORMED, fileName + ": name must be <pid>.json or <factoryPid>~<name>.json");
        }
        JsonNode root;
        try {
            root = StrictJson.parse(bytes, LIMITS);
        } catch (AttestorException e) {
            throw new AttestorException(MALFORMED, fileName + ": " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new AttestorException(MALFORMED, fileName + ": must hold a JSON object");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().isEmpty() || field.getKey().startsWith("attestor.config.")
                    || field.getKey().equals("service.pid") || field.getKey().equals("service.factoryPid")) {
                throw new AttestorException(MALFORMED, fileName + ": property name '" + field.getKey() + "' is reserved");
            }
            properties.put(field.getKey(), value(fileName, field.getKey(), field.getValue()));
        }
        return new ConfigFile(fileName, pid, name, Map.copyOf(properties), sha256(bytes));
    }

    private static Object value(String fileName, String key, JsonNode node) {
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(scalar(fileName, key, item)));
            return array(fileName, key, items);
        }
        return scalar(fileName, key, node);
    }

    private static Object scalar(String fileName, String key, JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            return node.doubleValue();
        }
        throw new AttestorException(MALFORMED, fileName + ": '" + key
                + "' must be a string, number, boolean or an array of them");
    }

    /** ConfigAdmin wants homogeneous arrays of one wrapper type. */
    private static Object array(String fileName, String key, List<Object> items) {
        if (items.isEmpty() || items.stream().allMatch(String.class::isInstance)) {
            return items.toArray(new String[0]);
        }
        if (items.stream().allMatch(Long.class::isInstance)) {
            return items.toArray(new Long[0]);
        }
        if (items.stream().allMatch(Boolean.class::isInstance)) {
            return items.toArray(new Boolean[0]);
        }
        if (items.stream().allMatch(Double.class::isInstance)) {
            return items.toArray(new Double[0]);
        }
        throw new AttestorException(MALFORMED, fileName + ": array '" + key + "' mixes value types");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    /** @return a one-line description for logs */
    String describe() {
        return name.map(n -> pid + "~" + n).orElse(pid) + " from " + fileName + " (sha256 " + sha256.substring(0, 12) + ")";
    }
}
