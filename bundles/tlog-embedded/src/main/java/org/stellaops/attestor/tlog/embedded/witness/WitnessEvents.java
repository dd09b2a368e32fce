package org.stellaops.attestor.tlog.embedded.witness;

import java.util.Map;

/**
 * Where the collector reports each witness's answer, for operators: the component turns these into EventAdmin
 * events {@code org/stellaops/attestor/tlog/COSIGNED} and {@code .../tlog/WITNESS_FAILED}.
 */
@FunctionalInterface
public interface WitnessEvents {

    /** Reports nothing, for logs opened outside a framework. */
    WitnessEvents NONE = (verb, properties) -> { };

    /**
     * @param verb {@code COSIGNED} or {@code WITNESS_FAILED}
     * @param properties {@code witness}, {@code url}, {@code size}, and {@code cosignatures} or {@code detail}
     */
    void report(String verb, Map<String, Object> properties);
}
