package org.stellaops.attestor.predicate.vex;

import java.util.LinkedHashMap;
import java.util.Map;

/** The VEX formats this bundle handles, each claimed under the predicate types producers use for it. */
enum VexFormat {
    /** OpenVEX 0.2.x ({@link OpenVex}). */
    OPENVEX,
    /** CycloneDX VEX ({@link CycloneDxVex}). */
    CYCLONEDX;

    /** @return the format of each predicate type the handler owns */
    static Map<String, VexFormat> byPredicateType() {
        Map<String, VexFormat> types = new LinkedHashMap<>();
        OpenVex.TYPES.forEach(type -> types.put(type, OPENVEX));
        types.put(CycloneDxVex.TYPE, CYCLONEDX);
        return types;
    }
}
