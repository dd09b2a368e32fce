package org.stellaops.attestor.core.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
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
import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyMaterial;
import org.stellaops.attestor.api.keys.SignatureVerifier;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.PredicateCatalog;
import org.stellaops.attestor.policy.PolicyEngine;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The core service component: holds the stores and tracks the plugins (predicate handlers, logs, key driver,
 * EventAdmin) dynamically and greedily, and runs one {@link CoreService} per activation, which does the work. It
 * also lists the installed predicate handlers ({@link PredicateCatalog}), which outlive activations.
 * The stores are static greedy references: a higher-ranked store (store-mongo ranks 100) that appears replaces the
 * embedded one by reactivating the component; {@code entries.target}, {@code trustStore.target},
 * {@code policyStore.target},
 * {@code auditStore.target} and {@code cas.target} pin one explicitly.
 */
@Component(service = {AttestationService.class, KeyService.class, PredicateCatalog.class, PolicyService.class},
        configurationPid = CoreConfig.PID)
@Designate(ocd = CoreConfig.class)
public class AttestorCore implements AttestationService, KeyService, PredicateCatalog, PolicyService {

    private static final Logger LOG = LoggerFactory.getLogger(AttestorCore.class);
    /** The framework (or system) property naming the data directory. */
    static final String DATA_DIR_PROPERTY = "attestor.data.dir";

    private final Clock clock = Clock.systemUTC();
    private final PredicateRegistry predicates = new PredicateRegistry();
    private final PredicateListing predicateListing = new PredicateListing(predicates);
    private final LogRegistry logs = new LogRegistry();

    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private EntryStore entries;
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private TrustRootStore trustStore;
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private AuditStore auditStore;
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private ContentStore cas;
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private PolicyStore policyStore;

    private final KeyDrivers drivers = new KeyDrivers();
    private final PolicyEngines policyEngines = new PolicyEngines();
    private volatile EventAdmin eventAdmin;
    private volatile CoreService service;
    private volatile Map<String, Object> activeProperties = Map.of();

    @Activate
    void activate(CoreConfig config, Map<String, Object> properties, BundleContext context) {
        stop();
        service = new CoreService(config, primaryDeadline(config, properties), identity(context.getBundle()),
                new CoreService.Stores(entries, trustStore, auditStore, cas, policyStore), predicates, logs, drivers, policyEngines,
                eventAdmin, clock, dataDirectory(context));
        activeProperties = Map.copyOf(properties);
        LOG.info("attestor core started as worker {}", service.workerId());
    }

    /**
     * A configuration change restarts the core, except a move of the service key to another driver: that takes
     * effect at once, without a restart, so requests in flight are not disturbed.
     */
    @Modified
    void modified(CoreConfig config, Map<String, Object> properties, BundleContext context) {
        CoreService current = service;
        if (current != null && sameApartFrom(activeProperties, properties, "serviceKeyDriver")) {
            current.serviceKeys().useDriver(config.serviceKeyDriver());
            activeProperties = Map.copyOf(properties);
            LOG.info("service key now made in key driver '{}'", config.serviceKeyDriver());
            return;
        }
        activate(config, properties, context);
    }

