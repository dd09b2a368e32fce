package org.stellaops.attestor.predicate.scan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.predicate.support.FactLists;

/**
 * Counts the findings of one scan by severity and collects their ids and component purls, whatever report they come
 * from, and writes the {@code scan.severity.*}, {@code scan.findings.*} and {@code scan.components} facts.
 */
final class FindingTally {

    /** Fact: the number of findings. */
    static final String FINDINGS_COUNT = "scan.findings.count";
    /** Fact: the vulnerability ids of all findings, aliases included. */
    static final String FINDING_IDS = "scan.findings.ids";
    /** Fact: the number of findings for which a fixed version exists. */
    static final String FIXABLE = "scan.findings.fixable";
    /** Fact: the purls of the vulnerable components. */
    static final String COMPONENTS = "scan.components";

    private final boolean reportsComponents;
    private final boolean reportsFixes;
    private final Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    private final List<String> ids = new ArrayList<>();
    private final List<String> purls = new ArrayList<>();
    private int findings;
    private int fixable;

    /**
     * @param reportsComponents whether the report names components by purl (else {@code scan.components} is left out)
     * @param reportsFixes whether the report says which findings have a fix (else {@code scan.findings.fixable} is
     *        left out)
     */
    FindingTally(boolean reportsComponents, boolean reportsFixes) {
        this.reportsComponents = reportsComponents;
        this.reportsFixes = reportsFixes;
    }

    /**
     * Counts one finding.
     *
     * @param severity its severity
     * @param findingIds its id and aliases (already checked to be usable as fact values)
     * @param purl the vulnerable component's purl, or null when unknown
     * @param fixed whether a fixed version exists
     */
    void add(Severity severity, Collection<String> findingIds, String purl, boolean fixed) {
        findings++;
        counts.merge(severity, 1, Integer::sum);
        ids.addAll(findingIds);
        if (purl != null) {
            purls.add(purl);
        }
        if (fixed) {
            fixable++;
        }
    }

    /** @param facts the facts to add the tally to */
    void putFacts(Map<String, Object> facts) {
        for (Severity severity : Severity.values()) {
            facts.put(severity.factName(), counts.getOrDefault(severity, 0));
        }
        facts.put(FINDINGS_COUNT, findings);
        FactLists.put(facts, FINDING_IDS, ids);
        if (reportsFixes) {
            facts.put(FIXABLE, fixable);
        }
        if (reportsComponents) {
            FactLists.put(facts, COMPONENTS, purls);
        }
    }
}
