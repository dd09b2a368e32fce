package org.stellaops.attestor.core.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.testing.Osgi;

/**
 * The core's submission, publishing and verification parts wired together as AttestorCore wires them, over a
 * file-backed entry store (so a "restart" can reopen it) and real test logs and keys.
 */
final class Harness implements AutoCloseable {

    static final String PREDICATE_TYPE = "https://stellaops.org/test/predicate/v1";
    /** The tenant of {@link #WHO}. */
    static final String TENANT = "tenant-a";
    static final Provenance WHO = new Provenance("POST /api/v1/rekor/entries", "alice", "192.0.2.1", TENANT);
    /** The identity the core gives itself in {@code derivedBy}. */
    static final String CORE = "org.stellaops.attestor.core/test";
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Tunables of one harness: {@link CoreConfig} values by attribute name. */
    record Settings(Map<String, Object> config) {
        static Settings defaults() {
            Map<String, Object> config = new HashMap<>();
            config.put("primaryDeadlineMillis", Duration.ofMinutes(10).toMillis());
            config.put("retryBaseMillis", 5L);
            config.put("retryMaxMillis", 50L);
            config.put("maxRejections", 3);
            config.put("outboxScanMillis", 50L);
            config.put("outboxScanLimit", 100);
            config.put("publisherThreads", 2);
            config.put("submitTimeoutMillis", 5_000L);
            // background tasks the tests drive themselves, so that what they assert does not race a timer
            config.put("checkpointRefreshMillis", 0L);
            config.put("auditAnchorIntervalMillis", 0L);
            // the tests that want them load the starter policies themselves
            config.put("starterPolicies", false);
            return new Settings(Map.copyOf(config));
        }

        Settings with(String attribute, Object value) {
            Map<String, Object> next = new HashMap<>(config);
            next.put(attribute, value);
            return new Settings(Map.copyOf(next));
        }

        Settings primaryDeadline(Duration deadline) {
            return with("primaryDeadlineMillis", deadline.toMillis());
        }

        /** @param entries {@code timestampAuthorities} entries; relative paths resolve against the harness directory */
        Settings timestampAuthorities(String... entries) {
            return with("timestampAuthorities", entries);
        }

        Settings witnesses(List<Cosigner> keys) {
            return with("witnesses", keys.stream().map(Cosigner::vkey).toArray(String[]::new));
        }

        CoreConfig coreConfig() {
            return Osgi.config(CoreConfig.class, config);
        }
    }

    final Path directory;
    final Settings settings;
    final Clock clock;
    final MemoryStores.Trust trustStore;
    final MemoryStores.Audit audit;
    final MemoryStores.Cas cas;
    final MemoryStores.Policies policyStore;
    final TestKeyDriver keyDriver;
    final LogRegistry logs = new LogRegistry();
    final PredicateRegistry predicates = new PredicateRegistry();
    // appends stay O(1) however many events a long run (a benchmark) posts
    final List<Event> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final KeyDrivers drivers = new KeyDrivers();
    /** The real policy engine (bundle policy's component, outside OSGi); tests unbind it to see it missing. */
    final PolicyEngines policyEngines = new PolicyEngines();
    final org.stellaops.attestor.policy.PolicyEngine policyEngine =
            new org.stellaops.attestor.policy.internal.PolicyEngineComponent(Osgi.config(
                    org.stellaops.attestor.policy.internal.PolicyEngineComponent.Config.class, Map.of()));
    private final boolean sharedStore;
    EntryStore entries;
    CoreService core;
    Publisher publisher;
    SubmissionPipeline pipeline;
    EntryVerifier verifier;
    Auditor auditor;
    private final AtomicLong serviceIds = new AtomicLong();

    Harness(Path directory) {
        this(directory, Settings.defaults());
    }

    Harness(Path directory, Settings settings) {
        this(directory, settings, Clock.systemUTC());
    }

    /** A harness whose core reads the given clock (verification times, acceptance times, key lifecycles). */
    Harness(Path directory, Settings settings, Clock clock) {
        this(directory, settings, new MemoryStores.Trust(), new MemoryStores.Audit(), new MemoryStores.Cas(),
                new TestKeyDriver(), new MemoryStores.Policies(), null, clock);
    }

    private Harness(Path directory, Settings settings, MemoryStores.Trust trustStore, MemoryStores.Audit audit,
                    MemoryStores.Cas cas, TestKeyDriver keyDriver, MemoryStores.Policies policyStore, EntryStore shared,
                    Clock clock) {
        this.policyStore = policyStore;
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.trustStore = trustStore;
        this.audit = audit;
        this.cas = cas;
        this.keyDriver = keyDriver;
        this.sharedStore = shared != null;
        this.entries = shared;
        drivers.bind(keyDriver);
        policyEngines.bind(policyEngine);
        predicates.add(new PredicateRegistry.Registration(new TestPredicate(), 0, 1, "test", "1.0.0"));
        open();
    }

    /**
     * Another core on the same trust roots, audit trail, archive and key driver, over the given record store (a
     * store of another contract version, say); closing it closes only its core.
     */
    Harness withEntryStore(EntryStore store) {
        return new Harness(directory, settings, trustStore, audit, cas, keyDriver, policyStore, store, clock);
    }

    /**
     * A second worker on the same stores (entry store, trust roots, audit trail, archive, key driver), with its
     * own publisher, registries and worker id, as a second service instance against one database would be.
     */
    Harness worker(Settings workerSettings) {
        return new Harness(directory, workerSettings, trustStore, audit, cas, keyDriver, policyStore, entries, clock);
    }

