package org.stellaops.attestor.store.embedded;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.TrustRootStore;

/**
 * The default persistence: entries with their dedupe and uuid indexes, trust roots and the audit trail in one local
 * H2 MVStore file ({@code <attestor.data.dir>/store/attestor.mv} unless configured). Records are stored as JSON.
 * Every write is durable (committed and fsynced) when the method returns; concurrent writers share commits (group
 * commit), and a write touching several maps is committed atomically.
 *
 * <p>One component owns the file (MVStore allows a single opener) and publishes three services backed by it:
 * {@link EntryStore}, {@link TrustRootStore} and {@link AuditStore}, each with the service property
 * {@value #STORE_PROPERTY}={@value #STORE_NAME}. They are three objects rather than one because the contracts
 * declare {@code recent(int)} and {@code count()} in both {@code EntryStore} and {@code AuditStore} with different
 * meanings, which no single class can implement; the component therefore registers them itself on activation and
 * unregisters them before it closes the file.
 *
 * <p>Maps in the file: {@code entries}, {@code entries.byUuid}, {@code entries.byCreation}, {@code trust.keys},
 * {@code audit}, {@code meta}.
 */
@Component(service = {}, immediate = true, configurationPid = EmbeddedStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EmbeddedStoreConfig.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.stellaops.attestor.store.EntryStore",
        uses = EntryStore.class)
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=org.stellaops.attestor.store.TrustRootStore", uses = EntryStore.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.stellaops.attestor.store.AuditStore",
        uses = EntryStore.class)
public final class EmbeddedStore implements AutoCloseable {

    /** The ConfigAdmin PID. */
    public static final String PID = "org.stellaops.attestor.store.embedded";
    /** The framework property naming the data directory. */
    public static final String DATA_DIR_PROPERTY = "attestor.data.dir";
    /** Service property naming the store implementation, so consumers can tell stores apart. */
    public static final String STORE_PROPERTY = "attestor.store";
    /** This implementation's {@value #STORE_PROPERTY} value. */
    public static final String STORE_NAME = "embedded";
    /** The default cache size in MiB. */
    public static final int DEFAULT_CACHE_MB = 16;

    private final StoreFile file;
    private final EntryIndex entries;
    private final TrustKeys trust;
    private final AuditTrail audit;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /**
     * Activates the component: opens the file and registers the three services.
     *
     * @param context the bundle context, for {@value #DATA_DIR_PROPERTY} and the registrations
     * @param config the configuration
     */
    @Activate
    public EmbeddedStore(BundleContext context, EmbeddedStoreConfig config) {
        this(resolvePath(context, config), Math.max(1, config.cacheSizeMb()));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(STORE_PROPERTY, STORE_NAME);
        props.put(Constants.SERVICE_DESCRIPTION, "Attestor embedded store (" + file.path() + ")");
        try {
            registrations.add(context.registerService(EntryStore.class, entries, props));
            registrations.add(context.registerService(TrustRootStore.class, trust, props));
            registrations.add(context.registerService(AuditStore.class, audit, props));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
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
        this.file = new StoreFile(path, cacheSizeMb);
        JsonCodec json = new JsonCodec();
        this.entries = new EntryIndex(file, json);
        this.trust = new TrustKeys(file, json);
        this.audit = new AuditTrail(file, json);
    }

    private static Path resolvePath(BundleContext context, EmbeddedStoreConfig config) {
        if (!config.path().isBlank()) {
            return Paths.get(config.path());
        }
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        return Paths.get(dataDir == null || dataDir.isBlank() ? "./data" : dataDir, "store", "attestor.mv");
    }

    /** @return the entry store backed by this file */
    public EntryStore entries() {
        return entries;
    }

    /** @return the trust-root store backed by this file */
    public TrustRootStore trustRoots() {
        return trust;
    }

    /** @return the audit store backed by this file */
    public AuditStore audit() {
        return audit;
    }

    /** @return the absolute path of the store file */
    public Path path() {
        return file.path();
    }

    /** @return how many group commits ran since the store was opened */
    long commitCount() {
        return file.commitCount();
    }

    /** Unregisters the services, lets waiting writers finish, commits and closes the file. */
    @Deactivate
    @Override
    public void close() {
        try {
            for (ServiceRegistration<?> r : registrations) {
                r.unregister();
            }
        } finally {
            registrations.clear();
            file.close();
        }
    }
}
