package org.stellaops.attestor.tls;

import java.io.IOException;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the HTTPS listener's TLS material before Felix HTTP (Jetty) starts: this bundle starts at an earlier start
 * level, and the material is ensured during activation. It reads framework properties only (see {@link TlsSettings}).
 *
 * <ul>
 *   <li>{@code attestor.tls.generate=true}: creates or renews the local CA and the server key store
 *   (see {@link TlsMaterial}); a newly created CA is announced once on standard output with how to trust it.</li>
 *   <li>otherwise, with HTTPS on: checks that the configured key store opens, so a wrong password is reported with a
 *   code instead of an opaque Jetty start failure.</li>
 *   <li>{@code org.apache.felix.https.clientcertificate=wants|needs}: registers a {@link ConnectorFactory} that makes
 *   the handshake accept any client certificate chain (see {@link ClientCertificateHook}); the auth bundle validates
 *   the chain per request.</li>
 * </ul>
 */
@Component(name = TlsComponent.NAME, immediate = true, service = {}, configurationPolicy = ConfigurationPolicy.IGNORE)
public final class TlsComponent {

    /** The component name. */
    public static final String NAME = "org.stellaops.attestor.tls";

    private static final Logger LOG = LoggerFactory.getLogger(TlsComponent.class);

    private final ServiceRegistration<ConnectorFactory> hook;

    /**
     * Activates the component.
     *
     * @param context the bundle context, for framework properties and the hook's registration
     * @throws TlsException when the material cannot be provided (HTTPS would not start)
     */
    @Activate
    public TlsComponent(BundleContext context) {
        this(context, TlsSettings.from(context::getProperty), Clock.systemUTC(), System.out);
    }

    TlsComponent(BundleContext context, TlsSettings settings, Clock clock, PrintStream console) {
        if (settings.generate()) {
            TlsMaterial.Outcome outcome = new TlsMaterial(settings, new SecureRandom()).ensure(clock.instant());
            report(settings, outcome, console);
        } else if (settings.httpsEnabled()) {
            checkOwnKeystore(settings);
        }
        hook = settings.httpsEnabled() && settings.certificatesCheckedByAuth() ? registerHook(context, settings) : null;
    }

    /** Withdraws the client-certificate hook; Felix then removes its in-memory connector. */
    @Deactivate
    void deactivate() {
        if (hook != null) {
            hook.unregister();
        }
    }

    private static ServiceRegistration<ConnectorFactory> registerHook(BundleContext context, TlsSettings settings) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_DESCRIPTION, "Accepts any client certificate chain at the TLS handshake; "
                + "the Attestor auth bundle validates it per request");
        return context.registerService(ConnectorFactory.class,
                new ClientCertificateHook(settings.requireKeyPassword()), properties);
    }

    private static void report(TlsSettings settings, TlsMaterial.Outcome outcome, PrintStream console) {
        X509Certificate server = outcome.serverCertificate();
        if (outcome.serverIssued()) {
            LOG.info("TLS: issued a server certificate ({}) valid until {} for [{}], key store {}",
                    outcome.reason(), server.getNotAfter().toInstant(), SubjectAltNames.of(server),
                    settings.keystore());
        } else {
            LOG.info("TLS: server certificate valid until {} for [{}], issued by {} ({})",
                    server.getNotAfter().toInstant(), SubjectAltNames.of(server), outcome.caFile(),
                    settings.keystore());
        }
        if (outcome.caCreated()) {
            String port = settings.securePort() == null ? "8443" : settings.securePort();
            String banner = trustBanner(outcome.caFile().toString(), port);
            LOG.info("TLS: created a new local CA {}", outcome.caFile());
            console.print(banner);
            console.flush();
        }
    }

    /**
     * @param caFile the CA certificate path
     * @param port the HTTPS port
     * @return the message printed once when a new local CA is created
     */
    static String trustBanner(String caFile, String port) {
        String nl = System.lineSeparator();
        return nl + "StellaOps Attestor: the HTTPS API uses a certificate issued by a new local CA:" + nl
                + "    " + caFile + nl
                + "  Trust exactly this CA in clients, for example:" + nl
                + "    stella --cacert " + caFile + " ..." + nl
                + "    curl --cacert " + caFile + " https://127.0.0.1:" + port + "/..." + nl
                + "  (stella finds it by itself when run with --data-dir pointing at this data directory.)" + nl + nl;
    }

    private static void checkOwnKeystore(TlsSettings settings) {
        try {
            X509Certificate certificate = KeyStores.firstKeyCertificate(
                    KeyStores.load(settings.keystore(), settings.keystoreType(), settings.requireKeystorePassword()));
            if (certificate == null) {
                throw new TlsException(TlsException.KEYSTORE_UNUSABLE,
                        "key store " + settings.keystore() + " holds no key entry with an X.509 certificate");
            }
            LOG.info("TLS: using key store {} (certificate {} valid until {})", settings.keystore(),
                    certificate.getSubjectX500Principal(), certificate.getNotAfter().toInstant());
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException(TlsException.KEYSTORE_UNUSABLE, "key store " + settings.keystore()
                    + " cannot be opened with the configured password: " + e.getMessage(), e);
        }
    }
}
