package org.stellaops.attestor.predicate.sbom;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The SBOM formats this bundle handles, with the member that names a document's version. */
enum SbomFormat {
    /** CycloneDX JSON; {@code specVersion} is {@code "1.4"}, {@code "1.5"} or {@code "1.6"}. */
    CYCLONEDX("CycloneDX", "specVersion"),
    /** SPDX 2 JSON; {@code spdxVersion} is {@code "SPDX-2.2"} or {@code "SPDX-2.3"}. */
    SPDX("SPDX", "spdxVersion");

    private final String label;
    private final String versionMember;

    SbomFormat(String label, String versionMember) {
        this.label = label;
        this.versionMember = versionMember;
    }

    /** @return the value of the {@code sbom.format} fact, also used in messages */
    String label() {
        return label;
    }

    /** @return the top-level predicate member whose value decides which schema applies */
    String versionMember() {
        return versionMember;
    }

    /** @return the version member's values this bundle accepts, for messages ({@code "1.4", "1.5" or "1.6"}) */
    String acceptedValues() {
        String[] values = Arrays.stream(SbomSchema.values()).filter(s -> s.format() == this)
                .map(s -> "\"" + s.documentValue() + "\"").toArray(String[]::new);
        if (values.length == 1) {
            return values[0];
        }
        return Arrays.stream(values, 0, values.length - 1).collect(Collectors.joining(", "))
                + " or " + values[values.length - 1];
    }

    @Override
    public String toString() {
        return label;
    }
}
