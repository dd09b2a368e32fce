package org.stellaops.attestor.bench;

import java.util.Locale;

/**
 * How the load driver sends the requests of its load phases (seed, warm-up, measured). Setup requests (health
 * check, trust-root registration) always go through the JDK's {@code HttpClient}.
 *
 * <p>The driver runs on the same cores as the server it measures, so its own CPU time per request is taken from the
 * server. With the JDK client the driver used about 0.42 ms of CPU per request over TLS (0.34 cores at 791 req/s);
 * one blocking connection per client thread does the same work with one buffered write and a few blocking reads
 * per request, on the client's own thread.
 */
public enum LoadClient {

    /** One blocking keep-alive HTTP/1.1 connection per client thread ({@code KeepAliveConnection}); the default. */
    BLOCKING("one blocking keep-alive HTTP/1.1 connection per client"),
    /**
     * The JDK's {@code java.net.http.HttpClient} (HTTP/1.1), shared by all client threads: every figure measured
     * before {@code --client} existed was measured with it.
     */
    JDK("the JDK HttpClient (HTTP/1.1), shared by all clients");

    private final String description;

    LoadClient(String description) {
        this.description = description;
    }

    /** @return how this client sends requests, for the driver's first lines */
    public String description() {
        return description;
    }

    /** @return the value of {@code --client} that selects this client */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
