package org.stellaops.attestor.core.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.ParsedEnvelope;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The core service component: wires the stores, the plugin registries, the submission pipeline, the log publisher
 * (outbox) and the verifier, and audits every security-relevant call. Predicate handlers, logs and the key driver
 * are tracked dynamically and greedily, so plugins come and go without restarting anything.
 */
@Component(service = AttestationService.class, configurationPid = "org.stellaops.attestor.core")
@Designate(ocd = CoreConfig.class)
public class AttestorCore implements AttestationService {

    private static final Logger LOG = LoggerFactory.getLogger(AttestorCore.class);

    private final Clock clock = Clock.systemUTC();
    private final PredicateRegistry predicates = new PredicateRegistry();
    private final LogRegistry logs = new LogRegistry();

    @Reference
    private EntryStore entries;
    @Reference
    private TrustRootStore trustStore;
    @Reference
    private AuditStore auditStore;
    @Reference
    private ContentStore cas;

    private volatile JsonLimits limits = JsonLimits.DEFAULT;
    private volatile Auditor auditor;
    private volatile TrustRoots trustRoots;
    private volatile SubmissionPipeline pipeline;
    private volatile EntryVerifier verifier;
    private volatile EventAdmin eventAdmin;
    private volatile KeyDriver keyDriver;
    private volatile ServiceKeys serviceKeys;
    private volatile Publisher publisher;
    private volatile LogHealth logHealth;

    @Activate
    @Modified
    void activate(CoreConfig config, Map<String, Object> properties) {
        stopPublisher();
        limits = new JsonLimits(config.maxEnvelopeBytes(), config.maxJsonDepth());
        Auditor audit = new Auditor(auditStore, clock);
        audit.setEventAdmin(eventAdmin);
        auditor = audit;
        trustRoots = new TrustRoots(trustStore, clock);
        ServiceKeys keys = new ServiceKeys(config.serviceKeyName());
        keys.bind(keyDriver);
        serviceKeys = keys;
        LogHealth health = new LogHealth(audit);
        logHealth = health;
        EntryChecks checks = new EntryChecks();
        EntryPlanner planner = new EntryPlanner(trustRoots, keys, new Receipts(keys));
        OutboxRecords outbox = new OutboxRecords(entries, clock,
                new Backoff(config.retryBaseMillis(), config.retryMaxMillis(), new SecureRandom()),
                config.maxRejections());
        Publisher next = new Publisher(entries, cas, logs, planner, checks, outbox, health, audit, clock, limits,
                new Publisher.Settings(config.publisherThreads(), Duration.ofMillis(config.submitTimeoutMillis()),
                        Duration.ofMillis(config.outboxScanMillis()), config.outboxScanLimit()));
        pipeline = new SubmissionPipeline(limits, trustRoots, predicates, logs, cas, entries, planner, next, clock,
                primaryDeadline(config, properties));
        verifier = new EntryVerifier(trustRoots, logs, checks, keys, health, witnesses(config.witnesses()));
        publisher = next;
        next.start();
    }

    @Deactivate
    void deactivate() {
        stopPublisher();
    }

    private void stopPublisher() {
        Publisher current = publisher;
        if (current != null) {
            current.close();
        }
    }

    /**
     * {@code primaryDeadlineMillis}, unless it is left at its default and the deprecated {@code logDeadlineMillis}
     * is configured. (DS always supplies the annotation defaults as component properties, so "left at its default"
     * is the only way to tell that it was not set.)
     */
    static Duration primaryDeadline(CoreConfig config, Map<String, Object> properties) {
        Object old = properties.get("logDeadlineMillis");
        if (config.primaryDeadlineMillis() == CoreConfig.DEFAULT_PRIMARY_DEADLINE_MILLIS && old != null) {
            return Duration.ofMillis(Long.parseLong(String.valueOf(old).strip()));
        }
        return Duration.ofMillis(config.primaryDeadlineMillis());
    }

