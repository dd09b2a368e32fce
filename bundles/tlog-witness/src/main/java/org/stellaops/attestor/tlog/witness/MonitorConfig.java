package org.stellaops.attestor.tlog.witness;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the split-view monitor (ConfigAdmin PID {@value #PID}).
 */
@ObjectClassDefinition(id = MonitorConfig.PID, name = "Attestor transparency-log monitor",
        description = "Checks every transparency log's latest checkpoint: signed by the log's key and consistent with "
                + "the last checkpoint verified for that log.")
public @interface MonitorConfig {

    /** The ConfigAdmin PID. */
    String PID = "org.stellaops.attestor.tlog.monitor";

    /** @return milliseconds between two rounds of checks */
    @AttributeDefinition(name = "Interval (ms)", min = "100", description = "Time between the end of one round of "
            + "checks and the start of the next.")
    long monitorIntervalMillis() default 5000;

    /** @return the state directory; empty means {@code <attestor.data.dir>/witness/monitor} */
    @AttributeDefinition(name = "Directory", required = false, description = "Where the last verified checkpoint and "
            + "any split-view marker of each log are kept. Empty: <attestor.data.dir>/witness/monitor.")
    String directory() default "";
}
