package org.stellaops.attestor.predicate.scan;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a cosign vulnerability predicate's free-form {@code scanner.result} says, when it is a report this bundle
 * recognises.
 *
 * @param format the report's format label: {@code trivy}, {@code grype} or {@code sarif}
 * @param tally its findings
 * @param scannerName the scanner name the report gives itself, if any
 */
record ScanReport(String format, FindingTally tally, Optional<String> scannerName) {

    /** The {@code scan.result.format} value of a result that is none of the recognised reports. */
    static final String UNRECOGNISED = "unrecognised";

    /**
     * Recognises Trivy JSON, Grype JSON and SARIF 2.1.0, in that order.
     *
     * @param result the {@code scanner.result} member
     * @return the report, or empty when the result is none of them
     */
    static Optional<ScanReport> read(JsonNode result) {
        if (TrivyReport.recognises(result)) {
            return Optional.of(TrivyReport.read(result));
        }
        if (GrypeReport.recognises(result)) {
            return Optional.of(GrypeReport.read(result));
        }
        if (SarifReport.recognises(result)) {
            return Optional.of(SarifReport.read(result));
        }
        return Optional.empty();
    }

    /** @param facts the facts to add the format, the scanner name (when the facts have none) and the tally to */
    void putFacts(Map<String, Object> facts) {
        facts.put(ScanFacts.RESULT_FORMAT, format);
        scannerName.ifPresent(name -> facts.putIfAbsent(ScanFacts.SCANNER_NAME, name));
        tally.putFacts(facts);
    }
}
