package org.stellaops.attestor.tls;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The connector {@link ClientCertificateHook} hands back to Felix: it never opens a port and starts no thread.
 *
 * <p>It must be a {@link ServerConnector}: Felix HTTP 1.1.8 casts every connector of the server to one when it
 * publishes the {@code osgi.http.endpoint} service property, and a plain {@code LocalConnector} makes it fail with
 * "Connection instance not of type ServerConnector" so the HTTP service is never registered. Host, port and
 * default protocol mirror the real TLS connector, so that property lists the real endpoint (twice) instead of a
 * bogus one.
 */
final class PlaceholderConnector extends ServerConnector {

    private final ServerConnector mirrored;

    /**
     * @param server the Jetty server
     * @param mirrored the TLS connector whose address this placeholder reports, or null
     */
    PlaceholderConnector(Server server, ServerConnector mirrored) {
        super(server, 1, 1, new HttpConnectionFactory());
        this.mirrored = mirrored;
    }

    @Override
    protected void doStart() {
        // deliberately inert: no port, no selector or acceptor threads
    }

    @Override
    protected void doStop() {
        // nothing was started
    }

    @Override
    public void open() {
        // never listens
    }

    @Override
    public void close() {
        // nothing was opened
    }

    @Override
    public boolean isOpen() {
        return false;
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String getHost() {
        return mirrored == null ? "127.0.0.1" : mirrored.getHost();
    }

    @Override
    public int getPort() {
        return mirrored == null ? super.getPort() : mirrored.getPort();
    }

    @Override
    public String getDefaultProtocol() {
        return mirrored == null ? super.getDefaultProtocol() : mirrored.getDefaultProtocol();
    }

    @Override
    public String toString() {
        return "PlaceholderConnector[no port; mirrors " + mirrored + "]";
    }
}
