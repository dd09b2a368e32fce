package org.stellaops.attestor.predicate.scan;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The names of the facts both scan predicates share; the tally's own are in {@link FindingTally}. */
final class ScanFacts {

    /** Fact: {@code scan-results/v1} or {@code cosign-vuln/v1}. */
    static final String FORMAT = "scan.format";
    /** Fact: the scanner's name. */
    static final String SCANNER_NAME = "scan.scanner.name";
    /** Fact: the scanner's version. */
    static final String SCANNER_VERSION = "scan.scanner.version";
    /** Fact (cosign): the scanner's URI. */
    static final String SCANNER_URI = "scan.scanner.uri";
    /** Fact: the vulnerability database's name. */
    static final String DB_NAME = "scan.db.name";
    /** Fact: the vulnerability database's version. */
    static final String DB_VERSION = "scan.db.version";
    /** Fact (cosign): the vulnerability database's URI. */
    static final String DB_URI = "scan.db.uri";
    /** Fact (ScanResults): when the vulnerability database was last updated. */
    static final String DB_UPDATED_AT = "scan.db.updatedAt";
    /** Fact: when the scan finished, as given. */
    static final String FINISHED_ON = "scan.finishedOn";
    /** Fact (ScanResults): the scanned artifact's name. */
    static final String ARTIFACT_NAME = "scan.artifact.name";
    /** Fact (ScanResults): the scanned artifact's digests as {@code alg:hex}. */
    static final String ARTIFACT_DIGESTS = "scan.artifact.digests";
    /** Fact (cosign): {@code trivy}, {@code grype}, {@code sarif} or {@code unrecognised}. */
    static final String RESULT_FORMAT = "scan.result.format";

    private ScanFacts() {
    }

    /** Puts {@code value} as the string fact {@code name} when it is a non-empty string (empty means unset). */
    static void putIfText(Map<String, Object> facts, String name, JsonNode value) {
        if (value.isTextual() && !value.asText().isEmpty()) {
            facts.put(name, value.asText());
        }
    }
}
