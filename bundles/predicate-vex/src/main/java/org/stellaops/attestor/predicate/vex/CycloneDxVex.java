package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.PredicateSchema;

/**
 * CycloneDX VEX predicates: a CycloneDX 1.4, 1.5 or 1.6 BOM whose {@code vulnerabilities} carry the analyses. The
 * official schema of the BOM's {@code specVersion}, then {@link CycloneDxRules}, then the facts and digests of
 * {@link CycloneDxReader}. Immutable; safe for concurrent use.
 */
final class CycloneDxVex {

    /** The predicate type used for CycloneDX VEX attestations in practice. */
    static final String TYPE = "https://cyclonedx.org/vex";

    /** The specVersion whose schema {@link #schemaText()} publishes. */
    static final String LATEST = "1.6";

    /** Every {@code $ref} IRI the BOM schemas use, mapped to the copy shipped in this bundle. */
    static final Map<String, String> REFERENCES = Map.of(
            "http://cyclonedx.org/schema/spdx.schema.json", "/schemas/cyclonedx/spdx.schema.json",
            "http://cyclonedx.org/schema/jsf-0.82.schema.json", "/schemas/cyclonedx/jsf-0.82.schema.json");

    private final Map<String, PredicateSchema> schemas = new LinkedHashMap<>();

    /** Loads and compiles the three BOM schemas. */
    CycloneDxVex() {
        for (String version : List.of("1.4", "1.5", "1.6")) {
            schemas.put(version, PredicateSchema.load(CycloneDxVex.class,
                    "/schemas/cyclonedx/bom-" + version + ".schema.json", REFERENCES));
        }
    }

    /** @return the newest BOM schema as shipped */
    String schemaText() {
        return schemas.get(LATEST).text();
    }

    /**
     * @param bom the predicate
     * @param statement the statement it came in
     * @return schema and semantic errors, warnings, facts and the described component's digests
     */
    Analysis analyse(JsonNode bom, Statement statement) {
        JsonNode specVersion = bom.get("specVersion");
        PredicateSchema schema = specVersion != null && specVersion.isTextual() ? schemas.get(specVersion.asText())
                : null;
        if (schema == null) {
            return Analysis.rejected(List.of(specVersionError(specVersion)));
        }
        List<ValidationError> errors = new ArrayList<>(schema.validate(bom, "/predicate"));
        List<ValidationError> warnings = new ArrayList<>();
        BomIndex index = BomIndex.of(bom);
        CycloneDxRules.check(bom, index, errors, warnings);
        Reading reading = CycloneDxReader.read(bom, specVersion.asText(), index, statement);
        return new Analysis(errors, warnings, errors.isEmpty() ? reading.facts() : Map.of(), reading.claims());
    }

    private static ValidationError specVersionError(JsonNode specVersion) {
        String accepted = "a CycloneDX VEX is a BOM of specVersion 1.4, 1.5 or 1.6 (the versions whose schemas "
                + "this handler ships; vulnerability analyses exist since 1.4)";
        if (specVersion == null || specVersion.isNull()) {
            return new ValidationError("/predicate/specVersion", "required member is missing: " + accepted);
        }
        return new ValidationError("/predicate/specVersion", accepted + ", not " + specVersion);
    }
}
