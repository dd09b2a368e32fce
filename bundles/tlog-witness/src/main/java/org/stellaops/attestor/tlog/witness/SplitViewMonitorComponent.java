package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.api.tlog.TransparencyLog;

/**
 * Runs the split-view monitor over every {@link TransparencyLog} service, every {@code monitorIntervalMillis}.
 *
 * <p>Other bundles read its status without a compile dependency: it is a
 * {@code Supplier<List<Map<String, Object>>>} service with {@code attestor.status=tlog.monitor} (one map per log:
 * {@code logId}, {@code origin}, {@code state} = pending|ok|unreachable|split-view, {@code lastVerifiedSize},
 * {@code lastCheck} (ISO-8601 or empty), {@code detail}), and a {@code Consumer<String>} service with
 * {@code attestor.action=tlog.monitor.reset} that clears the split-view mark of the log ID it is given.
 */
@Component(service = {Supplier.class, Consumer.class}, immediate = true, configurationPid = MonitorConfig.PID,
        property = {"attestor.status=tlog.monitor", "attestor.action=tlog.monitor.reset"})
@Designate(ocd = MonitorConfig.class)
public final class SplitViewMonitorComponent implements Supplier<List<Map<String, Object>>>, Consumer<String> {

    private static final System.Logger LOG = System.getLogger(SplitViewMonitorComponent.class.getName());

    private final Set<TransparencyLog> logs = ConcurrentHashMap.newKeySet();
    private final EventRelay events = new EventRelay();
    private volatile SplitViewMonitor monitor;
    private volatile ScheduledExecutorService timer;

    /**
     * Opens the monitor's directory and starts the periodic checks.
     *
     * @param context for the data directory
     * @param config the configuration
     */
    @Activate
    void activate(BundleContext context, MonitorConfig config) {
        Path directory = DataFiles.resolve(context, config.directory(), "witness/monitor");
        try {
            monitor = new SplitViewMonitor(new MonitorStore(directory), events, Clock.systemUTC(), () -> List.copyOf(logs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the monitor directory " + directory, e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attestor-tlog-monitor");
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(100, config.monitorIntervalMillis());
        timer.scheduleWithFixedDelay(monitor::checkAll, 0, interval, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "transparency-log monitor checks every {0} ms, state in {1}", interval, directory);
    }

    /** Stops the checks; a round in progress is interrupted. */
    @Deactivate
    void deactivate() throws InterruptedException {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
            t.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTransparencyLog(TransparencyLog log) {
        logs.add(log);
        ScheduledExecutorService t = timer;
        SplitViewMonitor m = monitor;
        if (t != null && m != null && !t.isShutdown()) {
            // a new log gets its first check now rather than one interval later
            t.execute(() -> {
                try {
                    m.check(log);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "monitor: first check of a new transparency log failed", e);
                }
            });
        }
    }

    void unbindTransparencyLog(TransparencyLog log) {
        logs.remove(log);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin eventAdmin) {
        events.bind(eventAdmin);
    }

    void unbindEventAdmin(EventAdmin eventAdmin) {
        events.unbind(eventAdmin);
    }

    /** @return one read-only status map per watched log */
    @Override
    public List<Map<String, Object>> get() {
        SplitViewMonitor m = monitor;
        return m == null ? List.of() : m.statuses().stream().map(LogStatus::toMap).toList();
    }

    /**
     * Clears the split-view mark of a log (operator action).
     *
     * @param logId the log ID
     */
    @Override
    public void accept(String logId) {
        reset(logId);
    }

    /**
     * Clears the split-view mark of a log (operator action); the next round checks it again.
     *
     * @param logId the log ID
     * @return whether the log was marked
     */
    public boolean reset(String logId) {
        try {
            return monitor.reset(logId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the split-view mark of log " + logId, e);
        }
    }
}
