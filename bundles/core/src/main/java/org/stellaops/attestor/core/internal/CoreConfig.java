package org.stellaops.attestor.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the core (ConfigAdmin PID {@value #PID}): submission limits, the log publisher (outbox) and
 * verification. docs/operations.md lists every property.
 */
@ObjectClassDefinition(id = CoreConfig.PID, name = "Attestor core",
        description = "Submission limits, log publishing (the outbox) and verification")
public @interface CoreConfig {

    /** The ConfigAdmin PID. */
    String PID = "org.stellaops.attestor.core";

    /** Default of {@code primaryDeadlineMillis}. */
    long DEFAULT_PRIMARY_DEADLINE_MILLIS = 5_000;

    /** @return maximum envelope size in bytes */
    @AttributeDefinition(name = "Max envelope bytes", description = "Larger envelopes are rejected with 413")
    int maxEnvelopeBytes() default 4 * 1024 * 1024;

    /** @return maximum JSON nesting depth */
    @AttributeDefinition(name = "Max JSON depth")
    int maxJsonDepth() default 64;

    /** @return how long a submission waits for the primary log before answering 202 */
    @AttributeDefinition(name = "Primary deadline (ms)", description = "How long a submission waits for the "
            + "primary log's entries before it answers 202 (pending). Replaces logDeadlineMillis, which is "
            + "still read when this is not set.")
    long primaryDeadlineMillis() default DEFAULT_PRIMARY_DEADLINE_MILLIS;

    /** @return the ceiling of the first retry delay */
    @AttributeDefinition(name = "Retry base (ms)", description = "Backoff: retry n waits a random time in "
            + "[0, min(retryMaxMillis, retryBaseMillis * 2^(n-1))]")
    long retryBaseMillis() default 500;

    /** @return the largest retry delay */
    @AttributeDefinition(name = "Retry max (ms)")
    long retryMaxMillis() default 60_000;

    /** @return refusals after which a log target is marked failed */
    @AttributeDefinition(name = "Max rejections", description = "A log that refuses an entry (tlog.rejected, "
            + "tlog.bad_proof, tlog.split_view) this many times is marked failed for that record")
    int maxRejections() default 3;

    /** @return how often the outbox is scanned */
    @AttributeDefinition(name = "Outbox scan (ms)", description = "How often pending records are looked up and "
            + "resumed (also once at start)")
    long outboxScanMillis() default 5_000;

    /** @return records per scan */
    @AttributeDefinition(name = "Outbox scan limit", description = "Pending records resumed per scan at most")
    int outboxScanLimit() default 1_000;

    /** @return publisher threads */
    @AttributeDefinition(name = "Publisher threads")
    int publisherThreads() default 4;

    /** @return how long one log submission may take */
    @AttributeDefinition(name = "Submit timeout (ms)", description = "A log answer slower than this counts as "
            + "tlog.unavailable and is retried")
    long submitTimeoutMillis() default 30_000;

    /** @return the name of the service key in the key driver */
    @AttributeDefinition(name = "Service key name", description = "ECDSA P-256 key that signs service receipts; "
            + "created in the key driver if missing")
    String serviceKeyName() default "service";

    /** @return LDAP filter selecting the key driver */
    @AttributeDefinition(name = "Key driver", description = "LDAP filter selecting the KeyDriver service that "
            + "holds the service key")
    String keyDriver_target() default "(attestor.key.driver=file)";

    /** @return witness verifier keys */
    @AttributeDefinition(name = "Witnesses", required = false, description = "C2SP cosigner verifier keys "
            + "(name+hint+base64) of the witnesses whose cosignatures verification counts")
    String[] witnesses() default {};
}
