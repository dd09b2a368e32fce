package org.stellaops.attestor.predicate.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.predicate.support.FactLists;

/** Extracts the facts of a ScanResults predicate that passed every check. */
final class ScanResultsFacts {

    private ScanResultsFacts() {
    }

    /**
     * @param predicate a valid ScanResults predicate
     * @return the facts (names in docs/predicates/scan-results.md)
     */
    static Map<String, Object> extract(JsonNode predicate) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(ScanFacts.FORMAT, ScanPredicateType.SCAN_RESULTS.label());
        JsonNode scanner = predicate.path("scanner");
        facts.put(ScanFacts.SCANNER_NAME, scanner.path("name").asText());
        facts.put(ScanFacts.SCANNER_VERSION, scanner.path("version").asText());
        JsonNode database = predicate.path("database");
        ScanFacts.putIfText(facts, ScanFacts.DB_NAME, database.path("name"));
        facts.put(ScanFacts.DB_VERSION, database.path("version").asText());
        facts.put(ScanFacts.DB_UPDATED_AT, database.path("updatedAt").asText());
        facts.put(ScanFacts.FINISHED_ON, predicate.path("scan").path("finishedOn").asText());
        JsonNode artifact = predicate.path("artifact");
        facts.put(ScanFacts.ARTIFACT_NAME, artifact.path("name").asText());
        List<String> digests = new ArrayList<>();
        artifact.path("digest").fields().forEachRemaining(d -> digests.add(d.getKey() + ":" + d.getValue().asText()));
        FactLists.put(facts, ScanFacts.ARTIFACT_DIGESTS, digests);
        tally(predicate.path("findings")).putFacts(facts);
        return facts;
    }

    private static FindingTally tally(JsonNode findings) {
        FindingTally tally = new FindingTally(true, true);
        for (JsonNode finding : findings) {
            List<String> ids = new ArrayList<>();
            ids.add(finding.path("id").asText());
            finding.path("aliases").forEach(alias -> ids.add(alias.asText()));
            tally.add(Severity.fromWord(finding.path("severity").asText()), ids,
                    finding.path("component").path("purl").asText(),
                    "fixed".equals(finding.path("fix").path("state").asText()));
        }
        return tally;
    }
}
