package org.stellaops.attestor.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Felix's HTTPS connector accept any client certificate chain at the handshake. Felix's configuration cannot
 * install a trust manager, but it calls every {@link ConnectorFactory} service with its Jetty {@link Server} right
 * after starting its own connectors. This hook then reloads each TLS connector's {@link SslContextFactory} with an
 * {@link SSLContext} made of the key store Jetty already loaded and an {@link AnyClientCertificateTrustManager};
 * want/need client authentication, protocols and cipher suites stay as Felix configured them. It returns a
 * {@link PlaceholderConnector} (no port, no threads) because Felix adds, starts and tracks whatever connector a factory
 * returns, and requires it to be a {@link ServerConnector}.
 *
 * <p>{@link SslContextFactory#setTrustAll} would not do: it only applies to a factory without any key store.
 */
final class ClientCertificateHook implements ConnectorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateHook.class);

    private final char[] keyPassword;

    /**
     * @param keyPassword the password of the key entry in the connector's key store (Felix's key password, else its
     *        key store password)
     */
    ClientCertificateHook(char[] keyPassword) {
        this.keyPassword = keyPassword.clone();
    }

    /**
     * @param server Felix's started Jetty server
     * @return an inert connector for Felix to track
     * @throws TlsException {@link TlsException#HOOK_FAILED} when a TLS connector cannot be reloaded
     */
    @Override
    public Connector createConnector(Server server) {
        List<SslContextFactory.Server> factories = tlsFactories(server);
        if (factories.isEmpty()) {
            LOG.warn("client certificates: Jetty has no TLS connector, nothing to adjust");
        }
        for (SslContextFactory.Server factory : factories) {
            install(factory);
            LOG.info("client certificates: TLS connector {} now accepts any client certificate chain at the handshake "
                    + "(want={}, need={}); the auth bundle validates them per request",
                    factory, factory.getWantClientAuth(), factory.getNeedClientAuth());
        }
        return new PlaceholderConnector(server, firstTlsConnector(server));
    }

    private static ServerConnector firstTlsConnector(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector candidate
                    && candidate.getConnectionFactory(SslConnectionFactory.class) != null) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * @param server a Jetty server
     * @return the distinct SSL context factories of its server connectors
     */
    static List<SslContextFactory.Server> tlsFactories(Server server) {
        Set<SslContextFactory.Server> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<SslContextFactory.Server> result = new ArrayList<>();
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                for (ConnectionFactory factory : serverConnector.getConnectionFactories()) {
                    if (factory instanceof SslConnectionFactory ssl && seen.add(ssl.getSslContextFactory())) {
                        result.add(ssl.getSslContextFactory());
                    }
                }
            }
        }
        return result;
    }

    private void install(SslContextFactory.Server factory) {
        try {
            KeyStore keyStore = factory.getKeyStore();
            if (keyStore == null) {
                throw new TlsException(TlsException.HOOK_FAILED, "TLS connector " + factory + " has no key store");
            }
            SSLContext context = sslContext(factory, keyStore);
            factory.reload(reloaded -> {
                // keep the key store visible to Jetty (getKeyStore) after the reload
                reloaded.setKeyStore(keyStore);
                reloaded.setSslContext(context);
            });
        } catch (TlsException e) {
            LOG.error("[{}] {}", e.code(), e.getMessage());
            throw e;
        } catch (Exception e) {
            TlsException failure = new TlsException(TlsException.HOOK_FAILED,
                    "cannot make TLS connector " + factory + " accept client certificates: " + e, e);
            LOG.error("[{}] {}", failure.code(), failure.getMessage(), e);
            throw failure;
        }
    }

    private SSLContext sslContext(SslContextFactory factory, KeyStore keyStore) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(factory.getKeyManagerFactoryAlgorithm());
        keyManagers.init(keyStore, keyPassword);
        String provider = factory.getProvider();
        SSLContext context = provider == null
                ? SSLContext.getInstance(factory.getProtocol())
                : SSLContext.getInstance(factory.getProtocol(), provider);
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {new AnyClientCertificateTrustManager()},
                factory.getSecureRandomAlgorithm() == null ? null
                        : SecureRandom.getInstance(factory.getSecureRandomAlgorithm()));
        return context;
    }
}