    /** Parses the witness keys; a malformed one is logged and left out rather than stopping the service. */
    static List<Cosigner> witnesses(String[] vkeys) {
        List<Cosigner> parsed = new ArrayList<>();
        for (String vkey : vkeys == null ? new String[0] : vkeys) {
            if (vkey == null || vkey.isBlank()) {
                continue;
            }
            try {
                parsed.add(Cosigner.parseVkey(vkey.strip()));
            } catch (AttestorException e) {
                LOG.error("ignoring witness key '{}': {}", vkey, e.getMessage());
            }
        }
        return List.copyOf(parsed);
    }

    @Reference(name = "keyDriver", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(attestor.key.driver=file)")
    void bindKeyDriver(KeyDriver driver) {
        keyDriver = driver;
        ServiceKeys keys = serviceKeys;
        if (keys != null) {
            keys.bind(driver);
        }
    }

    void unbindKeyDriver(KeyDriver driver) {
        if (keyDriver == driver) {
            keyDriver = null;
        }
        ServiceKeys keys = serviceKeys;
        if (keys != null) {
            keys.unbind(driver);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPredicateHandler(PredicateHandler handler, ServiceReference<PredicateHandler> ref) {
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        Bundle bundle = ref.getBundle();
        String provider = bundle == null ? "unknown" : bundle.getSymbolicName() + "/" + bundle.getVersion();
        predicates.add(new PredicateRegistry.Registration(handler, ranking instanceof Integer i ? i : 0,
                (Long) ref.getProperty(Constants.SERVICE_ID), provider));
    }

    void unbindPredicateHandler(PredicateHandler handler) {
        predicates.remove(handler);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTransparencyLog(TransparencyLog log, Map<String, Object> props) {
        Object role = props.getOrDefault(TransparencyLog.ROLE_PROPERTY, "mirror");
        logs.add(new LogRegistry.Registration(log, String.valueOf(role), ranking(props),
                (Long) props.get(Constants.SERVICE_ID)));
        Publisher current = publisher;
        if (current != null) {
            current.wake(); // records waiting for this log (or for any log) need not wait for the next scan
        }
    }

    void unbindTransparencyLog(TransparencyLog log) {
        logs.remove(log);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin admin) {
        eventAdmin = admin;
        Auditor audit = auditor;
        if (audit != null) {
            audit.setEventAdmin(admin);
        }
    }

    void unbindEventAdmin(EventAdmin admin) {
        if (eventAdmin == admin) {
            eventAdmin = null;
            Auditor audit = auditor;
            if (audit != null) {
                audit.setEventAdmin(null);
            }
        }
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
            auditor.record(provenance, "entry.submit", "-", codeOf(e), e.getMessage());
            throw e;
        }
    }

    @Override
    public Optional<StoredAttestation> fetch(String id) {
        return find(Ids.parse(id)).map(record -> new StoredAttestation(record, envelopeBytes(record)));
    }

    @Override
    public VerificationReport verifyStored(String id, Provenance provenance) {
        Ids.Id parsed = Ids.parse(id);
        EntryRecord record = find(parsed).orElseThrow(() ->
                new AttestorException(ErrorCodes.ENTRY_NOT_FOUND, "no attestation with id " + id));
        ParsedEnvelope envelope = DsseEnvelopes.parse(envelopeBytes(record), limits);
        return audited(provenance, verifier.verify(record.envelopeDigest(), envelope.envelope(), Optional.of(record)));
    }

    @Override
    public VerificationReport verifyEnvelope(byte[] envelopeJson, Provenance provenance) {
        ParsedEnvelope parsed = DsseEnvelopes.parse(envelopeJson, limits);
        String digest = SubmissionPipeline.digestOf(parsed);
        Envelope envelope = parsed.envelope();
        return audited(provenance, verifier.verify(digest, envelope, entries.byEnvelopeDigest(digest)));
    }

    @Override
    public VerificationReport verifyEnvelopeWithEntries(byte[] envelopeJson, List<byte[]> tlogEntries,
                                                        Provenance provenance) {
        ParsedEnvelope parsed = DsseEnvelopes.parse(envelopeJson, limits);
        String digest = SubmissionPipeline.digestOf(parsed);
        EntryRecord supplied = SuppliedEntries.asRecord(digest, parsed.envelope(), tlogEntries, limits, provenance);
        return audited(provenance, verifier.verify(digest, parsed.envelope(), Optional.of(supplied)));
    }

    private VerificationReport audited(Provenance provenance, VerificationReport report) {
        auditor.record(provenance, "entry.verify", report.envelopeDigest(),
                report.verified() ? Auditor.SUCCESS : "verification.failed",
                report.verified() ? "verified" : firstFailure(report));
        return report;
    }

    private static String firstFailure(VerificationReport report) {
        return report.checks().stream().filter(c -> !c.ok()).findFirst()
                .map(c -> c.check() + ": " + c.detail()).orElse("no checks");
    }

    @Override
    public TrustedKey addTrustedKey(String name, String publicKeyPem, Provenance provenance) {
        try {
            TrustedKey key = trustRoots.add(name, publicKeyPem);
            auditor.record(provenance, "trust.key.add", key.keyId(), Auditor.SUCCESS, key.name());
            return key;
        } catch (AttestorException e) {
            auditor.record(provenance, "trust.key.add", "-", e.code(), e.getMessage());
            throw e;
        }
    }

    @Override
    public List<TrustedKey> trustedKeys() {
        return trustRoots.all();
    }

    @Override
    public TrustedKey revokeTrustedKey(String keyId, Provenance provenance) {
        try {
            TrustedKey key = trustRoots.revoke(keyId);
            auditor.record(provenance, "trust.key.revoke", keyId, Auditor.SUCCESS, key.name());
            return key;
        } catch (AttestorException e) {
            auditor.record(provenance, "trust.key.revoke", keyId, e.code(), e.getMessage());
            throw e;
        }
    }

    @Override
    public List<LogDescriptor> logs() {
        return logs.ordered().stream().map(r -> r.log().descriptor()).toList();
    }

    @Override
    public List<LogStatus> logStatus() {
        Map<String, Long> pending = publisher == null ? Map.of() : publisher.pendingByLog();
        LogHealth health = logHealth;
        List<LogStatus> result = new ArrayList<>();
        boolean primaryTaken = false;
        for (LogRegistry.Registration r : logs.ordered()) {
            LogDescriptor d = r.descriptor();
            String role = !primaryTaken && r.primary() ? LogTarget.ROLE_PRIMARY : LogTarget.ROLE_MIRROR;
            primaryTaken |= r.primary();
            result.add(new LogStatus(d, role, health == null || health.available(d.logId()),
                    pending.getOrDefault(d.logId(), 0L), health == null ? "" : health.lastError(d.logId())));
        }
        return result;
    }

    @Override
    public List<AuditEvent> auditEvents(int limit) {
        return auditStore.recentEvents(Math.max(0, Math.min(limit, 1000)));
    }

    @Override
    public List<EntryRecord> recent(int limit) {
        return entries.recent(Math.max(0, Math.min(limit, 1000)));
    }

    @Override
    public Health health() {
        int logCount = logs.ordered().size();
        return new Health(logs.primary().isPresent(), entries.count(), logCount, predicates.typeCount());
    }

    private Optional<EntryRecord> find(Ids.Id id) {
        if (id instanceof Ids.Uuid uuid) {
            return entries.byUuid(uuid.hex());
        }
        return entries.byEnvelopeDigest(((Ids.EnvelopeDigest) id).digest());
    }

    private byte[] envelopeBytes(EntryRecord record) {
        return cas.get(record.casDigest()).orElseThrow(() -> new StorageException(StorageException.CORRUPT,
                "the archived envelope of " + record.envelopeDigest() + " is missing", null));
    }

    private static String codeOf(RuntimeException e) {
        return e instanceof AttestorException a ? a.code() : ((StorageException) e).code();
    }

    private static int ranking(Map<String, Object> props) {
        return props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

}
