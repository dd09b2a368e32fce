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

    /** @return the name of the key driver that holds the service key */
    @AttributeDefinition(name = "Service key driver", description = "The key driver (attestor.key.driver name) new "
            + "service key versions are made in. Changing it moves the service key: the next receipt is signed by a "
            + "new version made in that driver; older versions keep verifying until retired")
    String serviceKeyDriver() default "file";

    /** @return this worker's name in publishing leases */
    @AttributeDefinition(name = "Worker id", required = false, description = "Names this service instance in the "
            + "outbox's publishing leases when several instances share one store; empty = a random UUID per "
            + "activation")
    String workerId() default "";

    /** @return how long a publishing lease lasts unless renewed */
    @AttributeDefinition(name = "Lease TTL (ms)", description = "A worker renews the lease of a record it publishes "
            + "before every attempt; another worker takes the record over once the lease has run out")
    long leaseTtlMillis() default 60_000;

    /** @return the largest batch */
    @AttributeDefinition(name = "Batch max items", description = "Larger batches are refused with "
            + "request.batch_too_large and nothing is stored")
    int batchMaxItems() default 1_000;

    /** @return I/O threads of batch submissions */
    @AttributeDefinition(name = "Batch I/O threads", description = "Threads that archive, store and audit the "
            + "items of batches concurrently (checks use one thread per CPU)")
    int batchIoThreads() default 32;

    /** @return reports held by the verification cache */
    @AttributeDefinition(name = "Verification cache entries", description = "Verification reports kept (least "
            + "recently used evicted first); 0 disables the cache")
    int verificationCacheEntries() default 100_000;

    /** @return how often the logs' latest checkpoints are read for the verification cache */
    @AttributeDefinition(name = "Checkpoint refresh (ms)", description = "How often every log's latest checkpoint is "
            + "read, so that a cached report is recomputed once a log grew or gained a cosignature")
    long checkpointRefreshMillis() default 1_000;

    /** @return capacity of the verification audit queue */
    @AttributeDefinition(name = "Audit queue capacity", description = "Verification audit events waiting to be "
            + "written at most; when full, verifications wait (up to 30 s, then fail with storage.failure)")
    int auditQueueCapacity() default 10_000;

    /** @return threads writing verification audit events */
    @AttributeDefinition(name = "Audit writer threads")
    int auditWriterThreads() default 2;

    /** @return how often the audit chain head is anchored in the primary log */
    @AttributeDefinition(name = "Audit anchor interval (ms)", description = "How often the head of the audit chain "
            + "is signed with the service key and logged in the primary log (only if it moved); 0 = never")
    long auditAnchorIntervalMillis() default 300_000;

    /** @return witness verifier keys */
    @AttributeDefinition(name = "Witnesses", required = false, description = "C2SP cosigner verifier keys "
            + "(name+hint+base64) of the witnesses whose cosignatures verification counts")
    String[] witnesses() default {};

    /** @return RFC 3161 time-stamping authorities verification trusts */
    @AttributeDefinition(name = "Timestamp authorities", required = false, description = "RFC 3161 time-stamping "
            + "authorities whose tokens verification accepts: <name>=<path of a PEM file>; every certificate in the "
            + "file is a trust anchor of that authority; a relative path is resolved against the data directory. A "
            + "malformed entry or an unreadable file is logged and left out")
    String[] timestampAuthorities() default {};

    /** @return key sets policies may name */
    @AttributeDefinition(name = "Policy key sets", required = false, description = "Named groups of trusted keys "
            + "for verification policies: [<tenant>/]<set>=<key name>[,<key name>...]; without a tenant the set "
            + "exists in every tenant")
    String[] policyKeySets() default {};

    /** @return how long a cached policy decision is served before it is re-evaluated at the current time */
    @AttributeDefinition(name = "Policy decision TTL (ms)", description = "A cached decision is answered unchanged "
            + "(byte for byte) for this long; after that the policy is evaluated again over the cached verification "
            + "at the current time, so time-dependent rules follow the clock")
    long policyDecisionTtlMillis() default 1_000;

    /** @return the verifier id of signed verification summaries */
    @AttributeDefinition(name = "VSA verifier id", description = "verifier.id of the SLSA verification summaries "
            + "the service signs (a URI naming this deployment)")
    String vsaVerifierId() default "https://stella-ops.org/attestor";

    /** @return tenants where a new policy version needs approval by a second principal */
    @AttributeDefinition(name = "Policy approval tenants", required = false, description = "The two-person rule: in "
            + "these tenants (* = every tenant) a new policy version becomes active only once a principal other "
            + "than its author approved it")
    String[] policyApprovalTenants() default {};

    /** @return whether to load the starter policies at start */
    @AttributeDefinition(name = "Starter policies", description = "At every start, store each starter policy "
            + "(docs/policies) that starterPolicyTenant never had and that validates there")
    boolean starterPolicies() default true;

    /** @return the tenant starter policies are loaded into */
    @AttributeDefinition(name = "Starter policy tenant", description = "The tenant the starter policies are loaded "
            + "into at start (the development issuer's default tenant unless changed)")
    String starterPolicyTenant() default "default";

    /** @return the most records one simulation evaluates */
    @AttributeDefinition(name = "Max simulation records", description = "A policy simulation over more stored "
            + "records than this is refused (policy.simulation_too_large); narrow the time range or the filters")
    int maxSimulationRecords() default 10_000;
}
