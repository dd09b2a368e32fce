package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
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
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The core service component: wires the stores, the plugin registries and the pipelines, and audits every
 * security-relevant call. Predicate handlers and logs are tracked dynamically and greedily, so plugins come and go
 * without restarting anything.
 */
@Component(service = AttestationService.class, configurationPid = "org.stellaops.attestor.core")
@Designate(ocd = AttestorCore.Config.class)
public class AttestorCore implements AttestationService {

    /** Core settings. */
    @ObjectClassDefinition(name = "Attestor core", description = "Submission limits and log deadlines")
    public @interface Config {
        /** @return maximum envelope size in bytes */
        @AttributeDefinition(name = "Max envelope bytes", description = "Larger envelopes are rejected with 413")
        int maxEnvelopeBytes() default 4 * 1024 * 1024;

        /** @return maximum JSON nesting depth */
        @AttributeDefinition(name = "Max JSON depth")
        int maxJsonDepth() default 64;

        /** @return how long a submission waits for the primary log */
        @AttributeDefinition(name = "Log deadline (ms)", description = "How long a submission waits for its log proof")
        long logDeadlineMillis() default 20_000;
    }

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

    @Activate
    @Modified
    void activate(Config config) {
        limits = new JsonLimits(config.maxEnvelopeBytes(), config.maxJsonDepth());
        Auditor audit = new Auditor(auditStore, clock);
        audit.setEventAdmin(eventAdmin);
        auditor = audit;
        trustRoots = new TrustRoots(trustStore, clock);
        pipeline = new SubmissionPipeline(limits, trustRoots, predicates, logs, cas, entries, clock,
                Duration.ofMillis(config.logDeadlineMillis()));
        verifier = new EntryVerifier(trustRoots, logs);
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
