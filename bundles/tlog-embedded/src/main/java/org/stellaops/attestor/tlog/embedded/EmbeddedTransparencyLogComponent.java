package org.stellaops.attestor.tlog.embedded;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;

/**
 * The embedded log as the primary {@link TransparencyLog} service. Its checkpoint key comes from the
 * {@link KeyDriver} selected by {@code keyDriver.target}; losing that driver deactivates the log (it cannot sign).
 */
@Component(service = TransparencyLog.class, configurationPid = TlogConfig.PID,
        property = TransparencyLog.ROLE_PROPERTY + "=primary")
@Designate(ocd = TlogConfig.class)
public final class EmbeddedTransparencyLogComponent implements TransparencyLog {

    private final EmbeddedLog log;

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
                config.signingKeyName(), config.batchSize(), config.batchMaxAgeMillis(), TlogDirectories.readUrl(context));
        this.log = EmbeddedLog.open(settings, keyDriver);
    }

    /** Stops accepting, finishes the batch in progress and closes the files. */
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
