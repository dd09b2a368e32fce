package org.stellaops.attestor.predicate.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * Removes the echo of the branch a CycloneDX 1.5/1.6 licence choice did not take. The schema's {@code licenseChoice}
 * is a {@code oneOf} of "a list of {@code license} entries" and "one {@code expression} entry", and the validator
 * reports the failures of both branches: one wrong licence id would come back as four errors, three of which tell
 * the producer to give an expression it never meant to give. Which branch an entry meant is plain from the document
 * (an entry with {@code license} and no {@code expression}, or the reverse); the errors that only the other branch
 * raises about it are dropped, and the {@code oneOf} summary too once a more precise error remains. An entry (or a
 * list) that mixes both forms keeps every error: there the producer must choose.
 */
final class LicenseChoiceErrors {

    private static final Pattern IN_CHOICE = Pattern.compile("^(.*/licenses)(?:/(\\d+)(/.*)?)?$");
    private static final String ONE_OF = "must be valid to one and only one schema";
    private static final String REQUIRED = "required member is missing";

    private enum Form { LICENSE, EXPRESSION, MIXED }

    private LicenseChoiceErrors() {
    }

    /**
     * @param errors the schema errors of a CycloneDX predicate
     * @param predicate the predicate
     * @param prefix the predicate's pointer in the statement
     * @return the errors without those of the licence-choice branch each entry did not take
     */
    static List<ValidationError> refine(List<ValidationError> errors, JsonNode predicate, String prefix) {
        List<ValidationError> kept = new ArrayList<>();
        for (ValidationError error : errors) {
            if (!echoOfOtherBranch(error, predicate, prefix)) {
                kept.add(error);
            }
        }
        kept.removeIf(error -> isOneOfSummary(error) && hasPreciseErrorBelow(error.pointer(), kept));
        return kept;
    }

    private static boolean echoOfOtherBranch(ValidationError error, JsonNode predicate, String prefix) {
        Matcher matcher = IN_CHOICE.matcher(error.pointer());
        if (!error.pointer().startsWith(prefix) || !matcher.matches()) {
            return false;
        }
        JsonNode choice = predicate.at(matcher.group(1).substring(prefix.length()));
        String message = error.message();
        if (matcher.group(2) == null) {
            // List-level findings of the expression branch (a tuple of exactly one entry).
            return form(choice) == Form.LICENSE && (message.startsWith("must have at most 1 items")
                    || message.contains("schema does not allow additional items"));
        }
        Form entry = form(choice.path(Integer.parseInt(matcher.group(2))));
        String rest = matcher.group(3);
        if (entry == Form.LICENSE) {
            return rest == null ? message.startsWith("property 'license' is not defined")
                    : rest.equals("/expression") && message.equals(REQUIRED);
        }
        if (entry == Form.EXPRESSION) {
            return rest == null ? message.matches("property '(expression|acknowledgement|bom-ref)' is not defined.*")
                    : rest.equals("/license") && message.equals(REQUIRED);
        }
        return false;
    }

    private static Form form(JsonNode node) {
        if (node.isArray()) {
            Form all = null;
            for (JsonNode entry : node) {
                Form form = form(entry);
                if (all != null && all != form) {
                    return Form.MIXED;
                }
                all = form;
            }
            return all == null ? Form.MIXED : all;
        }
        boolean license = node.has("license");
        boolean expression = node.has("expression");
        return license == expression ? Form.MIXED : license ? Form.LICENSE : Form.EXPRESSION;
    }

    private static boolean isOneOfSummary(ValidationError error) {
        Matcher matcher = IN_CHOICE.matcher(error.pointer());
        return error.message().startsWith(ONE_OF) && matcher.matches() && matcher.group(2) == null;
    }

    private static boolean hasPreciseErrorBelow(String pointer, List<ValidationError> errors) {
        return errors.stream().anyMatch(e -> !e.message().startsWith(ONE_OF) && e.pointer().startsWith(pointer + "/"));
    }
}
