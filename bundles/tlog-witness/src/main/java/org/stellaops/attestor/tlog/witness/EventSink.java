package org.stellaops.attestor.tlog.witness;

import java.util.Map;

/** Where this bundle's notifications go (EventAdmin when present); posting never fails the caller. */
@FunctionalInterface
interface EventSink {

    /** Topic of a checkpoint the witness cosigned. */
    String WITNESS_COSIGNED = "org/stellaops/attestor/witness/COSIGNED";
    /** Topic of an add-checkpoint request the witness refused. */
    String WITNESS_REFUSED = "org/stellaops/attestor/witness/REFUSED";
    /** Topic of a log that presented checkpoints that are not consistent with each other. */
    String SPLIT_VIEW = "org/stellaops/attestor/tlog/SPLIT_VIEW";

    /** A sink that drops everything (no EventAdmin). */
    EventSink NONE = (topic, properties) -> { };

    /**
     * @param topic the event topic
     * @param properties event properties, no null values
     */
    void post(String topic, Map<String, Object> properties);
}
