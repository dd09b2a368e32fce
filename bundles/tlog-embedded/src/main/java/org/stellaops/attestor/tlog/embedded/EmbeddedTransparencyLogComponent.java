package org.stellaops.attestor.tlog.embedded;

import java.nio.file.Path;
import java.time.Clock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.sdk.crypto.CaTrust;
import org.stellaops.attestor.tlog.embedded.witness.WitnessSettings;
import org.stellaops.attestor.tlog.embedded.witness.WitnessStatus;

/**
 * The embedded log as a {@link TransparencyLog} service, primary by default: the configuration property
 * {@code attestor.tlog.role} (DS merges configuration into service properties) overrides the component's
 * {@code primary}. Its checkpoint key comes from the {@link KeyDriver} selected by {@code keyDriver.target};
 * losing that driver deactivates the log (it cannot sign). It is also registered under its own class, private to
 * this bundle, so the Rekor v2 servlet can reach the log behind it.
 */
@Component(service = {TransparencyLog.class, EmbeddedTransparencyLogComponent.class}, configurationPid = TlogConfig.PID,
        property = TransparencyLog.ROLE_PROPERTY + "=primary")
@Designate(ocd = TlogConfig.class)
public final class EmbeddedTransparencyLogComponent implements TransparencyLog {

    private final EmbeddedLog log;
    private volatile EventAdmin events;

    /**
     * Opens the log.
     *
     * @param context for the data directory and HTTP port
     * @param config the configuration
     * @param keyDriver the driver holding the checkpoint key
     */
    @Activate
    public EmbeddedTransparencyLogComponent(BundleContext context, TlogConfig config,
            @Reference(name = "keyDriver", target = "(attestor.key.driver=file)") KeyDriver keyDriver) {
        LogSettings settings = new LogSettings(TlogDirectories.resolve(context, config.directory()), config.origin(),
                config.signingKeyName(), config.batchSize(), config.batchMaxAgeMillis(), TlogDirectories.readUrl(context),
                LogSettings.DEFAULT_MAX_PENDING, config.readOnly());
        String caFile = config.witnessCaFile();
        WitnessSettings witnesses = WitnessSettings.parse(config.witnesses(), config.witnessIntervalMillis(),
                config.witnessTimeoutMillis(), caFile == null || caFile.isBlank() ? null
                        : CaTrust.fromPemFile(Path.of(caFile.trim())));
        LogKey.createDefaultIfMissing(keyDriver, config.signingKeyName());
        this.log = EmbeddedLog.open(settings, keyDriver, witnesses,
                LogKeyPolicy.parse(config.revokedKeys(), Clock.systemUTC()));
        log.reportWitnessingTo(this::postWitnessEvent);
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

    /** Witness answers become {@code org/stellaops/attestor/tlog/COSIGNED} and {@code .../WITNESS_FAILED}. */
    private void postWitnessEvent(String verb, Map<String, Object> properties) {
        EventAdmin admin = events;
        if (admin != null) {
            Map<String, Object> all = new HashMap<>(properties);
            all.put("logId", log.descriptor().logId());
            all.put("origin", log.descriptor().origin());
            admin.postEvent(new Event("org/stellaops/attestor/tlog/" + verb, all));
        }
    }

    /** Stops accepting, finishes the batch in progress and closes the files. */
    @Deactivate
    void deactivate() {
        log.close();
    }

    /** @return the log behind the service, for the bundle's servlets */
    EmbeddedLog log() {
        return log;
    }

    /** @return per configured witness: last cosigned size, last error, last success */
    public List<WitnessStatus> witnessStatus() {
        return log.witnessStatus();
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
}
