package org.stellaops.attestor.sdk.json;

/**
 * Limits applied while parsing untrusted JSON.
 *
 * @param maxBytes largest accepted input, in bytes
 * @param maxDepth deepest accepted nesting of arrays and objects (a top-level object has depth 1)
 */
public record JsonLimits(int maxBytes, int maxDepth) {

    /** 4 MiB (Rekor v2's request limit) and 64 levels. */
    public static final JsonLimits DEFAULT = new JsonLimits(4 * 1024 * 1024, 64);

    /**
     * Validates the limits.
     *
     * @param maxBytes at least 1
     * @param maxDepth at least 1
     */
    public JsonLimits {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("JSON limits must be positive");
        }
    }
}
