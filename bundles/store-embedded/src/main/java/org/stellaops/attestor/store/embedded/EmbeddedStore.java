package org.stellaops.attestor.store.embedded;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
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
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The default persistence: entries with their dedupe and uuid indexes, trust roots, the audit trail and the
 * one-time keys (the DPoP replay cache) in one local H2 MVStore file ({@code <attestor.data.dir>/store/attestor.mv} unless configured). Records are stored as JSON.
 * Every write is durable (committed and fsynced) when the method returns; concurrent writers share commits (group
 * commit), and a write touching several maps is committed atomically.
 *
 * <p>One component owns the file (MVStore allows a single opener) and serves {@link EntryStore},
 * {@link TrustRootStore}, {@link AuditStore}, {@link OneTimeKeyStore} and {@link PolicyStore} from it, each with the service property
 * {@value #STORE_PROPERTY}={@value #STORE_NAME}; it delegates to one small class per contract.
 *
 * <p>Maps in the file: {@code entries}, {@code entries.records}, {@code entries.byUuid},
 * {@code entries.byTenantCreation}, {@code entries.pending} (the outbox index; see {@link EntryIndex}),
 * {@code search.time}, {@code search.subject}, {@code search.signer}, {@code search.predicate}, {@code search.fact}
 * (see {@link SearchIndex}), {@code trust.keys} (see {@link TrustKeys}), {@code audit.chain} and {@code audit.byTenant}
 * (see {@link AuditTrail}), {@code onetime.keys} and {@code onetime.expiry} (see {@link OneTimeKeys}),
 * {@code policy.versions} and {@code policy.approvals} (see {@link PolicyVersions}) and
 * {@code meta} (trust-root version, layout version {@code schema.version}). Every key of a record, trusted key or
 * index starts with the tenant ({@link IndexKeys}), so a tenant's reads stay inside its own key ranges. Files of
 * an older layout are upgraded when opened ({@link Migration}). Per-record data lives only in the file; the heap holds
 * the page cache (bounded by {@code cacheSizeMb}) and the leases of records being published.
 */
@Component(service = {EntryStore.class, TrustRootStore.class, AuditStore.class, OneTimeKeyStore.class,
        PolicyStore.class},
        immediate = true,
        configurationPid = EmbeddedStore.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = EmbeddedStore.STORE_PROPERTY + "=" + EmbeddedStore.STORE_NAME)
@Designate(ocd = EmbeddedStoreConfig.class)
public final class EmbeddedStore implements EntryStore, TrustRootStore, AuditStore, OneTimeKeyStore, PolicyStore,
        AutoCloseable {

    /** The ConfigAdmin PID. */
    public static final String PID = "org.stellaops.attestor.store.embedded";
    /** The framework property naming the data directory. */
    public static final String DATA_DIR_PROPERTY = "attestor.data.dir";
    /** Service property naming the store implementation, so consumers can tell stores apart. */
    public static final String STORE_PROPERTY = "attestor.store";
    /** This implementation's {@value #STORE_PROPERTY} value. */
    public static final String STORE_NAME = "embedded";
    /** The default page cache size in MiB (see {@link EmbeddedStoreConfig#cacheSizeMb()}). */
    public static final int DEFAULT_CACHE_MB = 16;

    private final StoreFile file;
    private final EntryIndex entries;
    private final TrustKeys trust;
    private final AuditTrail audit;
    private final OneTimeKeys oneTimeKeys;
    private final PolicyVersions policies;

    /**
     * Activates the component: opens the file.
     *
     * @param context the bundle context, for {@value #DATA_DIR_PROPERTY}
     * @param config the configuration
     */
    @Activate
    public EmbeddedStore(BundleContext context, EmbeddedStoreConfig config) {
        this(resolvePath(context, config), Math.max(1, config.cacheSizeMb()));
    }

    /**
     * Opens or creates a store file (outside OSGi, e.g. in tests and tools).
     *
     * @param path the MVStore file
     */
    public EmbeddedStore(Path path) {
        this(path, DEFAULT_CACHE_MB);
    }

    /**
     * Opens or creates a store file (outside OSGi).
     *
     * @param path the MVStore file
     * @param cacheSizeMb page cache size in MiB
     * @throws StorageException {@code storage.failure} if the file cannot be opened
     */
    public EmbeddedStore(Path path, int cacheSizeMb) {
        this(path, cacheSizeMb, Clock.systemUTC());
    }

    /**
     * Opens or creates a store file with the clock that decides whether a one-time key has expired (tests).
     *
     * @param path the MVStore file
     * @param cacheSizeMb page cache size in MiB
     * @param clock the clock
     * @throws StorageException {@code storage.failure} if the file cannot be opened
     */
    EmbeddedStore(Path path, int cacheSizeMb, Clock clock) {
        this(path, cacheSizeMb, clock, Migration.BATCH, Migration.Listener.NONE);
    }

    /**
     * Opens or creates a store file, migrating an older one with the given batch size and telling the listener
     * after every committed batch (tests that kill the process during a migration).
     *
     * @param path the MVStore file
     * @param cacheSizeMb page cache size in MiB
     * @param clock the clock
     * @param migrationBatch records, keys or events per migration commit
     * @param migration told after every committed migration batch
     * @throws StorageException {@code storage.failure} if the file cannot be opened
     */
    EmbeddedStore(Path path, int cacheSizeMb, Clock clock, int migrationBatch, Migration.Listener migration) {
        this.file = new StoreFile(path, cacheSizeMb);
        try {
            RecordJson json = new RecordJson();
            this.audit = new AuditTrail(file, json);
            this.oneTimeKeys = new OneTimeKeys(file, clock);
            // before the maps a migration replaces are opened: they would point at the dropped ones
            new Migration(file, json, audit, migrationBatch, migration).run();
            this.entries = new EntryIndex(file, json);
            this.trust = new TrustKeys(file, json);
            this.policies = new PolicyVersions(file, json);
        } catch (RuntimeException e) {
            // the file stays locked while open: release it, or no later attempt could open it
            closeAfterFailure(e);
            throw e;
        }
    }

    private void closeAfterFailure(RuntimeException failure) {
        try {
            file.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Path resolvePath(BundleContext context, EmbeddedStoreConfig config) {
        if (!config.path().isBlank()) {
            return Paths.get(config.path());
        }
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        return Paths.get(dataDir == null || dataDir.isBlank() ? "./data" : dataDir, "store", "attestor.mv");
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

    /** @return the policy store backed by this file */
    public PolicyStore policies() {
        return policies;
    }

    /** @return the entry store backed by this file */
    public EntryStore entries() {
        return this;
    }

    /** @return the trust-root store backed by this file */
    public TrustRootStore trustRoots() {
        return trust;
    }

    /** @return the audit store backed by this file */
    public AuditStore audit() {
        return audit;
    }

    /** @return the one-time key store backed by this file */
    public OneTimeKeyStore oneTimeKeys() {
        return oneTimeKeys;
    }

    /** @return how many one-time keys the file holds, expired ones not yet removed included */
    long oneTimeKeyCount() {
        return oneTimeKeys.size();
    }

    /** @return the absolute path of the store file */
    public Path path() {
        return file.path();
    }

    /** @return how many group commits ran since the store was opened */
    long commitCount() {
        return file.commitCount();
    }

    /**
     * @param query a search
     * @return which index the search walks and how many keys it may read
     */
    SearchIndex.Plan explain(EntryQuery query) {
        return entries.explain(query);
    }

    /** @return how many publishing leases are remembered on the heap */
    int leaseCount() {
        return entries.leaseCount();
    }

    @Override
    public Stored putIfAbsent(EntryRecord record) {
        return entries.putIfAbsent(record);
    }

    @Override
    public Stored putIfAbsent(EntryRecord record, AuditEvent createdEvent) {
        Objects.requireNonNull(createdEvent, "createdEvent");
        return entries.putIfAbsent(record, () -> audit.appendWithinMutation(createdEvent));
    }

    /** Every record and its event in the same mutation, as one {@code putIfAbsent}; one durability wait for all. */
    @Override
    public List<Stored> putAllIfAbsent(List<Creation> creations) {
        List<Creation> copy = List.copyOf(creations);
        return entries.putAllIfAbsent(copy.stream().map(Creation::record).toList(),
                position -> audit.appendWithinMutation(copy.get(position).createdEvent()));
    }

    @Override
    public boolean replaceIf(EntryRecord expected, EntryRecord next) {
        return entries.replaceIf(expected, next);
    }

    @Override
    public List<EntryRecord> claimable(String owner, Instant now, int limit) {
        return entries.claimable(owner, now, limit);
    }

    @Override
    public boolean tryLease(String tenant, String envelopeDigest, String owner, Instant now, Duration ttl) {
        return entries.tryLease(tenant, envelopeDigest, owner, now, ttl);
    }

    @Override
    public void releaseLease(String tenant, String envelopeDigest, String owner) {
        entries.releaseLease(tenant, envelopeDigest, owner);
    }

    @Override
    public EntryPage search(EntryQuery query) {
        return entries.search(query);
    }

    /** Fact filters are matched through the {@code search.fact} index. */
    @Override
    public boolean searchesFacts() {
        return true;
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

    @Override
    public ChainedAuditEvent append(AuditEvent event) {
        return audit.append(event);
    }

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

    /**
     * Claims a key, durably; of concurrent claims of one live key in this process exactly one succeeds. Removes a
     * few expired keys on the way (see {@link OneTimeKeys}).
     */
    @Override
    public boolean claim(String namespace, String key, Instant expiresAt) {
        return oneTimeKeys.claim(namespace, key, expiresAt);
    }

    /** Lets waiting writers finish, commits and closes the file. */
    @Deactivate
    @Override
    public void close() {
        file.close();
    }
}
