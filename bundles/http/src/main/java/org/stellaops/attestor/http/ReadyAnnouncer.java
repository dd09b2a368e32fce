package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.sdk.crypto.CaTrust;

/**
 * Prints {@code Attestor ready on https://127.0.0.1:P} (or {@code http://} when plain HTTP was opted into) once
 * the API really answers: it probes {@code /health} over loopback after the HTTP runtime and the core are up, so
 * the line is a promise scripts can rely on. Over HTTPS the probe trusts exactly the certificates of the
 * listener's own key store (it talks to itself, so the host name is not checked).
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
        boolean https = Boolean.parseBoolean(context.getProperty("org.apache.felix.https.enable"));
        String port = context.getProperty(https ? "org.osgi.service.http.port.secure" : "org.osgi.service.http.port");
        String base = (https ? "https" : "http") + "://127.0.0.1:" + (port == null ? (https ? "8443" : "8080") : port);
        // the key store is read on the probe thread, not on SCR's
        Thread thread = new Thread(() -> announceWhenReady(base, https ? ownTrust(context) : null),
                "attestor-ready-probe");
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

    private static SSLContext ownTrust(BundleContext context) {
        String path = context.getProperty("org.apache.felix.https.keystore");
        String password = context.getProperty("org.apache.felix.https.keystore.password");
        String type = context.getProperty("org.apache.felix.https.keystore.type");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore keys = KeyStore.getInstance(type == null ? "PKCS12" : type);
            keys.load(in, password == null ? null : password.toCharArray());
            List<X509Certificate> own = new ArrayList<>();
            for (String alias : Collections.list(keys.aliases())) {
                Certificate[] chain = keys.getCertificateChain(alias);
                for (Certificate certificate : chain == null ? new Certificate[0] : chain) {
                    own.add((X509Certificate) certificate);
                }
            }
            return CaTrust.sslContext(own);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.error("cannot read the HTTPS key store {} to probe readiness: {}", path, e.toString());
            return null;
        }
    }

    private void announceWhenReady(String base, SSLContext tls) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
            try {
                if (probe(base, tls) == 200) {
                    System.out.println("Attestor ready on " + base);
                    return;
                }
            } catch (IOException e) {
                LOG.debug("not ready yet: {}", e.toString());
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        if (!Thread.currentThread().isInterrupted()) {
            LOG.error("the API did not become ready on {} within {}", base, GIVE_UP_AFTER);
        }
    }

    private static int probe(String base, SSLContext tls) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + "/health").toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) {
            if (tls == null) {
                throw new IOException("no trust for the HTTPS listener");
            }
            https.setSSLSocketFactory(tls.getSocketFactory());
            https.setHostnameVerifier((host, session) -> true);
        }
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(5000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
