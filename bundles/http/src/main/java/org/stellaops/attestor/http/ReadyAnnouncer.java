package org.stellaops.attestor.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.core.service.AttestationService;

/**
 * Prints {@code Attestor ready on http://127.0.0.1:P} once the API really answers: it probes {@code /health} over
 * loopback after the HTTP runtime and the core are up, so the line is a promise scripts can rely on.
 */
@Component(immediate = true)
public class ReadyAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(ReadyAnnouncer.class);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

    @Reference
    private HttpServiceRuntime runtime;
    @Reference
    private AttestationService service;

    private volatile Thread probe;

    @Activate
    void activate(BundleContext context) {
        String port = context.getProperty("org.osgi.service.http.port");
        String base = "http://127.0.0.1:" + (port == null ? "8080" : port);
        System.out.println("Attestor binds to 127.0.0.1 only: the API has no authentication yet.");
        Thread thread = new Thread(() -> announceWhenReady(base), "attestor-ready-probe");
        thread.setDaemon(true);
        probe = thread;
        thread.start();
    }

    @Deactivate
    void deactivate() {
        Thread thread = probe;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void announceWhenReady(String base) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    System.out.println("Attestor ready on " + base);
                    return;
                }
            } catch (IOException e) {
                LOG.debug("not ready yet: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        LOG.error("the API did not become ready on {} within {}", base, GIVE_UP_AFTER);
    }
}
