package org.stellaops.attestor.predicate.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Pointers;

/**
 * The rules of a ScanResults predicate that its schema cannot express. Each rule looks only at members of the
 * expected shape, so that a document with schema errors gets its semantic errors too, never the same one twice.
 */
final class ScanResultsRules {

    private static final String FINDINGS = "/predicate/findings";

    private ScanResultsRules() {
    }

    /**
     * @param predicate the predicate, schema-valid or not
     * @return every violation, in document order of the rules below
     */
    static List<ValidationError> check(JsonNode predicate) {
        List<ValidationError> errors = new ArrayList<>();
        JsonNode scan = predicate.path("scan");
        Timestamps.notAfter(scan.path("startedOn"), scan.path("finishedOn"), "/predicate/scan/startedOn",
                "a scan cannot start after it finished").ifPresent(errors::add);
        Timestamps.notAfter(predicate.path("database").path("updatedAt"), scan.path("finishedOn"),
                "/predicate/database/updatedAt",
                "the vulnerability database cannot be newer than the scan that used it").ifPresent(errors::add);
        checkFindings(predicate.path("findings"), errors);
        return errors;
    }

    private static void checkFindings(JsonNode findings, List<ValidationError> errors) {
        if (!findings.isArray()) {
            return;
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            JsonNode finding = findings.get(i);
            JsonNode id = finding.path("id");
            JsonNode purl = finding.path("component").path("purl");
            String pointer = Pointers.append(FINDINGS, i);
            if (id.isTextual() && purl.isTextual()) {
                Integer first = firstIndex.putIfAbsent(id.asText() + '\n' + purl.asText(), i);
                if (first != null) {
                    errors.add(new ValidationError(pointer, "repeats " + Pointers.append(FINDINGS, first) + ": "
                            + id.asText() + " in " + purl.asText() + " is listed once; merge the two findings"));
                }
            }
            checkAliases(finding.path("aliases"), id, pointer, errors);
        }
    }

    private static void checkAliases(JsonNode aliases, JsonNode id, String findingPointer,
                                     List<ValidationError> errors) {
        if (!id.isTextual() || !aliases.isArray()) {
            return;
        }
        for (int k = 0; k < aliases.size(); k++) {
            if (aliases.get(k).isTextual() && aliases.get(k).asText().equals(id.asText())) {
                errors.add(new ValidationError(Pointers.append(Pointers.append(findingPointer, "aliases"), k),
                        "repeats the finding's own id " + id.asText()
                                + "; aliases name the other ids of the same vulnerability"));
            }
        }
    }
}
