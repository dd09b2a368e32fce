package org.stellaops.attestor.predicate.vex;

import java.util.Optional;

/**
 * The four VEX statuses of the CISA minimum requirements, which OpenVEX uses as they are and onto which the
 * CycloneDX analysis states are mapped, so that one search finds a status in either format.
 */
enum VexStatus {
    /** No remediation is required. */
    NOT_AFFECTED("not_affected", "vex.status.notAffected"),
    /** Actions are recommended to remediate or address the vulnerability. */
    AFFECTED("affected", "vex.status.affected"),
    /** The product versions contain a fix. */
    FIXED("fixed", "vex.status.fixed"),
    /** Whether the products are affected is not yet known. */
    UNDER_INVESTIGATION("under_investigation", "vex.status.underInvestigation");

    private final String label;
    private final String factName;

    VexStatus(String label, String factName) {
        this.label = label;
        this.factName = factName;
    }

    /** @return the label used in {@code vex.statements} entries, for example {@code not_affected} */
    String label() {
        return label;
    }

    /** @return the list fact holding the vulnerabilities with this status */
    String factName() {
        return factName;
    }

    /**
     * @param status an OpenVEX status label
     * @return the status, or empty for anything else
     */
    static Optional<VexStatus> ofOpenVex(String status) {
        for (VexStatus value : values()) {
            if (value.label.equals(status)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * Maps a CycloneDX {@code analysis.state}: {@code not_affected} and {@code false_positive} (the vulnerability was
     * wrongly associated with the component) are not affected, {@code exploitable} is affected, {@code resolved} and
     * {@code resolved_with_pedigree} are fixed, {@code in_triage} is under investigation.
     *
     * @param state a CycloneDX impact analysis state
     * @return the status, or empty for anything else
     */
    static Optional<VexStatus> ofCycloneDx(String state) {
        if (state == null) {
            return Optional.empty();
        }
        switch (state) {
            case "not_affected":
            case "false_positive":
                return Optional.of(NOT_AFFECTED);
            case "exploitable":
                return Optional.of(AFFECTED);
            case "resolved":
            case "resolved_with_pedigree":
                return Optional.of(FIXED);
            case "in_triage":
                return Optional.of(UNDER_INVESTIGATION);
            default:
                return Optional.empty();
        }
    }
}
