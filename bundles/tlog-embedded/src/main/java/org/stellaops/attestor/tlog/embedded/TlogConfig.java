package org.stellaops.attestor.tlog.embedded;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the embedded transparency log (ConfigAdmin PID {@value #PID}); the log component and the tile
 * servlet both read it, so they always agree on the directory.
 */
@ObjectClassDefinition(id = TlogConfig.PID, name = "Attestor embedded transparency log",
        description = "Append-only RFC 6962 log stored as C2SP tlog-tiles, with ECDSA-signed checkpoints.")
public @interface TlogConfig {

    /** The ConfigAdmin PID. */
    String PID = "org.stellaops.attestor.tlog.embedded";

    /** @return checkpoint origin and note key name; changing it needs a new directory */
    @AttributeDefinition(name = "Origin", description = "Checkpoint origin line and note key name (no spaces, no '+'). "
            + "A different origin is a different log: the log refuses to open a directory written under another origin.")
    String origin() default "attestor.local";

    /** @return LDAP filter on the KeyDriver service that holds the checkpoint key */
    @AttributeDefinition(name = "Key driver", description = "LDAP filter selecting the KeyDriver service holding the checkpoint key.")
    String keyDriver_target() default "(attestor.key.driver=file)";

    /** @return name of the ECDSA checkpoint key in that driver */
    @AttributeDefinition(name = "Signing key name", description = "Name of the ECDSA key that signs checkpoints.")
    String signingKeyName() default "service";

    /** @return most entries integrated under one checkpoint */
    @AttributeDefinition(name = "Batch size", description = "Most entries integrated under one checkpoint.", min = "1")
    int batchSize() default 256;

    /** @return batch age limit in milliseconds; 0 = adaptive group commit */
    @AttributeDefinition(name = "Batch max age (ms)", description = "0: integrate whatever is queued as soon as the "
            + "sequencer is free (adaptive group commit). Greater than 0: wait up to this long after the oldest "
            + "submission for a fuller batch.", min = "0")
    long batchMaxAgeMillis() default 0;

    /** @return the log directory; empty means {@code <attestor.data.dir>/tlog} */
    @AttributeDefinition(name = "Directory", description = "Where tiles, entry bundles and checkpoints are stored. "
            + "Empty: the 'tlog' sub-directory of the attestor.data.dir framework property (default ./data).", required = false)
    String directory() default "";
}
