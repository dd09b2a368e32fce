package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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

    /** The schema requires these only through the status rules, which {@link OpenVexRules} words better. */
    private static final Pattern STATUS_MEMBERS =
            Pattern.compile("/predicate/statements/[0-9]+/(justification|impact_statement|action_statement)");

    private static final List<AlternativeMembers.Group> ALTERNATIVES = List.of(
            new AlternativeMembers.Group(List.of("@id", "identifiers"), "a product or subcomponent needs an @id "
                    + "(an IRI, for example a purl) or identifiers (purl, cpe23 or cpe22); it has neither"),
            new AlternativeMembers.Group(List.of("purl", "cpe22", "cpe23"), "identifiers needs at least one of "
                    + "purl, cpe22 or cpe23"));

    private final PredicateSchema schema = PredicateSchema.load(OpenVex.class, SCHEMA);

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
        List<ValidationError> errors = new ArrayList<>();
        for (ValidationError error : AlternativeMembers.merge(schema.validate(predicate, "/predicate"), ALTERNATIVES)) {
            boolean statusRule = AlternativeMembers.MISSING.equals(error.message())
                    && STATUS_MEMBERS.matcher(error.pointer()).matches();
            if (!statusRule) {
                errors.add(error);
            }
        }
        List<ValidationError> warnings = new ArrayList<>();
        OpenVexRules.check(predicate, errors, warnings);
        Reading reading = OpenVexReader.read(predicate, statement);
        return new Analysis(errors, warnings, errors.isEmpty() ? reading.facts() : Map.of(), reading.claims());
    }
}