    static boolean sameApartFrom(Map<String, Object> before, Map<String, Object> after, String ignored) {
        java.util.Set<String> names = new java.util.HashSet<>(before.keySet());
        names.addAll(after.keySet());
        names.remove(ignored);
        // DS adds bookkeeping properties that change with every update
        names.remove(Constants.SERVICE_PID);
        names.remove("component.id");
        names.remove("component.name");
        names.remove("service.changecount");
        for (String name : names) {
            if (!java.util.Objects.deepEquals(before.get(name), after.get(name))) {
                return false;
            }
        }
        return true;
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    private void stop() {
        CoreService current = service;
        if (current != null) {
            current.close();
        }
    }

    /** @return the data directory ({@value #DATA_DIR_PROPERTY}, default {@code ./data}) */
    static Path dataDirectory(BundleContext context) {
        String configured = context == null ? null : context.getProperty(DATA_DIR_PROPERTY);
        return Path.of(configured == null || configured.isBlank() ? "./data" : configured.strip());
    }

    /** @return {@code <symbolic name>/<version>} of a bundle, as {@code derivedBy} names code */
    static String identity(Bundle bundle) {
        return bundle == null ? "unknown" : bundle.getSymbolicName() + "/" + bundle.getVersion();
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

    @Reference(name = "keyDriver", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindKeyDriver(KeyDriver driver) {
        drivers.bind(driver);
    }

    void unbindKeyDriver(KeyDriver driver) {
        drivers.unbind(driver);
    }

    @Reference(name = "signatureVerifier", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindSignatureVerifier(SignatureVerifier verifier) {
        drivers.bind(verifier);
        CoreService current = service;
        if (current != null) {
            current.trustRoots().verifiersChanged();
        }
    }

    void unbindSignatureVerifier(SignatureVerifier verifier) {
        drivers.unbind(verifier);
        CoreService current = service;
        if (current != null) {
            current.trustRoots().verifiersChanged();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPredicateHandler(PredicateHandler handler, ServiceReference<PredicateHandler> ref) {
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        Bundle bundle = ref.getBundle();
        predicates.add(new PredicateRegistry.Registration(handler, ranking instanceof Integer i ? i : 0,
                (Long) ref.getProperty(Constants.SERVICE_ID), bundle == null ? "unknown" : bundle.getSymbolicName(),
                bundle == null ? "0.0.0" : bundle.getVersion().toString()));
    }

    void unbindPredicateHandler(PredicateHandler handler) {
        predicates.remove(handler);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(!(" + TransparencyLog.ROLE_PROPERTY + "=none))")
    void bindTransparencyLog(TransparencyLog log, Map<String, Object> props) {
        Object role = props.getOrDefault(TransparencyLog.ROLE_PROPERTY, "mirror");
        Object ranking = props.get(Constants.SERVICE_RANKING);
        LogRegistry.Registration registration = new LogRegistry.Registration(log, String.valueOf(role),
                ranking instanceof Integer i ? i : 0, (Long) props.get(Constants.SERVICE_ID));
        logs.add(registration);
        CoreService current = service;
        if (current != null) {
            // records waiting for this log (or for any log) need not wait for the next scan
            current.logRegistered(registration.descriptor());
        }
    }

    void unbindTransparencyLog(TransparencyLog log) {
        logs.remove(log);
    }

    /** The policy engine comes and goes without restarting the core; a request uses the engine it started with. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPolicyEngine(PolicyEngine engine) {
        policyEngines.bind(engine);
    }

    void unbindPolicyEngine(PolicyEngine engine) {
        policyEngines.unbind(engine);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin admin) {
        eventAdmin = admin;
        CoreService current = service;
        if (current != null) {
            current.setEventAdmin(admin);
        }
    }

    void unbindEventAdmin(EventAdmin admin) {
        if (eventAdmin == admin) {
            eventAdmin = null;
            CoreService current = service;
            if (current != null) {
                current.setEventAdmin(null);
            }
        }
    }

    @Override
    public Submission submit(byte[] envelopeJson, Provenance provenance) {
        return service.submit(envelopeJson, provenance);
    }

    @Override
    public List<BatchOutcome> submitBatch(List<byte[]> envelopes, Provenance provenance) {
        return service.submitBatch(envelopes, provenance);
    }

    @Override
    public Optional<StoredAttestation> fetch(String tenant, String id) {
        return service.fetch(tenant, id);
    }

    @Override
    public VerificationReport verifyStored(String id, Provenance provenance) {
        return service.verifyStored(id, provenance);
    }

    @Override
    public VerificationReport verifyEnvelope(byte[] envelopeJson, Provenance provenance) {
        return service.verifyEnvelope(envelopeJson, provenance);
    }

    @Override
    public VerificationReport verifyEnvelopeWithEntries(byte[] envelopeJson, List<byte[]> tlogEntries,
                                                        Provenance provenance) {
        return service.verifyEnvelopeWithEntries(envelopeJson, tlogEntries, provenance);
    }

    @Override
    public VerificationReport verify(VerifyRequest request, Provenance provenance) {
        return service.verify(request, provenance);
    }

    @Override
    public PolicyVerification verify(VerifyRequest request, PolicyRequest policy, Provenance provenance) {
        return service.verify(request, policy, provenance);
    }

    @Override
    public List<PolicyVerifyOutcome> verifyBatch(List<VerifyRequest> requests, PolicyRequest policy,
                                                 Provenance provenance) {
        return service.verifyBatch(requests, policy, provenance);
    }

    @Override
    public PolicyInfo create(PolicyDraft draft, Provenance provenance) {
        return service.create(draft, provenance);
    }

    @Override
    public PolicyInfo update(String policyId, PolicyDraft draft, Provenance provenance) {
        return service.update(policyId, draft, provenance);
    }

    @Override
    public PolicyInfo delete(String policyId, String comment, Provenance provenance) {
        return service.delete(policyId, comment, provenance);
    }

    @Override
    public PolicyInfo approve(String policyId, int version, Provenance provenance) {
        return service.approve(policyId, version, provenance);
    }

    @Override
    public List<PolicyInfo> policies(String tenant) {
        return service.policies(tenant);
    }

    @Override
    public Optional<PolicyInfo> policy(String tenant, String policyId) {
        return service.policy(tenant, policyId);
    }

    @Override
    public List<StarterResult> loadStarterPolicies(Provenance provenance) {
        return service.loadStarterPolicies(provenance);
    }

    @Override
    public Simulation simulate(String policyId, SimulationRequest request, Provenance provenance) {
        return service.simulate(policyId, request, provenance);
    }

    @Override
    public int batchMaxItems() {
        return service.batchMaxItems();
    }

    @Override
    public List<VerifyOutcome> verifyBatch(List<VerifyRequest> requests, Provenance provenance) {
        return service.verifyBatch(requests, provenance);
    }

    @Override
    public EntryPage search(EntryQuery query) {
        return service.search(query);
    }

    @Override
    public AuditPage audit(AuditQuery query) {
        return service.audit(query);
    }

    @Override
    public void recordSecurityEvent(String action, String target, String outcome, String detail,
            Provenance provenance) {
        service.recordSecurityEvent(action, target, outcome, detail, provenance);
    }

    @Override
    public AuditVerification verifyAudit(String tenant, Provenance provenance) {
        return service.verifyAudit(tenant, provenance);
    }

    @Override
    public CacheStats verificationCache() {
        return service.verificationCache();
    }

    @Override
    public TrustedKey addTrustedKey(String name, String publicKeyPem, boolean shared, Provenance provenance) {
        return service.addTrustedKey(name, publicKeyPem, shared, provenance);
    }

    @Override
    public List<TrustedKey> trustedKeys(String tenant) {
        return service.trustedKeys(tenant);
    }

    @Override
    public TrustedKey revokeTrustedKey(String keyId, Provenance provenance) {
        return service.revokeTrustedKey(keyId, provenance);
    }

    @Override
    public List<LogDescriptor> logs() {
        return service.logs();
    }

    @Override
    public List<LogStatus> logStatus() {
        return service.logStatus();
    }

    @Override
    public List<AuditEvent> auditEvents(String tenant, int limit) {
        return service.auditEvents(tenant, limit);
    }

    @Override
    public List<EntryRecord> recent(String tenant, int limit) {
        return service.recent(tenant, limit);
    }

    @Override
    public Health health() {
        return service.health();
    }

    @Override
    public List<Handler> handlers() {
        return predicateListing.handlers();
    }

    @Override
    public String schema(String predicateType) {
        return predicateListing.schema(predicateType);
    }

    @Override
    public Stats stats(String tenant) {
        return service.stats(tenant);
    }

    private KeyService keys() {
        CoreService current = service;
        if (current == null) {
            throw new AttestorException("internal.unavailable", "the core is restarting");
        }
        return current.keys();
    }

    @Override
    public List<DriverStatus> drivers() {
        return drivers.statuses();
    }

    @Override
    public List<TrustedKey> keys(String tenant) {
        return keys().keys(tenant);
    }

    @Override
    public List<TrustedKey> versions(String tenant, String name) {
        return keys().versions(tenant, name);
    }

    @Override
    public TrustedKey create(CreateKey request, Provenance who) {
        return keys().create(request, who);
    }

    @Override
    public TrustedKey rotate(String name, Rotation rotation, Provenance who) {
        return keys().rotate(name, rotation, who);
    }

    @Override
    public TrustedKey retire(String keyId, java.time.Instant at, Provenance who) {
        return keys().retire(keyId, at, who);
    }

    @Override
    public TrustedKey revoke(String keyId, Revocation revocation, Provenance who) {
        return keys().revoke(keyId, revocation, who);
    }

    @Override
    public TrustedKey importKey(String name, String driver, KeyMaterial material, boolean shared, Provenance who) {
        return keys().importKey(name, driver, material, shared, who);
    }

    @Override
    public KeyMaterial exportKey(String keyId, String format, char[] password, Provenance who) {
        return keys().exportKey(keyId, format, password, who);
    }

    @Override
    public Signed sign(SignRequest request, Provenance who) {
        return keys().sign(request, who);
    }

    @Override
    public Ceremony startRegistration(String driver, String name, Provenance who) {
        return keys().startRegistration(driver, name, who);
    }

    @Override
    public TrustedKey finishRegistration(String driver, String ceremonyId, String credentialJson, Provenance who) {
        return keys().finishRegistration(driver, ceremonyId, credentialJson, who);
    }

    @Override
    public Ceremony startSigning(SignRequest request, Provenance who) {
        return keys().startSigning(request, who);
    }

    @Override
    public Signed finishSigning(String ceremonyId, String credentialJson, Provenance who) {
        return keys().finishSigning(ceremonyId, credentialJson, who);
    }
}