    /** Opens the store and starts the core, as an activation does. */
    private void open() {
        if (!sharedStore) {
            entries = new FileEntryStore(directory.resolve("entries"), audit);
        }
        CoreConfig config = settings.coreConfig();
        core = new CoreService(config, Duration.ofMillis(config.primaryDeadlineMillis()), CORE,
                new CoreService.Stores(entries, trustStore, audit, cas, policyStore), predicates, logs, drivers, policyEngines,
                new EventAdmin() {
                    @Override
                    public void postEvent(Event event) {
                        events.add(event);
                    }

                    @Override
                    public void sendEvent(Event event) {
                        events.add(event);
                    }
                }, clock, directory);
        publisher = core.publisher();
        pipeline = core.pipeline();
        verifier = core.verifier();
        auditor = core.auditor();
    }

    /** Stops the core and reopens the store from its files, as a process restart would. */
    void restart() {
        core.close();
        open();
    }

    void addLog(TestLog log, String role) {
        logs.add(new LogRegistry.Registration(log, role, 0, serviceIds.incrementAndGet()));
        publisher.wake();
    }

    void trust(KeyPair pair) {
        core.lifecycle().addExternal("signer", PublicKeys.toPem(pair.getPublic()), false, TENANT);
    }

    /** Revokes a service key version for a compromise since the epoch: nothing it signed counts any more. */
    void revokeServiceKey(String keyId) {
        core.keys().revoke(keyId, new org.stellaops.attestor.core.service.KeyService.Revocation(
                org.stellaops.attestor.store.TrustedKey.RevocationReason.KEY_COMPROMISE, java.time.Instant.EPOCH),
                new Provenance("test", "operator", "127.0.0.1", org.stellaops.attestor.store.Tenants.OPERATOR));
    }

    Submission submit(byte[] envelopeJson) {
        return pipeline.submit(envelopeJson, WHO,
                r -> auditor.event(WHO, "entry.submit", r.envelopeDigest(), Auditor.SUCCESS, r.predicateType()));
    }

    VerificationReport verify(String envelopeDigest) {
        EntryRecord record = entries.byEnvelopeDigest(TENANT, envelopeDigest).orElseThrow();
        Envelope envelope = DsseEnvelopes.parse(cas.get(record.casDigest()).orElseThrow(), JsonLimits.DEFAULT)
                .envelope();
        return verifier.verify(TENANT, envelopeDigest, envelope, Optional.of(record));
    }

    EntryRecord stored(String envelopeDigest) {
        return entries.byEnvelopeDigest(TENANT, envelopeDigest).orElseThrow();
    }

    /** Waits (bounded) until the stored record satisfies the condition, and returns it. */
    EntryRecord awaitRecord(String envelopeDigest, String what, java.util.function.Predicate<EntryRecord> condition) {
        await(what, () -> condition.test(stored(envelopeDigest)));
        return stored(envelopeDigest);
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + BOUND + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    List<String> topics() {
        synchronized (events) {
            return events.stream().map(Event::getTopic).toList();
        }
    }

    /** A fresh, unique in-toto statement signed by {@code pair}. */
    static byte[] envelope(KeyPair pair, KeyAlgorithm algorithm) {
        return DsseEnvelopes.toJson(DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, statement(), pair.getPrivate(),
                algorithm, PublicKeys.keyId(pair.getPublic())));
    }

    /** A fresh statement signed by every given signer. */
    static byte[] envelope(List<KeyPair> pairs, List<KeyAlgorithm> algorithms) {
        Envelope envelope = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, statement(), pairs.get(0).getPrivate(),
                algorithms.get(0), PublicKeys.keyId(pairs.get(0).getPublic()));
        for (int i = 1; i < pairs.size(); i++) {
            envelope = DsseEnvelopes.addSignature(envelope, pairs.get(i).getPrivate(), algorithms.get(i),
                    PublicKeys.keyId(pairs.get(i).getPublic()));
        }
        return DsseEnvelopes.toJson(envelope);
    }

    static byte[] statement() {
        String subjectDigest = MemoryStores.sha256(("subject " + SEQUENCE.incrementAndGet() + " " + System.nanoTime())
                .getBytes(StandardCharsets.UTF_8));
        return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"pkg:test/app\",\"digest\":"
                + "{\"sha256\":\"" + subjectDigest + "\"}}],\"predicateType\":\"" + PREDICATE_TYPE
                + "\",\"predicate\":{\"ok\":true}}").getBytes(StandardCharsets.UTF_8);
    }

    static String digestOf(byte[] envelopeJson) {
        return SubmissionPipeline.digestOf(DsseEnvelopes.parse(envelopeJson, JsonLimits.DEFAULT));
    }

    @Override
    public void close() {
        core.close();
    }

    /** Accepts every predicate of the test type. */
    private static final class TestPredicate implements PredicateHandler {
        @Override
        public Set<String> predicateTypes() {
            return Set.of(PREDICATE_TYPE);
        }

        @Override
        public Optional<String> jsonSchema(String predicateType) {
            return Optional.empty();
        }

        @Override
        public PredicateResult validate(org.stellaops.attestor.api.model.Statement statement) {
            return PredicateResult.valid(Map.of("subjects", statement.subjects().size()));
        }
    }

    static List<KeyAlgorithm> algorithms(KeyAlgorithm... algorithms) {
        return new ArrayList<>(List.of(algorithms));
    }
}
