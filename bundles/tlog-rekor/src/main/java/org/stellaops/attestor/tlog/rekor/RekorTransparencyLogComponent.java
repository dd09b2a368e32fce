package org.stellaops.attestor.tlog.rekor;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;

/**
 * One remote Rekor log per factory configuration of {@value RekorLogConfig#PID}: a Rekor v2 or v1 client registered
 * as a {@link TransparencyLog} (role {@code mirror} unless the configuration says {@code attestor.tlog.role=primary}).
 * Split views are posted as {@value #SPLIT_VIEW_TOPIC} events when an EventAdmin is present.
 */
@Component(service = TransparencyLog.class, configurationPid = RekorLogConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = TransparencyLog.ROLE_PROPERTY + "=mirror")
public final class RekorTransparencyLogComponent implements TransparencyLog {

    /** EventAdmin topic of split views; properties {@code logId}, {@code origin}, {@code detail}. */
    public static final String SPLIT_VIEW_TOPIC = "org/stellaops/attestor/tlog/SPLIT_VIEW";
    static final String DATA_DIR_PROPERTY = "attestor.data.dir";
    private static final System.Logger LOG = System.getLogger(RekorTransparencyLogComponent.class.getName());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    private final RemoteLog log;

    /**
     * Validates the configuration and creates the client (no network access yet).
     *
     * @param context for the data directory
     * @param config the factory configuration
     * @param properties the component properties, for the configuration's PID
     */
    @Activate
    public RekorTransparencyLogComponent(BundleContext context, RekorLogConfig config, Map<String, Object> properties) {
        String data = context.getProperty(DATA_DIR_PROPERTY);
        Path root = Path.of(data == null || data.isBlank() ? "./data" : data).resolve("tlog-rekor");
        RekorSettings settings = RekorSettings.from(config, root, configName(properties.get("service.pid")));
        this.log = settings.isV2() ? new RekorV2Log(settings, this::splitView) : new RekorV1Log(settings, this::splitView);
    }

    /** Stops the client; submissions in flight fail with {@code tlog.unavailable}. */
    @Deactivate
    void deactivate() {
        log.close();
    }

    @Override
    public LogDescriptor descriptor() {
        return log.descriptor();
    }

    @Override
    public CompletionStage<LogEntry> submit(HashedRekordRequest request) {
        return log.submit(request);
    }

    @Override
    public CompletionStage<LogEntry> submit(HashedRekordRequest request, Envelope envelope) {
        return log.submit(request, envelope);
    }

    @Override
    public Checkpoint latestCheckpoint() {
        return log.latestCheckpoint();
    }

    @Override
    public InclusionProof inclusionProof(long logIndex, long treeSize) {
        return log.inclusionProof(logIndex, treeSize);
    }

    @Override
    public List<Bytes> consistencyProof(long fromSize, long toSize) {
        return log.consistencyProof(fromSize, toSize);
    }

    /**
     * @param pid the configuration PID, e.g. {@code org.stellaops.attestor.tlog.rekor~sigstore}
     * @return the name of a named factory configuration, else null (a generated PID is not stable)
     */
    static String configName(Object pid) {
        if (pid instanceof String s && s.contains("~")) {
            return s.substring(s.indexOf('~') + 1);
        }
        return null;
    }

    private void splitView(String logId, String origin, String detail) {
        LOG.log(Level.ERROR, "split view of log " + logId + " (" + origin + "): " + detail);
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(SPLIT_VIEW_TOPIC, Map.of("logId", logId, "origin", origin, "detail", detail)));
        }
    }
}
