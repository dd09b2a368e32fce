package org.stellaops.attestor.sdk.intoto;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.sdk.ErrorCodes;

/** Validation of one in-toto subject digest entry. */
final class SubjectDigests {

    /** Hex length of each sha2/sha3 digest as named by the in-toto digest set. */
    private static final Map<String, Integer> HEX_LENGTHS = Map.ofEntries(
            Map.entry("sha224", 56), Map.entry("sha256", 64), Map.entry("sha384", 96), Map.entry("sha512", 128),
            Map.entry("sha512_224", 56), Map.entry("sha512_256", 64),
            Map.entry("sha3_224", 56), Map.entry("sha3_256", 64), Map.entry("sha3_384", 96),
            Map.entry("sha3_512", 128));
    private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern API_ALGORITHM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern API_HEX = Pattern.compile("([0-9a-f]{2}){1,128}");

    private SubjectDigests() {
    }

    /**
     * @return the digest, or null if it is valid but not representable as an API {@link Digest}
     */
    static Digest check(int subject, String algorithm, JsonNode value) {
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw Statements.error(ErrorCodes.STATEMENT_BAD_SUBJECT_DIGEST,
                    "subject " + subject + " digest " + algorithm + " must be a non-empty string");
        }
        String hex = value.textValue();
        Integer length = HEX_LENGTHS.get(algorithm);
        if (length != null && (hex.length() != length || !LOWER_HEX.matcher(hex).matches())) {
            throw Statements.error(ErrorCodes.STATEMENT_BAD_SUBJECT_DIGEST, "subject " + subject + " digest "
                    + algorithm + " must be " + length + " lowercase hex characters");
        }
        if (algorithm.equals("gitCommit") && ((hex.length() != 40 && hex.length() != 64)
                || !LOWER_HEX.matcher(hex).matches())) {
            throw Statements.error(ErrorCodes.STATEMENT_BAD_SUBJECT_DIGEST, "subject " + subject
                    + " digest gitCommit must be 40 (SHA-1) or 64 (SHA-256) lowercase hex characters");
        }
        if (!API_ALGORITHM.matcher(algorithm).matches() || !API_HEX.matcher(hex).matches()) {
            return null;
        }
        return new Digest(algorithm, hex);
    }
}
