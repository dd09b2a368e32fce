package org.stellaops.attestor.predicate.vex;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Json;
import org.stellaops.attestor.predicate.support.Pointers;

/**
 * The OpenVEX 0.2 rules the JSON Schema does not express, or expresses with messages a producer cannot act on:
 * the {@code @context} naming an OpenVEX 0.2 context, the justification a {@code not_affected} statement needs, the
 * action statement an {@code affected} one needs, a vulnerability name that is not empty; and, as warnings, update
 * times earlier than issue times.
 */
final class OpenVexRules {

    /** The unversioned context (fixed by the spec at tag v0.2.0) or a versioned 0.2.x one (the spec on main). */
    static final Pattern CONTEXT = Pattern.compile("https://openvex\\.dev/ns(/v0\\.2\\.(0|[1-9][0-9]*))?");

    static final String JUSTIFICATIONS = "component_not_present, vulnerable_code_not_present, "
            + "vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary or "
            + "inline_mitigations_already_exist";

    private OpenVexRules() {
    }

    /**
     * Applies the rules; tolerates a predicate the schema rejected.
     *
     * @param predicate the predicate
     * @param errors receives the errors
     * @param warnings receives the warnings
     */
    static void check(JsonNode predicate, List<ValidationError> errors, List<ValidationError> warnings) {
        if (!predicate.isObject()) {
            return;
        }
        checkContext(predicate, errors);
        Optional<OffsetDateTime> issued = Json.dateTime(predicate.get("timestamp"));
        checkNotBefore(predicate, "/predicate", issued, "the document's timestamp", warnings);
        int index = 0;
        for (JsonNode statement : Json.elements(predicate.get("statements"))) {
            String pointer = "/predicate/statements/" + index++;
            if (statement.isObject()) {
                checkStatus(statement, pointer, errors);
                checkVulnerabilityName(statement, pointer, errors);
                Optional<OffsetDateTime> known = Json.dateTime(statement.get("timestamp")).or(() -> issued);
                checkNotBefore(statement, pointer, known, "the statement's timestamp (or the document's)", warnings);
            }
        }
    }

    private static void checkContext(JsonNode predicate, List<ValidationError> errors) {
        JsonNode context = predicate.get("@context");
        if (context == null || !context.isTextual() || CONTEXT.matcher(context.asText()).matches()) {
            return;
        }
        String value = context.asText();
        String reason = value.startsWith("https://openvex.dev/ns/")
                ? "'" + value + "' names an OpenVEX version this handler does not accept"
                : "'" + value + "' is not an OpenVEX context";
        errors.add(new ValidationError("/predicate/@context", reason + "; an OpenVEX 0.2 document has @context "
                + "https://openvex.dev/ns/v0.2.0 (the unversioned https://openvex.dev/ns is accepted too)"));
    }

    private static void checkStatus(JsonNode statement, String pointer, List<ValidationError> errors) {
        JsonNode status = statement.get("status");
        if (status == null || !status.isTextual()) {
            return;
        }
        if ("not_affected".equals(status.asText()) && !Json.present(statement, "justification")) {
            if (!Json.present(statement, "impact_statement")) {
                errors.add(new ValidationError(Pointers.append(pointer, "justification"), "status not_affected needs "
                        + "a justification (" + JUSTIFICATIONS + ") or an impact_statement saying why the product is "
                        + "not affected"));
            } else if (Json.blank(statement, "impact_statement")) {
                errors.add(new ValidationError(Pointers.append(pointer, "impact_statement"), "is empty, and status "
                        + "not_affected needs a justification (" + JUSTIFICATIONS + ") or an impact_statement saying "
                        + "why the product is not affected"));
            }
        }
        if ("affected".equals(status.asText())) {
            if (!Json.present(statement, "action_statement")) {
                errors.add(new ValidationError(Pointers.append(pointer, "action_statement"), "status affected needs "
                        + "an action_statement describing how to remediate or mitigate the vulnerability"));
            } else if (Json.blank(statement, "action_statement")) {
                errors.add(new ValidationError(Pointers.append(pointer, "action_statement"), "is empty, and status "
                        + "affected needs an action_statement describing how to remediate or mitigate the "
                        + "vulnerability"));
            }
        }
    }

    private static void checkVulnerabilityName(JsonNode statement, String pointer, List<ValidationError> errors) {
        JsonNode vulnerability = Json.object(statement, "vulnerability");
        if (vulnerability != null && Json.blank(vulnerability, "name")) {
            errors.add(new ValidationError(pointer + "/vulnerability/name", "is empty; name the vulnerability by "
                    + "its main identifier, for example CVE-2023-12345 or GHSA-xxxx-xxxx-xxxx"));
        }
    }

    private static void checkNotBefore(JsonNode object, String pointer, Optional<OffsetDateTime> issued,
                                       String issuedName, List<ValidationError> warnings) {
        Optional<OffsetDateTime> updated = Json.dateTime(object.get("last_updated"));
        if (issued.isPresent() && updated.isPresent() && updated.get().isBefore(issued.get())) {
            warnings.add(new ValidationError(pointer + "/last_updated", "is earlier than " + issuedName + " ("
                    + updated.get() + " < " + issued.get() + "): something cannot be updated before it was issued"));
        }
    }
}
