package org.stellaops.attestor.predicate.vex;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Json;

/**
 * The CycloneDX VEX rules the BOM schema does not express: a VEX has vulnerabilities, each naming its id and an
 * {@code analysis.state}; {@code not_affected} needs a justification ("Justification should be specified for all
 * not_affected cases", CycloneDX 1.4–1.6 {@code impactAnalysisState}); {@code exploitable} needs an action (a
 * {@code response}, which CycloneDX "strongly encourages" for exploitable, or a {@code recommendation} or
 * {@code workaround}); every {@code affects[].ref} names an element of this BOM or is a BOM-Link; bom-refs are unique.
 * As a warning: an analysis updated before it was first issued.
 */
final class CycloneDxRules {

    static final String STATES = "resolved, resolved_with_pedigree, exploitable, in_triage, false_positive or "
            + "not_affected";
    static final String JUSTIFICATIONS = "code_not_present, code_not_reachable, requires_configuration, "
            + "requires_dependency, requires_environment, protected_by_compiler, protected_at_runtime, "
            + "protected_at_perimeter or protected_by_mitigating_control";
    static final String RESPONSES = "can_not_fix, will_not_fix, update, rollback or workaround_available";

    private final BomIndex index;
    private final String serialNumber;
    private final long bomVersion;
    private final List<ValidationError> errors;
    private final List<ValidationError> warnings;

    private CycloneDxRules(JsonNode bom, BomIndex index, List<ValidationError> errors, List<ValidationError> warnings) {
        this.index = index;
        this.serialNumber = Json.nonBlank(bom, "serialNumber");
        this.bomVersion = bomVersion(bom);
        this.errors = errors;
        this.warnings = warnings;
    }

    /** @return the BOM's {@code version}, 1 when unset (its default) */
    static long bomVersion(JsonNode bom) {
        JsonNode version = bom.path("version");
        return version.isIntegralNumber() && version.canConvertToLong() ? version.longValue() : 1;
    }

    /**
     * Applies the rules; tolerates a BOM the schema rejected.
     *
     * @param bom the BOM (the predicate)
     * @param index its bom-refs
     * @param errors receives the errors
     * @param warnings receives the warnings
     */
    static void check(JsonNode bom, BomIndex index, List<ValidationError> errors, List<ValidationError> warnings) {
        errors.addAll(index.duplicates());
        new CycloneDxRules(bom, index, errors, warnings).checkVulnerabilities(bom);
    }

    private void checkVulnerabilities(JsonNode bom) {
        JsonNode vulnerabilities = bom.get("vulnerabilities");
        String need = "a CycloneDX VEX needs vulnerabilities, each with an id, an analysis.state and the "
                + "components it affects";
        if (vulnerabilities == null || vulnerabilities.isNull()) {
            errors.add(new ValidationError("/predicate/vulnerabilities", "required member is missing: " + need));
            return;
        }
        if (vulnerabilities.isArray() && vulnerabilities.isEmpty()) {
            errors.add(new ValidationError("/predicate/vulnerabilities", "is empty: " + need));
        }
        int position = 0;
        for (JsonNode vulnerability : Json.elements(bom.get("vulnerabilities"))) {
            String pointer = "/predicate/vulnerabilities/" + position++;
            if (vulnerability.isObject()) {
                checkId(vulnerability, pointer);
                checkAnalysis(vulnerability, pointer);
                checkAffects(vulnerability, pointer);
            }
        }
    }

    private void checkId(JsonNode vulnerability, String pointer) {
        String need = "a VEX statement names its vulnerability, for example CVE-2021-44228 or GHSA-jfh8-c2jp-5v3q";
        if (!Json.present(vulnerability, "id")) {
            errors.add(new ValidationError(pointer + "/id", "required member is missing: " + need));
        } else if (Json.blank(vulnerability, "id")) {
            errors.add(new ValidationError(pointer + "/id", "is empty: " + need));
        }
    }

