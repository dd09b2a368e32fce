package org.stellaops.attestor.predicate.sbom;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * One version of an SBOM format, with the official JSON Schema shipped in this bundle for it and the schemas that
 * schema references (by the absolute IRI it references them with).
 */
enum SbomSchema {
    /** CycloneDX 1.4. */
    CYCLONEDX_1_4(SbomFormat.CYCLONEDX, "1.4", "1.4", "/schemas/cyclonedx/bom-1.4.schema.json"),
    /** CycloneDX 1.5. */
    CYCLONEDX_1_5(SbomFormat.CYCLONEDX, "1.5", "1.5", "/schemas/cyclonedx/bom-1.5.schema.json"),
    /** CycloneDX 1.6. */
    CYCLONEDX_1_6(SbomFormat.CYCLONEDX, "1.6", "1.6", "/schemas/cyclonedx/bom-1.6.schema.json"),
    /** SPDX 2.2. */
    SPDX_2_2(SbomFormat.SPDX, "2.2", "SPDX-2.2", "/schemas/spdx/spdx-schema-2.2.2.json"),
    /** SPDX 2.3. */
    SPDX_2_3(SbomFormat.SPDX, "2.3", "SPDX-2.3", "/schemas/spdx/spdx-schema-v2.3.json");

    /**
     * The CycloneDX BOM schemas reference the SPDX licence-id list and the JSON Signature Format schema relative to
     * their {@code $id} ({@code http://cyclonedx.org/schema/bom-1.6.schema.json}): these are the absolute IRIs.
     */
    private static final Map<String, String> CYCLONEDX_REFERENCES = Map.of(
            "http://cyclonedx.org/schema/spdx.schema.json", "/schemas/cyclonedx/spdx.schema.json",
            "http://cyclonedx.org/schema/jsf-0.82.schema.json", "/schemas/cyclonedx/jsf-0.82.schema.json");

    private final SbomFormat format;
    private final String version;
    private final String documentValue;
    private final String resource;

    SbomSchema(SbomFormat format, String version, String documentValue, String resource) {
        this.format = format;
        this.version = version;
        this.documentValue = documentValue;
        this.resource = resource;
    }

    /** @return the format */
    SbomFormat format() {
        return format;
    }

    /** @return the version as the {@code sbom.specVersion} fact gives it ({@code 1.6}, {@code 2.3}) */
    String version() {
        return version;
    }

    /** @return the version member's value in a document of this version ({@code 1.6}, {@code SPDX-2.3}) */
    String documentValue() {
        return documentValue;
    }

    /** @return the class-path location of the main schema */
    String resource() {
        return resource;
    }

    /** @return the schemas the main schema references, by absolute IRI */
    Map<String, String> references() {
        return format == SbomFormat.CYCLONEDX ? CYCLONEDX_REFERENCES : Map.of();
    }

    /**
     * @param format a format
     * @param documentValue the value of the format's version member
     * @return the schema version whose document value equals it exactly
     */
    static Optional<SbomSchema> forDocument(SbomFormat format, String documentValue) {
        return Arrays.stream(values()).filter(s -> s.format == format && s.documentValue.equals(documentValue))
                .findFirst();
    }

    /**
     * @param format a format
     * @return its newest version
     */
    static SbomSchema newest(SbomFormat format) {
        SbomSchema newest = null;
        for (SbomSchema schema : values()) {
            if (schema.format == format) {
                newest = schema;
            }
        }
        return newest;
    }
}
