package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.PredicateSchema;

/**
 * OpenVEX 0.2.x predicates: the official OpenVEX JSON Schema, then {@link OpenVexRules}, then the facts and product
 * digests of {@link OpenVexReader}. Immutable; safe for concurrent use.
 */
final class OpenVex {

    /** What cosign ({@code --type openvex}), vexctl and go-vex write, and the spec's ATTESTING.md shows. */
    static final String TYPE = "https://openvex.dev/ns";
    /** The versioned context URI, which some producers use as the predicate type. */
    static final String TYPE_V0_2_0 = "https://openvex.dev/ns/v0.2.0";
    /** Both types. */
    static final Set<String> TYPES = Set.of(TYPE, TYPE_V0_2_0);

    static final String SCHEMA = "/schemas/openvex/openvex_json_schema.json";

    /** The {@code $id} of the schema: keyword locations start with it. */
    static final String SCHEMA_ID = "https://github.com/openvex/spec/openvex_json_schema_0.2.0.json";

    private static final String IDENTIFIED = "a product or subcomponent needs an @id (an IRI, for example a purl) or "
            + "identifiers (purl, cpe23 or cpe22); it has neither";

    // The status rules (justification or impact statement, action statement) are the schema's allOf of if/then
    // on statements, which OpenVexRules checks with messages that say why the member is needed.
    private final PredicateSchema schema = PredicateSchema.load(OpenVex.class, SCHEMA)
            .withoutErrorsFrom(SCHEMA_ID + "#/properties/statements/items/allOf")
            .withMessage(SCHEMA_ID + "#/$defs/component/anyOf", IDENTIFIED)
            .withMessage(SCHEMA_ID + "#/$defs/subcomponent/anyOf", IDENTIFIED)
            .withMessage(SCHEMA_ID + "#/$defs/identifiers/anyOf", "identifiers needs at least one of purl, cpe22 or "
                    + "cpe23");

    /** @return the schema text as shipped */
    String schemaText() {
        return schema.text();
    }

    /**
     * @param predicate the predicate
     * @param statement the statement it came in
     * @return schema and semantic errors, warnings, facts and product digests
     */
    Analysis analyse(JsonNode predicate, Statement statement) {
        List<ValidationError> errors = new ArrayList<>(schema.validate(predicate, "/predicate"));
        List<ValidationError> warnings = new ArrayList<>();
        OpenVexRules.check(predicate, errors, warnings);
        Reading reading = OpenVexReader.read(predicate, statement);
        return new Analysis(errors, warnings, errors.isEmpty() ? reading.facts() : Map.of(), reading.claims());
    }
}
