package org.stellaops.attestor.core.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The service of one activation: the parts wired over the stores and registries the component holds, with the
 * threads they need (publisher, batch pools, audit writers, background tasks). {@link AttestorCore} creates one per
 * (re)activation and closes it on deactivation; tests create it directly.
 */
final class CoreService implements AttestationService, PolicyService, AutoCloseable {

    /** The stores the service works on. */
    record Stores(EntryStore entries, TrustRootStore trust, AuditStore audit, ContentStore cas,
                  org.stellaops.attestor.store.PolicyStore policies) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CoreService.class);
    private static final Duration AUDIT_QUEUE_WAIT = Duration.ofSeconds(30);

    private final Stores stores;
    private final PredicateRegistry predicates;
    private final LogRegistry logs;
    private final String workerId;
    private final Auditor auditor;
    private final AuditWriter auditWriter;
    private final TrustRoots trustRoots;
    private final ServiceKeys serviceKeys;
    private final Clock clock;
    private final KeyLifecycle lifecycle;
    private final KeyOperations keyOperations;
    private final LogHealth health;
    private final LogKeyAudit logKeyAudit;
    private final LogHeads heads;
    private final Publisher publisher;
    private final SubmissionPipeline pipeline;
    private final EntryVerifier verifier;
    private final RecordLookup lookup;
    private final VerificationCache cache;
    private final Verifications verifications;
    private final PolicyEnvironments environments;
    private final PolicyVerifications policyVerifications;
    private final PolicyAuthoring authoring;
    private final StarterPolicies starters;
    private final PolicySimulations simulations;
    private final ExecutorService cpuPool;
    private final ExecutorService ioPool;
    private final BatchSubmissions batches;
    private final AuditAnchors anchors;
    private final ScheduledExecutorService tasks;

    CoreService(CoreConfig config, Duration primaryDeadline, String coreIdentity, Stores stores,
                PredicateRegistry predicates, LogRegistry logs, KeyDrivers drivers, PolicyEngines engines,
                EventAdmin eventAdmin, Clock clock, Path dataDirectory) {
        JsonLimits limits = new JsonLimits(config.maxEnvelopeBytes(), config.maxJsonDepth());
        this.stores = stores;
        this.predicates = predicates;
        this.logs = logs;
        this.workerId = config.workerId().isBlank() ? UUID.randomUUID().toString() : config.workerId().strip();
        this.clock = clock;
        this.auditor = new Auditor(stores.audit(), clock);
        auditor.setEventAdmin(eventAdmin);
        this.auditWriter = new AuditWriter(stores.audit(), config.auditQueueCapacity(), config.auditWriterThreads(),
                AUDIT_QUEUE_WAIT, auditor::announce);
        auditor.setWriter(auditWriter);
        this.trustRoots = new TrustRoots(stores.trust(), clock, drivers::customVerifier);
        this.serviceKeys = new ServiceKeys(config.serviceKeyName(), config.serviceKeyDriver(), stores.trust(),
                trustRoots, drivers, clock);
        this.lifecycle = new KeyLifecycle(stores.trust(), trustRoots, drivers, auditor, clock);
        this.keyOperations = new KeyOperations(lifecycle, drivers, limits, this::submit, clock);
        this.health = new LogHealth(auditor);
        this.logKeyAudit = new LogKeyAudit(stores.audit(), auditor);
        this.heads = new LogHeads(logs, health);
        EntryChecks checks = new EntryChecks();
        EntryPlanner planner = new EntryPlanner(trustRoots, serviceKeys, new Receipts(serviceKeys));
        OutboxRecords outbox = new OutboxRecords(stores.entries(), clock,
                new Backoff(config.retryBaseMillis(), config.retryMaxMillis(), new SecureRandom()),
                config.maxRejections());
        Duration submitTimeout = Duration.ofMillis(config.submitTimeoutMillis());
        this.publisher = new Publisher(stores.entries(), stores.cas(), logs, planner, checks, outbox, health, auditor,
                clock, limits, new Publisher.Settings(config.publisherThreads(), submitTimeout,
                        Duration.ofMillis(config.outboxScanMillis()), config.outboxScanLimit()),
                new OutboxLeases(stores.entries(), workerId, Duration.ofMillis(config.leaseTtlMillis()), clock));
        this.pipeline = new SubmissionPipeline(limits, trustRoots, predicates, logs, stores.cas(), stores.entries(),
                planner, publisher, new FastPath(logs, checks, health, outbox, publisher::closed), clock,
                primaryDeadline, coreIdentity);
        List<org.stellaops.attestor.sdk.witness.Cosigner> witnesses = AttestorCore.witnesses(config.witnesses());
        TimestampAuthorities timestampAuthorities = TimestampAuthorities.parse(config.timestampAuthorities(),
                dataDirectory);
        this.verifier = new EntryVerifier(clock, trustRoots, logs, checks, serviceKeys, health, witnesses, heads,
                timestampAuthorities);
        this.lookup = new RecordLookup(stores.entries(), stores.cas());
        this.cache = new VerificationCache(config.verificationCacheEntries());
        CacheStamps stamps = new CacheStamps(stores.entries(), heads, serviceKeys, () -> timestampAuthorities);
        this.verifications = new Verifications(stores.entries(), trustRoots, lookup, limits, verifier, cache, stamps,
                auditor);
        this.environments = new PolicyEnvironments(trustRoots, logs, KeySets.parse(config.policyKeySets()),
                witnesses);
        this.authoring = new PolicyAuthoring(stores.policies(), engines, environments, trustRoots, auditor, clock,
                PolicyAuthoring.ApprovalRule.parse(config.policyApprovalTenants()));
        this.starters = new StarterPolicies(authoring);
        this.policyVerifications = new PolicyVerifications(new PolicyVerifications.Parts(stores.entries(), lookup,
                limits, verifier, cache, trustRoots, stamps, engines,
                environments, predicates, coreIdentity, auditor, clock,
                Duration.ofMillis(Math.max(0, config.policyDecisionTtlMillis())), authoring::resolve,
                new Vsas(serviceKeys, config.vsaVerifierId(), versionOf(coreIdentity))));
        this.cpuPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                threads("attestor-batch-cpu-"));
        this.simulations = new PolicySimulations(stores.entries(), authoring, policyVerifications, engines, auditor,
                clock, cpuPool, config.maxSimulationRecords());
        this.ioPool = Executors.newFixedThreadPool(Math.max(1, config.batchIoThreads()), threads("attestor-batch-io-"));
        this.batches = new BatchSubmissions(pipeline, auditor, cpuPool, ioPool, config.batchMaxItems());
        this.anchors = new AuditAnchors(stores.audit(), auditor, logs, checks, serviceKeys, submitTimeout);
        this.tasks = Executors.newSingleThreadScheduledExecutor(threads("attestor-core-tasks-"));
        start(config);
    }

    private void start(CoreConfig config) {
        publisher.start();
        loadStarters(config);
        // logs bound before the core existed; later ones are reported by logRegistered
        tasks.execute(() -> quietly("log key audit",
                () -> logs.ordered().forEach(r -> logKeyAudit.observe(r.descriptor()))));
        if (config.verificationCacheEntries() > 0 && config.checkpointRefreshMillis() > 0) {
            tasks.scheduleWithFixedDelay(() -> quietly("checkpoint refresh", heads::refresh), 0,
                    config.checkpointRefreshMillis(), TimeUnit.MILLISECONDS);
        }
        long anchorInterval = config.auditAnchorIntervalMillis();
        if (anchorInterval > 0) {
            tasks.scheduleWithFixedDelay(() -> quietly("audit anchoring", anchors::anchorIfMoved), anchorInterval,
                    anchorInterval, TimeUnit.MILLISECONDS);
        }
    }

    /** A periodic task that fails is logged and runs again next time (a thrown exception would end it for good). */
    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.toString());
        }
    }

    void setEventAdmin(EventAdmin admin) {
        auditor.setEventAdmin(admin);
    }

    void wake() {
        publisher.wake();
    }

    /** A log (re)registered: audits its key versions off the binding thread, then publishes what waits for it. */
    void logRegistered(LogDescriptor descriptor) {
        tasks.execute(() -> quietly("log key audit", () -> logKeyAudit.observe(descriptor)));
        publisher.wake();
    }

    @Override
    public Submission submit(byte[] envelopeJson, Provenance provenance) {
        try {
            AtomicReference<AuditEvent> createdEvent = new AtomicReference<>();
            Submission submission = pipeline.submit(envelopeJson, provenance, record -> {
                createdEvent.set(auditor.event(provenance, "entry.submit", record.envelopeDigest(), Auditor.SUCCESS,
                        record.predicateType()));
                return createdEvent.get();
            });
            EntryRecord record = submission.record();
            if (submission.created()) {
                auditor.announce(createdEvent.get()); // the store wrote it together with the record
            } else {
                auditor.record(provenance, "entry.resubmit", record.envelopeDigest(), Auditor.SUCCESS,
                        record.predicateType());
            }
            return submission;
        } catch (AttestorException | StorageException e) {
            auditor.record(provenance, "entry.submit", "-", RecordLookup.codeOf(e), e.getMessage());
            throw e;
        }
    }

    @Override
    public List<BatchOutcome> submitBatch(List<byte[]> envelopes, Provenance provenance) {
        return batches.submit(envelopes, provenance);
    }

    @Override
    public Optional<StoredAttestation> fetch(String tenant, String id) {
        return lookup.find(tenant, Ids.parse(id)).map(record -> new StoredAttestation(record, lookup.envelopeBytes(record)));
    }

    @Override
    public VerificationReport verifyStored(String id, Provenance provenance) {
        return verifications.stored(id, provenance);
    }

    @Override
    public VerificationReport verifyEnvelope(byte[] envelopeJson, Provenance provenance) {
        return verifications.envelope(envelopeJson, provenance);
    }

    @Override
    public VerificationReport verifyEnvelopeWithEntries(byte[] envelopeJson, List<byte[]> tlogEntries,
                                                        Provenance provenance) {
        return verifications.withEntries(envelopeJson, tlogEntries, provenance);
    }

    @Override
    public VerificationReport verify(VerifyRequest request, Provenance provenance) {
        return verifications.verify(request, provenance);
    }

    @Override
    public int batchMaxItems() {
        return batches.maxItems();
    }

    @Override
    public List<VerifyOutcome> verifyBatch(List<VerifyRequest> requests, Provenance provenance) {
        if (requests.size() > batches.maxItems()) {
            AttestorException refused = new AttestorException(CoreCodes.BATCH_TOO_LARGE, "a batch holds at most "
                    + batches.maxItems() + " items, not " + requests.size());
            auditor.record(provenance, CoreCodes.ENTRY_VERIFY, "-", refused.code(), refused.getMessage());
            throw refused;
        }
        return verifications.batch(requests, provenance, cpuPool);
    }

    @Override
    public PolicyVerification verify(VerifyRequest request, PolicyRequest policy, Provenance provenance) {
        return policyVerifications.verify(request, policy, provenance);
    }

    @Override
    public List<PolicyVerifyOutcome> verifyBatch(List<VerifyRequest> requests, PolicyRequest policy,
                                                 Provenance provenance) {
        if (requests.size() > batches.maxItems()) {
            AttestorException refused = new AttestorException(CoreCodes.BATCH_TOO_LARGE, "a batch holds at most "
                    + batches.maxItems() + " items, not " + requests.size());
            auditor.record(provenance, CoreCodes.ENTRY_VERIFY, "-", refused.code(), refused.getMessage());
            throw refused;
        }
        return policyVerifications.batch(requests, policy, provenance, cpuPool);
    }

    @Override
    public PolicyInfo create(PolicyDraft draft, Provenance provenance) {
        return authoring.create(draft, provenance);
    }

    @Override
    public PolicyInfo update(String policyId, PolicyDraft draft, Provenance provenance) {
        return authoring.update(policyId, draft, provenance);
    }

    @Override
    public PolicyInfo delete(String policyId, String comment, Provenance provenance) {
        return authoring.delete(policyId, comment, provenance);
    }

    @Override
    public PolicyInfo approve(String policyId, int version, Provenance provenance) {
        return authoring.approve(policyId, version, provenance);
    }

    @Override
    public List<PolicyInfo> policies(String tenant) {
        return authoring.policies(tenant);
    }

    @Override
    public Optional<PolicyInfo> policy(String tenant, String policyId) {
        return authoring.policy(tenant, policyId);
    }

    @Override
    public List<StarterResult> loadStarterPolicies(Provenance provenance) {
        return starters.load(provenance);
    }

    @Override
    public Simulation simulate(String policyId, SimulationRequest request, Provenance provenance) {
        return simulations.simulate(policyId, request, provenance);
    }

    /** Loads the starter policies into the configured tenant, off the activation thread. */
    private void loadStarters(CoreConfig config) {
        String tenant = config.starterPolicyTenant().strip();
        if (!config.starterPolicies() || !Tenants.isName(tenant)) {
            return;
        }
        Provenance system = new Provenance("core start", PolicyAuthoring.STARTER_AUTHOR, "", tenant);
        tasks.execute(() -> quietly("starter policies", () -> starters.load(system)));
    }

    /** @return the version part of {@code <symbolic name>/<version>} */
    static String versionOf(String identity) {
        int slash = identity.lastIndexOf('/');
        return slash < 0 ? identity : identity.substring(slash + 1);
    }

    @Override
    public CacheStats verificationCache() {
        return cache.stats();
    }

    /**
     * Passes the query to the store, after the checks a store need not repeat: a cursor this service wrote, and
     * fact filters only to a store that matches them (one written for store contract 5.0 would ignore them and
     * answer records that do not match).
     */
    @Override
    public EntryPage search(EntryQuery query) {
        if (!query.facts().isEmpty() && !stores.entries().searchesFacts()) {
            throw new AttestorException(CoreCodes.STORAGE_UNSUPPORTED, "the record store in use ("
                    + stores.entries().getClass().getName() + ") cannot search by fact; update the store bundle");
        }
        try {
            if (query.cursor() != null) {
                EntryCursor.decode(query.cursor());
            }
            return stores.entries().search(query);
        } catch (IllegalArgumentException e) {
            throw new AttestorException(CoreCodes.INVALID_REQUEST, "the search cursor is malformed: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public AuditPage audit(AuditQuery query) {
        return stores.audit().events(query);
    }

    @Override
    public void recordSecurityEvent(String action, String target, String outcome, String detail,
            Provenance provenance) {
        auditor.recordLater(provenance, action, target, outcome, detail);
    }

    @Override
    public AuditVerification verifyAudit(String tenant, Provenance provenance) {
        AuditVerification full = new AuditVerifier(stores.audit(), anchors).verify(tenant);
        // the event is the asker's: a tenant's event says no more than the tenant's answer does
        AuditVerification result = tenant == null ? full : AuditVerifier.tenantView(full);
        long anchorsOk = result.anchors().stream().filter(a -> a.matchesChain() && a.proofVerified()).count();
        String detail = tenant != null ? "checked " + result.checked() + " events of tenant " + tenant
                + (result.intact() ? "" : "; the chain is broken")
                : "checked " + result.checked() + " events up to " + result.headSeq() + "; anchors "
                + anchorsOk + "/" + result.anchors().size() + " verified"
                + (result.firstBrokenSeq() == 0 ? "" : "; first broken link " + result.firstBrokenSeq() + ": "
                        + result.reason());
        auditor.record(provenance, CoreCodes.AUDIT_VERIFY, tenant == null ? result.headHash() : "-",
                result.intact() ? Auditor.SUCCESS : CoreCodes.AUDIT_BROKEN, detail);
        return result;
    }

    @Override
    public TrustedKey addTrustedKey(String name, String publicKeyPem, boolean shared, Provenance provenance) {
        try {
            TrustedKey key = lifecycle.addExternal(name, publicKeyPem, shared, provenance.tenant());
            auditor.record(provenance, "trust.key.add", key.keyId(), Auditor.SUCCESS,
                    key.shared() ? key.name() + " (shared with every tenant)" : key.name());
            return key;
        } catch (AttestorException e) {
            auditor.record(provenance, "trust.key.add", "-", e.code(), e.getMessage());
            throw e;
        }
    }

    @Override
    public List<TrustedKey> trustedKeys(String tenant) {
        return trustRoots.trustedBy(tenant);
    }

    @Override
    public TrustedKey revokeTrustedKey(String keyId, Provenance provenance) {
        try {
            TrustedKey key = revokeLegacy(keyId, provenance.tenant());
            auditor.record(provenance, "trust.key.revoke", keyId, Auditor.SUCCESS, key.name());
            return key;
        } catch (AttestorException e) {
            auditor.record(provenance, "trust.key.revoke", keyId, e.code(), e.getMessage());
            throw e;
        }
    }

    /**
     * The trust-root revocation of API 1.x, with that API's error codes and its fail-closed meaning: the key stops
     * counting for every signature, old ones included (a compromise since the key became valid). Finer revocations
     * go through the key API.
     */
    private TrustedKey revokeLegacy(String keyId, String tenant) {
        TrustedKey key = stores.trust().get(tenant, keyId).orElseThrow(() ->
                new AttestorException(org.stellaops.attestor.core.service.ErrorCodes.TRUST_KEY_NOT_FOUND, "no trusted key with id " + keyId));
        if (key.revoked()) {
            throw new AttestorException(org.stellaops.attestor.core.service.ErrorCodes.TRUST_KEY_REVOKED, "key " + keyId + " was revoked at "
                    + key.revokedAt());
        }
        TrustedKey revoked = key.revoke(Instant.now(clock), TrustedKey.RevocationReason.KEY_COMPROMISE,
                key.validFrom());
        stores.trust().put(revoked);
        return revoked;
    }

    /** @return the key API */
    KeyOperations keys() {
        return keyOperations;
    }

    /** @return the key lifecycle */
    KeyLifecycle lifecycle() {
        return lifecycle;
    }

    /** @return the service key */
    ServiceKeys serviceKeys() {
        return serviceKeys;
    }

    /** @return the trust roots */
    TrustRoots trustRoots() {
        return trustRoots;
    }

    @Override
    public List<LogDescriptor> logs() {
        return logs.ordered().stream().map(r -> r.log().descriptor()).toList();
    }

    @Override
    public List<LogStatus> logStatus() {
        Map<String, Long> pending = publisher.pendingByLog();
        List<LogStatus> result = new ArrayList<>();
        boolean primaryTaken = false;
        for (LogRegistry.Registration r : logs.ordered()) {
            LogDescriptor d = r.descriptor();
            String role = !primaryTaken && r.primary() ? LogTarget.ROLE_PRIMARY : LogTarget.ROLE_MIRROR;
            primaryTaken |= r.primary();
            // targets of records made before a key rotation name the log by an earlier version's log ID
            long backlog = d.keyVersions().stream().map(LogKeyVersion::logId).distinct()
                    .mapToLong(id -> pending.getOrDefault(id, 0L)).sum();
            result.add(new LogStatus(d, role, health.available(d.logId()), backlog, health.lastError(d.logId())));
        }
        return result;
    }

    @Override
    public List<AuditEvent> auditEvents(String tenant, int limit) {
        int bounded = Math.max(1, Math.min(limit, AuditQuery.MAX_LIMIT));
        if (tenant == null) {
            return stores.audit().recentEvents(bounded);
        }
        return stores.audit().events(AuditQuery.newest(tenant, bounded)).events().stream()
                .map(ChainedAuditEvent::event).toList();
    }

    @Override
    public List<EntryRecord> recent(String tenant, int limit) {
        return stores.entries().recent(tenant, Math.max(0, Math.min(limit, 1000)));
    }

    @Override
    public Health health() {
        return new Health(logs.primary().isPresent(), logs.ordered().size(), predicates.typeCount());
    }

    @Override
    public Stats stats(String tenant) {
        if (!Tenants.isName(tenant)) {
            throw new AttestorException(CoreCodes.INVALID_REQUEST, "stats are kept per tenant");
        }
        return new Stats(tenant, stores.entries().count(tenant), trustRoots.trustedBy(tenant).size());
    }

    String workerId() {
        return workerId;
    }

    Publisher publisher() {
        return publisher;
    }

    SubmissionPipeline pipeline() {
        return pipeline;
    }

    EntryVerifier verifier() {
        return verifier;
    }

    Auditor auditor() {
        return auditor;
    }

    LogHeads heads() {
        return heads;
    }

    AuditAnchors anchors() {
        return anchors;
    }

    /** Stops the threads; pending records stay in the outbox, queued audit events are written first. */
    @Override
    public void close() {
        tasks.shutdownNow();
        publisher.close();
        cpuPool.shutdown();
        ioPool.shutdown();
        auditWriter.close();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
