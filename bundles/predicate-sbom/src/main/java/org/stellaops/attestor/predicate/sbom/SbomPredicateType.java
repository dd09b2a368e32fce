package org.stellaops.attestor.predicate.sbom;

import java.util.Arrays;
import java.util.Optional;

/**
 * The predicate type URIs this bundle claims. The unversioned types accept every supported version of their format
 * (the document's own version member decides which schema applies); a versioned type also requires the document to be
 * of that version.
 */
enum SbomPredicateType {
    /** CycloneDX, any supported version: the type cosign and the in-toto predicate list use. */
    CYCLONEDX("https://cyclonedx.org/bom", SbomFormat.CYCLONEDX, null),
    /** CycloneDX 1.4 (the in-toto predicate list's example type). */
    CYCLONEDX_1_4("https://cyclonedx.org/bom/v1.4", SbomFormat.CYCLONEDX, SbomSchema.CYCLONEDX_1_4),
    /** CycloneDX 1.5. */
    CYCLONEDX_1_5("https://cyclonedx.org/bom/v1.5", SbomFormat.CYCLONEDX, SbomSchema.CYCLONEDX_1_5),
    /** CycloneDX 1.6. */
    CYCLONEDX_1_6("https://cyclonedx.org/bom/v1.6", SbomFormat.CYCLONEDX, SbomSchema.CYCLONEDX_1_6),
    /** SPDX 2, any supported version: the type cosign and the in-toto SPDX v2 predicate use. */
    SPDX("https://spdx.dev/Document", SbomFormat.SPDX, null),
    /** SPDX 2.2. */
    SPDX_2_2("https://spdx.dev/Document/v2.2", SbomFormat.SPDX, SbomSchema.SPDX_2_2),
    /** SPDX 2.3 (the in-toto SPDX v2 predicate's versioned type). */
    SPDX_2_3("https://spdx.dev/Document/v2.3", SbomFormat.SPDX, SbomSchema.SPDX_2_3);

    private final String uri;
    private final SbomFormat format;
    private final SbomSchema declared;

    SbomPredicateType(String uri, SbomFormat format, SbomSchema declared) {
        this.uri = uri;
        this.format = format;
        this.declared = declared;
    }

    /** @return the predicate type URI, compared by exact string equality */
    String uri() {
        return uri;
    }

    /** @return the format */
    SbomFormat format() {
        return format;
    }

    /** @return the version the type names, empty for an unversioned type */
    Optional<SbomSchema> declared() {
        return Optional.ofNullable(declared);
    }

    /** @return the schema published for this type: its own version's, or the format's newest for an unversioned type */
    SbomSchema publishedSchema() {
        return declared != null ? declared : SbomSchema.newest(format);
    }

    /**
     * @param schema a format version
     * @return the versioned type of that version
     */
    static SbomPredicateType versioned(SbomSchema schema) {
        return Arrays.stream(values()).filter(t -> t.declared == schema).findFirst().orElseThrow();
    }

    /**
     * @param format a format
     * @return its unversioned type
     */
    static SbomPredicateType unversioned(SbomFormat format) {
        return Arrays.stream(values()).filter(t -> t.format == format && t.declared == null).findFirst().orElseThrow();
    }
}
