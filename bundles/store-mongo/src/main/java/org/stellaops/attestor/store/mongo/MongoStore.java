package org.stellaops.attestor.store.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.OneTimeKeyStore;
import org.stellaops.attestor.store.PolicyApproval;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.PolicyVersion;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Persistence in MongoDB (a replica set or sharded cluster), for several workers sharing one database: entries with
 * their outbox leases ({@code entries}), the hash-chained audit trail ({@code audit}), trust roots
 * ({@code trust_keys}), one-time keys, the DPoP replay cache ({@code one_time_keys}), and the schema version
 * ({@code meta}); docs/storage.md describes every field and index. Records, events and keys belong to a tenant
 * ({@code tenant} field, first key of every index a tenant's read uses; records and keys have the {@code _id}
 * {@code <tenant>|<digest or key id>}, see {@link Ids}).
 * Nothing needs a transaction: every write is one single-document operation made conditional by its filter
 * (compare-and-set on a revision, leases, re-claimed one-time keys) or by a unique key (dedupe, audit sequence
 * numbers, one-time keys). Writes use the
 * configured write concern (majority, journaled) and are durable when a method returns.
 *
 * <p>Needs configuration (PID {@value #PID}, at least {@code uri}); registers with
 * {@value #STORE_PROPERTY}={@value #STORE_NAME} and {@code service.ranking} {@value #DEFAULT_RANKING}, above the
 * embedded store, so configuring it switches the core over. Activation fails with {@code storage.failure} if no
 * server answers or the database's schema is newer than this code. Declared disabled:
 * {@link MongoStoreStarter} enables it once MongoDB answers, and again whenever it is not up.
 */
@Component(service = {EntryStore.class, TrustRootStore.class, AuditStore.class, OneTimeKeyStore.class,
        PolicyStore.class},
        immediate = true, enabled = false,
        configurationPid = MongoStore.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {MongoStore.STORE_PROPERTY + "=" + MongoStore.STORE_NAME,
                "service.ranking:Integer=" + MongoStore.DEFAULT_RANKING})
@Designate(ocd = MongoStoreConfig.class)
public final class MongoStore implements EntryStore, TrustRootStore, AuditStore, OneTimeKeyStore, PolicyStore,
        AutoCloseable {

    /** The ConfigAdmin PID. */
    public static final String PID = "org.stellaops.attestor.store.mongo";
    /** Service property naming the store implementation. */
    public static final String STORE_PROPERTY = "attestor.store";
    /** This implementation's {@value #STORE_PROPERTY} value. */
    public static final String STORE_NAME = "mongo";
    /** The default service ranking (the embedded store ranks 0). */
    public static final int DEFAULT_RANKING = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MongoStore.class);

    private final MongoClient client;
    private final Clock clock;
    private final Entries entries;
    private final Leases leases;
    private final Search search;
    private final AuditTrail audit;
    private final TrustKeys trust;
    private final OneTimeKeys oneTimeKeys;
    private final Policies policies;
    private final AuditRepair repair;
    private final ScheduledExecutorService repairs;

    /**
     * Activates the component: connects, migrates the schema, repairs interrupted creations and schedules the
     * repair.
     *
     * @param config the configuration
     * @throws StorageException {@code storage.failure} if MongoDB is unreachable, the uri is malformed or the
     *                          database's schema is newer than this code
     */
    @Activate
    public MongoStore(MongoStoreConfig config) {
        this(config, Clock.systemUTC());
    }

    MongoStore(MongoStoreConfig config, Clock clock) {
        this.clock = clock;
        this.client = Connection.open(config);
        try {
            MongoDatabase db = Connection.database(client, config.database());
            EntryDocuments documents = new EntryDocuments();
            int schema = new Schema(db, documents).migrate();
            this.entries = new Entries(db.getCollection(Fields.ENTRIES), documents);
            this.leases = new Leases(entries);
            this.search = new Search(entries);
            this.audit = new AuditTrail(db.getCollection(Fields.AUDIT));
            this.trust = new TrustKeys(db.getCollection(Fields.TRUST_KEYS), db.getCollection(Fields.META));
            this.oneTimeKeys = new OneTimeKeys(db.getCollection(Fields.ONE_TIME_KEYS), clock);
            this.policies = new Policies(db.getCollection(Policies.COLLECTION));
            this.repair = new AuditRepair(entries, audit, clock);
            LOG.info("MongoDB store ready: hosts {}, database {}, schema version {}",
                    Connection.hosts(config.uri()), db.getName(), schema);
            repairAtStart();
            this.repairs = schedule(config.auditRepairIntervalSeconds());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void repairAtStart() {
        try {
            repair.run(Duration.ZERO);
        } catch (StorageException e) {
            // the store still works; the next pass retries, and the markers stay until then
            LOG.error("audit repair at start failed ({}): {}", e.code(), e.getMessage(), e);
        }
    }

    private ScheduledExecutorService schedule(int intervalSeconds) {
        if (intervalSeconds <= 0) {
            return null;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attestor-store-mongo-audit-repair");
            t.setDaemon(true);
            return t;
        });
        Duration grace = Duration.ofSeconds(intervalSeconds);
        executor.scheduleWithFixedDelay(() -> {
            try {
                repair.run(grace);
            } catch (RuntimeException e) {
                // a failed pass must not end the schedule; the markers stay for the next one
                LOG.error("audit repair failed: {}", e.getMessage(), e);
            }
        }, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        return executor;
    }

    /**
     * Appends the creation events of records whose writer stopped between the record and its event.
     *
     * @param grace only records marked at least this long ago
     * @return how many records were repaired
     */
    int repairAuditTrail(Duration grace) {
        return repair.run(grace);
    }

    @Override
    public Stored putIfAbsent(EntryRecord record) {
        return entries.insert(record, null, clock.instant());
    }

    /**
     * Inserts the record carrying its creation event, appends the event, then removes the carried copy: three
     * single-document writes instead of one transaction. If this worker dies in between, the repair (at start
     * and every {@code auditRepairIntervalSeconds} on every worker) appends the event, exactly once.
     */
    @Override
    public Stored putIfAbsent(EntryRecord record, AuditEvent createdEvent) {
        java.util.Objects.requireNonNull(createdEvent, "createdEvent");
        Stored stored = entries.insert(record, createdEvent, clock.instant());
        if (stored.created()) {
            audit.appendForEntry(EntryDocuments.id(record), createdEvent);
            entries.clearPendingAudit(record);
        }
        return stored;
    }

    @Override
    public boolean replaceIf(EntryRecord expected, EntryRecord next) {
        return entries.replaceIf(expected, next);
    }

    @Override
    public Optional<EntryRecord> byEnvelopeDigest(String tenant, String envelopeDigest) {
        return entries.byEnvelopeDigest(tenant, envelopeDigest);
    }

    @Override
    public Optional<EntryRecord> byUuid(String tenant, String uuid) {
        return entries.byUuid(tenant, uuid);
    }

    @Override
    public List<EntryRecord> pending(int limit) {
        return entries.pending(limit);
    }

    @Override
    public List<EntryRecord> claimable(String owner, Instant now, int limit) {
        return leases.claimable(owner, now, limit);
    }

    @Override
    public boolean tryLease(String tenant, String envelopeDigest, String owner, Instant now, Duration ttl) {
        return leases.tryLease(tenant, envelopeDigest, owner, now, ttl);
    }

    @Override
    public void releaseLease(String tenant, String envelopeDigest, String owner) {
        leases.releaseLease(tenant, envelopeDigest, owner);
    }

    @Override
    public EntryPage search(EntryQuery query) {
        return search.search(query);
    }

    /** Fact filters are matched on the derived {@code facts} pairs (index {@code tenant_facts_created}). */
    @Override
    public boolean searchesFacts() {
        return true;
    }

    @Override
    public List<EntryRecord> recent(String tenant, int limit) {
        return entries.recent(tenant, limit);
    }

    @Override
    public long count() {
        return entries.count();
    }

    @Override
    public long count(String tenant) {
        return entries.count(tenant);
    }

    @Override
    public ChainedAuditEvent append(AuditEvent event) {
        return audit.append(event);
    }

    /** One ordered insert of all events (one majority commit), repeated for the rest if another worker cut in. */
    @Override
    public List<ChainedAuditEvent> appendAll(List<AuditEvent> events) {
        return audit.appendAll(events);
    }

    @Override
    public Optional<ChainedAuditEvent> head() {
        return audit.head();
    }

    @Override
    public List<ChainedAuditEvent> chain(long fromSeq, int limit) {
        return audit.chain(fromSeq, limit);
    }

    @Override
    public AuditPage events(AuditQuery query) {
        return audit.events(query);
    }

    @Override
    public List<AuditEvent> recentEvents(int limit) {
        return audit.recentEvents(limit);
    }

    @Override
    public long eventCount() {
        return audit.eventCount();
    }

    @Override
    public void put(TrustedKey key) {
        trust.put(key);
    }

    @Override
    public Optional<TrustedKey> get(String tenant, String keyId) {
        return trust.get(tenant, keyId);
    }

    @Override
    public List<TrustedKey> all(String tenant) {
        return trust.all(tenant);
    }

    @Override
    public long version() {
        return trust.version();
    }

    /**
     * Inserts the key (unique {@code _id}); if it exists, takes it over only if it has expired, by one conditional
     * update. Exactly one of any number of workers claiming one live key succeeds.
     */
    @Override
    public boolean claim(String namespace, String key, Instant expiresAt) {
        return oneTimeKeys.claim(namespace, key, expiresAt);
    }

    @Override
    public boolean append(PolicyVersion version) {
        return policies.append(version);
    }

    @Override
    public Optional<PolicyVersion> get(String tenant, String policyId, int version) {
        return policies.get(tenant, policyId, version);
    }

    @Override
    public List<PolicyVersion> history(String tenant, String policyId) {
        return policies.history(tenant, policyId);
    }

    @Override
    public List<PolicyVersion> allVersions(String tenant) {
        return policies.allVersions(tenant);
    }

    @Override
    public boolean approve(PolicyApproval approval) {
        return policies.approve(approval);
    }

    @Override
    public List<PolicyApproval> approvals(String tenant, String policyId) {
        return policies.approvals(tenant, policyId);
    }

    @Override
    public long revision() {
        return policies.revision();
    }

    /** Stops the repair schedule and closes the client. */
    @Deactivate
    @Override
    public void close() {
        if (repairs != null) {
            repairs.shutdownNow();
        }
        client.close();
    }
}
