package org.stellaops.attestor.tlog.embedded;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the embedded transparency log (ConfigAdmin PID {@value #PID}); the log component, the tile
 * servlet and the Rekor v2 servlet all read it, so they always agree on the directory.
 */
@ObjectClassDefinition(id = TlogConfig.PID, name = "Attestor embedded transparency log",
        description = "Append-only RFC 6962 log stored as C2SP tlog-tiles, with ECDSA-signed checkpoints, witness "
                + "cosignatures and the Rekor v2 write API (POST /api/v2/log/entries).")
public @interface TlogConfig {

    /** The ConfigAdmin PID. */
    String PID = "org.stellaops.attestor.tlog.embedded";

    /** @return checkpoint origin and note key name; changing it needs a new directory */
    @AttributeDefinition(name = "Origin", description = "Checkpoint origin line and note key name (no spaces, no '+'). "
            + "A different origin is a different log: the log refuses to open a directory written under another origin.")
    String origin() default "attestor.local";

    /** @return the log's role, published as the service property {@code attestor.tlog.role} */
    @AttributeDefinition(name = "Role", description = "Service property attestor.tlog.role: 'primary' (entries are "
            + "published here first), 'mirror', or 'none' (the log keeps serving its tiles and write API to others, "
            + "but this service does not publish to it: the setting for the workers of a cluster). Overrides the "
            + "component's default 'primary'.",
            options = {@org.osgi.service.metatype.annotations.Option(label = "primary", value = "primary"),
                       @org.osgi.service.metatype.annotations.Option(label = "mirror", value = "mirror"),
                       @org.osgi.service.metatype.annotations.Option(label = "none", value = "none")})
    String attestor_tlog_role() default "primary";

    /** @return LDAP filter on the KeyDriver service that holds the checkpoint key */
    @AttributeDefinition(name = "Key driver", description = "LDAP filter selecting the KeyDriver service holding the checkpoint key.")
    String keyDriver_target() default "(attestor.key.driver=file)";

    /** @return name of the ECDSA checkpoint key in that driver */
    @AttributeDefinition(name = "Signing key name", description = "Name of the ECDSA key that signs checkpoints. "
            + "Pointing it at another key (or the driver rotating the key of this name) rotates the log key when the "
            + "log next opens: a new key version, valid from then; the previous version is retired but keeps "
            + "verifying the checkpoints it signed. The history is kept in the file log-keys of the log directory. "
            + "The default key (" + LogKey.DEFAULT_NAME + ") is created in the driver when missing; any other name "
            + "must exist.")
    String signingKeyName() default LogKey.DEFAULT_NAME;

    /** @return revoked checkpoint key versions, {@code <logId>|<reason>} each */
    @AttributeDefinition(name = "Revoked keys", required = false, description = "Checkpoint key versions that must "
            + "never be accepted again, one per value: '<logId>|<reason>' (log ID = 64 hex digits, as listed in "
            + "GET /api/v1/logs keys[].logId; the reason is optional). Recorded for good in log-keys when the log "
            + "opens (removing a value does not un-revoke). The signing key itself cannot be revoked: rotate first.")
    String[] revokedKeys() default {};

    /** @return most entries integrated under one checkpoint */
    @AttributeDefinition(name = "Batch size", description = "Most entries integrated under one checkpoint.", min = "1")
    int batchSize() default 256;

    /** @return batch age limit in milliseconds; 0 = adaptive group commit */
    @AttributeDefinition(name = "Batch max age (ms)", description = "0 (recommended): integrate whatever is queued as "
            + "soon as the sequencer is free (adaptive group commit: batches grow with load, an idle log answers at "
            + "once), except that after a batch of several submissions it waits up to 4 ms for a fuller one. "
            + "Greater than 0: wait up to this long after the oldest submission for a fuller batch. Tessera's "
            + "250 ms would cap 64 closed-loop clients (each waiting for its checkpoint before sending again) at "
            + "about 256 requests/s.", min = "0")
    long batchMaxAgeMillis() default 0;

    /** @return the log directory; empty means {@code <attestor.data.dir>/tlog} */
    @AttributeDefinition(name = "Directory", description = "Where tiles, entry bundles, checkpoints and cosignatures "
            + "are stored. Empty: the 'tlog' sub-directory of the attestor.data.dir framework property (default ./data).",
            required = false)
    String directory() default "";

    /** @return whether the log is frozen */
    @AttributeDefinition(name = "Read-only", description = "Freeze the log: reads, proofs and witnessing go on, "
            + "POST /api/v2/log/entries answers 405 'This log has been frozen, please switch to the latest log.' and "
            + "submissions from Attestor itself fail with tlog.unavailable.")
    boolean readOnly() default false;

    /** @return the largest Rekor v2 request body */
    @AttributeDefinition(name = "Rekor v2 max request bytes", description = "Largest accepted body of POST "
            + "/api/v2/log/entries (rekor-tiles --max-request-body-size). Larger bodies get 400, as in rekor-tiles.",
            min = "1024")
    int rekorV2MaxRequestBytes() default 4 * 1024 * 1024;

    /** @return how long a Rekor v2 request waits for its checkpoint */
    @AttributeDefinition(name = "Rekor v2 timeout (ms)", description = "How long POST /api/v2/log/entries waits for "
            + "a checkpoint covering the entry before answering 504 (rekor-tiles --server-timeout, 20 s).", min = "1")
    long rekorV2TimeoutMillis() default 20_000;

    /** @return the witnesses, one {@code <vkey> <add-checkpoint URL>} each */
    @AttributeDefinition(name = "Witnesses", description = "C2SP tlog-witness witnesses asked to cosign the latest "
            + "checkpoint, one per value: '<vkey> <add-checkpoint URL>', for example 'witness.example/w1+4a1b2c3d+BF... "
            + "https://witness.example/add-checkpoint'. The vkey is the witness's Ed25519 cosignature key (type 0x04). "
            + "Cosignatures are kept with the checkpoint and served at /tlog/checkpoint.", required = false)
    String[] witnesses() default {};

    /** @return the least time between two witnessing rounds */
    @AttributeDefinition(name = "Witness interval (ms)", description = "At most one witnessing round starts per "
            + "interval, always for the latest checkpoint; failing witnesses are retried with exponential backoff "
            + "(up to 64 intervals).", min = "1")
    long witnessIntervalMillis() default 1000;

    /** @return how long one witness request may take */
    @AttributeDefinition(name = "Witness timeout (ms)", description = "How long one add-checkpoint request may take. "
            + "A slow or dead witness never delays appends.", min = "1")
    long witnessTimeoutMillis() default 10_000;

    /** @return a PEM file of CAs to trust for https witnesses */
    @AttributeDefinition(name = "Witness CA file", required = false, description = "A PEM file of the CA "
            + "certificates to trust for https witnesses instead of the JVM's CAs, e.g. another Attestor's local CA "
            + "(its D/tls/ca.pem). Empty: the JVM's CAs.")
    String witnessCaFile() default "";
}
