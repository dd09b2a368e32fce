package org.stellaops.attestor.config.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Watches the configuration directory and keeps ConfigAdmin in step with it: a new or changed file updates its
 * configuration, a deleted file deletes the configuration it created, a malformed file changes nothing (the last
 * good configuration stays) and is reported. Every change posts {@code org/stellaops/attestor/config/APPLIED},
 * {@code .../DELETED} or {@code .../REJECTED}.
 */
@Component(immediate = true, configurationPid = ConfigFilesConfig.PID)
@Designate(ocd = ConfigFilesConfig.class)
public final class ConfigFilesComponent {

    /** Framework property that names the directory when the component configuration does not. */
    static final String DIR_PROPERTY = "attestor.config.dir";
    private static final System.Logger LOG = System.getLogger(ConfigFilesComponent.class.getName());

    private final ConfigSync sync;
    private final ScheduledExecutorService poller;
    private volatile EventAdmin events;

    /**
     * Applies the directory once, then polls it.
     *
     * @param context for the data directory
     * @param config directory and interval
     * @param configAdmin where configurations go
     */
    @Activate
    public ConfigFilesComponent(BundleContext context, ConfigFilesConfig config, @Reference ConfigurationAdmin configAdmin) {
        this.sync = new ConfigSync(directory(context, config), configAdmin, this::post);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attestor-config-files");
            t.setDaemon(true);
            return t;
        });
        runOnce();
        if (config.pollMillis() > 0) {
            poller.scheduleWithFixedDelay(this::runOnce, config.pollMillis(), config.pollMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEventAdmin(EventAdmin eventAdmin) {
        this.events = eventAdmin;
    }

    void unsetEventAdmin(EventAdmin eventAdmin) {
        if (events == eventAdmin) {
            events = null;
        }
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    private void runOnce() {
        try {
            sync.run();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration directory scan failed", e);
        }
    }

    private void post(String verb, Map<String, Object> properties) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event("org/stellaops/attestor/config/" + verb, properties));
        }
    }

    private static Path directory(BundleContext context, ConfigFilesConfig config) {
        if (!config.directory().isBlank()) {
            return Path.of(config.directory());
        }
        String explicit = context.getProperty(DIR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String data = context.getProperty("attestor.data.dir");
        return Path.of(data == null || data.isBlank() ? "./data" : data).resolve("conf");
    }
}
