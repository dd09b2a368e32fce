package org.stellaops.attestor.core.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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

/**
 * The core's submission, publishing and verification parts wired together as AttestorCore wires them, over a
 * file-backed entry store (so a "restart" can reopen it) and real test logs and keys.
 */
final class Harness implements AutoCloseable {

    static final String PREDICATE_TYPE = "https://stellaops.org/test/predicate/v1";
    static final Provenance WHO = new Provenance("POST /api/v1/rekor/entries", "anonymous", "192.0.2.1");
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Tunables of one harness. */
    record Settings(Duration primaryDeadline, long retryBaseMillis, long retryMaxMillis, int maxRejections,
                    Duration scanInterval, List<Cosigner> witnesses) {
        static Settings defaults() {
            return new Settings(Duration.ofMinutes(10), 5, 50, 3, Duration.ofMillis(50), List.of());
        }

        Settings primaryDeadline(Duration deadline) {
            return new Settings(deadline, retryBaseMillis, retryMaxMillis, maxRejections, scanInterval, witnesses);
        }

        Settings witnesses(List<Cosigner> keys) {
            return new Settings(primaryDeadline, retryBaseMillis, retryMaxMillis, maxRejections, scanInterval, keys);
        }
    }

    final Path directory;
    final Settings settings;
    final Clock clock = Clock.systemUTC();
    final MemoryStores.Trust trustStore;
    final MemoryStores.Audit audit;
    final MemoryStores.Cas cas;
    final TestKeyDriver keyDriver;
    final LogRegistry logs = new LogRegistry();
    final PredicateRegistry predicates = new PredicateRegistry();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final TrustRoots trustRoots;
    final Auditor auditor;
    final ServiceKeys serviceKeys = new ServiceKeys("service");
    EntryStore entries;
    Publisher publisher;
    SubmissionPipeline pipeline;
    EntryVerifier verifier;
    private final AtomicLong serviceIds = new AtomicLong();

    Harness(Path directory) {
        this(directory, Settings.defaults());
    }

    Harness(Path directory, Settings settings) {
        this(directory, settings, new MemoryStores.Trust(), new MemoryStores.Audit(), new MemoryStores.Cas(),
                new TestKeyDriver());
    }

    private Harness(Path directory, Settings settings, MemoryStores.Trust trustStore, MemoryStores.Audit audit,
                    MemoryStores.Cas cas, TestKeyDriver keyDriver) {
        this.directory = directory;
        this.settings = settings;
        this.trustStore = trustStore;
        this.audit = audit;
        this.cas = cas;
        this.keyDriver = keyDriver;
        this.trustRoots = new TrustRoots(trustStore, clock);
        this.auditor = new Auditor(audit, clock);
        auditor.setEventAdmin(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        });
        serviceKeys.bind(keyDriver);
        predicates.add(new PredicateRegistry.Registration(new TestPredicate(), 0, 1, "test/1.0.0"));
        open();
    }

    /** Opens the store and starts the publisher, as an activation does. */
    private void open() {
        entries = new FileEntryStore(directory.resolve("entries"), audit);
        LogHealth health = new LogHealth(auditor);
        EntryChecks checks = new EntryChecks();
        EntryPlanner planner = new EntryPlanner(trustRoots, serviceKeys, new Receipts(serviceKeys));
        OutboxRecords outbox = new OutboxRecords(entries, clock,
                new Backoff(settings.retryBaseMillis(), settings.retryMaxMillis(), new SecureRandom()),
                settings.maxRejections());
        publisher = new Publisher(entries, cas, logs, planner, checks, outbox, health, auditor, clock,
                JsonLimits.DEFAULT, new Publisher.Settings(2, Duration.ofSeconds(5), settings.scanInterval(), 100));
        pipeline = new SubmissionPipeline(JsonLimits.DEFAULT, trustRoots, predicates, logs, cas, entries, planner,
                publisher, clock, settings.primaryDeadline());
        verifier = new EntryVerifier(trustRoots, logs, checks, serviceKeys, health, settings.witnesses());
        publisher.start();
    }

    /** Stops the publisher and reopens the store from its files, as a process restart would. */
    void restart() {
        publisher.close();
        open();
    }

    void addLog(TestLog log, String role) {
        logs.add(new LogRegistry.Registration(log, role, 0, serviceIds.incrementAndGet()));
        publisher.wake();
    }

    void trust(KeyPair pair) {
        trustRoots.add("signer", PublicKeys.toPem(pair.getPublic()));
    }

    Submission submit(byte[] envelopeJson) {
        return pipeline.submit(envelopeJson, WHO,
                r -> auditor.event(WHO, "entry.submit", r.envelopeDigest(), Auditor.SUCCESS, r.predicateType()));
    }

    VerificationReport verify(String envelopeDigest) {
        EntryRecord record = entries.byEnvelopeDigest(envelopeDigest).orElseThrow();
        Envelope envelope = DsseEnvelopes.parse(cas.get(record.casDigest()).orElseThrow(), JsonLimits.DEFAULT)
                .envelope();
        return verifier.verify(envelopeDigest, envelope, Optional.of(record));
    }

    EntryRecord stored(String envelopeDigest) {
        return entries.byEnvelopeDigest(envelopeDigest).orElseThrow();
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
        return events.stream().map(Event::getTopic).toList();
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

    private static byte[] statement() {
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
        publisher.close();
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