    private void checkAnalysis(JsonNode vulnerability, String pointer) {
        if (!Json.present(vulnerability, "analysis")) {
            errors.add(new ValidationError(pointer + "/analysis", "required member is missing: a VEX statement "
                    + "needs an analysis with its state (" + STATES + ")"));
            return;
        }
        JsonNode analysis = Json.object(vulnerability, "analysis");
        if (analysis == null) {
            return;
        }
        if (!Json.present(analysis, "state")) {
            errors.add(new ValidationError(pointer + "/analysis/state", "required member is missing: a VEX "
                    + "statement needs analysis.state (" + STATES + ")"));
        }
        String state = Json.nonBlank(analysis, "state");
        if ("not_affected".equals(state) && !Json.present(analysis, "justification")) {
            errors.add(new ValidationError(pointer + "/analysis/justification", "analysis.state not_affected needs "
                    + "analysis.justification (" + JUSTIFICATIONS + ")"));
        }
        if ("exploitable".equals(state) && !hasAction(vulnerability, analysis)) {
            String problem = analysis.path("response").isArray() ? "is empty, and analysis.state exploitable needs"
                    : "analysis.state exploitable needs";
            errors.add(new ValidationError(pointer + "/analysis/response", problem + " an action: at least one "
                    + "response (" + RESPONSES + "), or a recommendation or workaround on the vulnerability"));
        }
        Optional<OffsetDateTime> issued = Json.dateTime(analysis.get("firstIssued"));
        Optional<OffsetDateTime> updated = Json.dateTime(analysis.get("lastUpdated"));
        if (issued.isPresent() && updated.isPresent() && updated.get().isBefore(issued.get())) {
            warnings.add(new ValidationError(pointer + "/analysis/lastUpdated", "is earlier than firstIssued ("
                    + updated.get() + " < " + issued.get() + "): an analysis cannot be updated before it was issued"));
        }
    }

    private static boolean hasAction(JsonNode vulnerability, JsonNode analysis) {
        JsonNode response = analysis.get("response");
        boolean responded = response != null && !response.isNull() && !(response.isArray() && response.isEmpty());
        return responded || Json.nonBlank(vulnerability, "recommendation") != null
                || Json.nonBlank(vulnerability, "workaround") != null;
    }

    private void checkAffects(JsonNode vulnerability, String pointer) {
        int position = 0;
        for (JsonNode affect : Json.elements(vulnerability.get("affects"))) {
            String refPointer = pointer + "/affects/" + position++ + "/ref";
            String ref = affect.isObject() ? Json.nonBlank(affect, "ref") : null;
            if (ref != null) {
                checkRef(ref, refPointer);
            }
        }
    }

    private void checkRef(String ref, String pointer) {
        BomLink link = BomLink.parse(ref);
        if (link != null) {
            if (link.bomRef() != null && link.pointsInto(serialNumber, bomVersion) && index.find(link.bomRef()) == null) {
                errors.add(new ValidationError(pointer, "the BOM-Link '" + ref + "' points into this BOM ("
                        + serialNumber + ", version " + bomVersion + "), but no component or service has bom-ref '"
                        + link.bomRef() + "'"));
            }
            return;
        }
        if (index.find(ref) != null) {
            return;
        }
        if (ref.startsWith(BomLink.PREFIX)) {
            // the schemas accept any string as a local bom-ref, so a mistyped BOM-Link would pass unnoticed
            errors.add(new ValidationError(pointer, "'" + ref + "' is neither a bom-ref of this BOM nor a BOM-Link "
                    + "of the form urn:cdx:<serial-number-uuid>/<version>#<bom-ref>"));
        } else {
            errors.add(new ValidationError(pointer, "'" + ref + "' is not the bom-ref of any component or service "
                    + "in this BOM; add the component, or refer to an element of another BOM with a BOM-Link "
                    + "(urn:cdx:<serial-number-uuid>/<version>#<bom-ref>)"));
        }
    }
}
