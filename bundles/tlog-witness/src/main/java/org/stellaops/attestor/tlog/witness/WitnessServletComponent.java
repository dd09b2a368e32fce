package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;

import jakarta.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.stellaops.attestor.api.keys.KeyDriver;

/**
 * The witness endpoint on the servlet whiteboard under {@code /witness/*}. Its Ed25519 key lives in the
 * {@link KeyDriver} selected by {@code keyDriver.target}; decisions are posted to EventAdmin when one is present.
 */
@Component(service = Servlet.class, configurationPid = WitnessConfig.PID)
@Designate(ocd = WitnessConfig.class)
@HttpWhiteboardServletPattern("/witness/*")
@HttpWhiteboardServletName("attestor-tlog-witness")
public final class WitnessServletComponent extends WitnessServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(WitnessServletComponent.class.getName());

    private final transient EventRelay events;

    /**
     * Opens the witness: its state directory, the known logs and its key (created in the driver on first start).
     *
     * @param context for the data directory
     * @param config the configuration
     * @param keyDriver the driver holding the witness key
     */
    @Activate
    public WitnessServletComponent(BundleContext context, WitnessConfig config,
            @Reference(name = "keyDriver", target = "(attestor.key.driver=file)") KeyDriver keyDriver) {
        this(new EventRelay(), context, config, keyDriver);
    }

    private WitnessServletComponent(EventRelay events, BundleContext context, WitnessConfig config, KeyDriver keyDriver) {
        super(config.enabled() ? open(events, context, config, keyDriver) : null, config.maxBodyBytes());
        this.events = events;
    }

    private static Witness open(EventSink events, BundleContext context, WitnessConfig config, KeyDriver keyDriver) {
        Path directory = DataFiles.resolve(context, config.directory(), "witness");
        KnownLogs logs = KnownLogs.parse(config.logs());
        WitnessKey key = WitnessKey.open(keyDriver, config.keyName(), config.name());
        try {
            Witness witness = new Witness(logs, new CheckpointStore(directory), key, events,
                    () -> Clock.systemUTC().instant().getEpochSecond());
            LOG.log(Level.INFO, "witness {0} ready for {1} log(s), state in {2}; verifier key: {3}", config.name(),
                    logs.size(), directory, witness.vkey());
            return witness;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the witness directory " + directory, e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin eventAdmin) {
        events.bind(eventAdmin);
    }

    void unbindEventAdmin(EventAdmin eventAdmin) {
        events.unbind(eventAdmin);
    }
}
