package org.stellaops.attestor.boot;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of {@code attestor.jar}. It turns the user-facing {@code -Dattestor.*} options into the framework
 * properties the bnd launcher and Felix read (as system properties, which override the bndrun's run properties),
 * prints what the user must know, then hands over to the bnd embedded launcher. See docs/tls.md.
 *
 * <p>The API is served over HTTPS by default:
 * <ul>
 *   <li>{@code -Dattestor.http.port=P} (default 8443) → {@code org.osgi.service.http.port.secure}, with
 *   {@code org.apache.felix.https.enable=true} and {@code org.apache.felix.http.enable=false}; TLS 1.3 and 1.2 only,
 *   ECDHE + AEAD cipher suites only, no renegotiation, session cookies {@code Secure} and {@code HttpOnly}.</li>
 *   <li>{@code -Dattestor.http.host=H} (default 127.0.0.1) → {@code org.apache.felix.http.host}; 0.0.0.0 listens on
 *   every interface.</li>
 *   <li>By default the certificate is generated: key store {@code D/tls/server.p12} (PKCS12) whose password is the
 *   content of {@code D/tls/keystore.password} (32 random bytes, base64url, 0600, created at first start), and
 *   {@code attestor.tls.generate=true}, so the tls bundle creates a local CA ({@code D/tls/ca.pem}) and the server
 *   certificate. {@code -Dattestor.tls.san=name,ip,…} adds subject alternative names to it.</li>
 *   <li>{@code -Dattestor.tls.keystore=F -Dattestor.tls.keystorePasswordFile=PF} (both or neither; optional
 *   {@code -Dattestor.tls.keystoreType}, default PKCS12) → your own certificate; nothing is generated. The key store
 *   must open with that password, else the launcher stops.</li>
 *   <li>{@code -Dattestor.tls.clientAuth=off|optional|required} (default off) →
 *   {@code org.apache.felix.https.clientcertificate} none|wants|wants; the auth bundle reads the property itself and
 *   enforces "required" at the HTTP layer, so a missing or bad certificate is a 401 problem with a code.</li>
 *   <li>{@code -Dattestor.tls.enabled=false} → plain HTTP on the port ({@code org.osgi.service.http.port}), with a
 *   warning on standard error at every start. For local development only.</li>
 *   <li>{@code -Dattestor.data.dir=D} (default {@code ./data}) → absolute {@code attestor.data.dir}, with the OSGi
 *   framework storage (bundle cache and ConfigAdmin data) in {@code D/framework}.</li>
 * </ul>
 * The Felix Web Console user is {@code admin}; its password is generated at first start, printed once, and only its
 * hash is kept in {@code D/console/admin.password} (0600), passed as {@code felix.webconsole.password}. Deleting the
 * file makes the next start generate a new password.
 *
 * <p>Invalid options or unusable files end the process with status 2 and a message, before the framework starts.
 */
public final class AttestorMain {

    private static final String LAUNCHER = "aQute.launcher.pre.EmbeddedLauncher";
    private static final int USAGE = 2;

    private AttestorMain() {
    }

    /**
     * Maps the options and starts the framework.
     *
     * @param args passed on to the launcher
     * @throws Exception if the launcher cannot be started
     */
    public static void main(String[] args) throws Exception {
        try {
            prepare().forEach(System::setProperty);
        } catch (BootException e) {
            System.err.println("attestor: " + e.getMessage() + " [" + e.code() + "]");
            System.exit(USAGE);
        }
        launch(args);
    }

    /**
     * @return every framework property to set, after the user was told what to know
     * @throws BootException for an invalid option or an unusable file
     */
    static Map<String, String> prepare() throws BootException {
        ListenerOptions options = ListenerOptions.parse(System::getProperty);
        Path dataDir = Path.of(System.getProperty("attestor.data.dir", "data")).toAbsolutePath().normalize();
        createDataDir(dataDir);
        SecureRandom random = new SecureRandom();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("attestor.http.port", options.port());
        properties.put("attestor.http.host", options.host());
        properties.put("attestor.data.dir", dataDir.toString());
        properties.put("org.osgi.framework.storage", dataDir.resolve("framework").toString());
        properties.putAll(ListenerProperties.of(options, dataDir, random));
        ConsoleAdmin.Credentials console = ConsoleAdmin.ensure(dataDir, random);
        properties.put("felix.webconsole.username", ConsoleAdmin.USER);
        properties.put("felix.webconsole.password", console.hash());
        // the console bundle's login (constant-time, audits refusals); the console answers nothing until it is there
        properties.put("felix.webconsole.security.providers", "attestor");

        String base = (options.tls() ? "https" : "http") + "://" + options.localHost() + ":" + options.port();
        if (!options.tls()) {
            System.err.print(Notices.plainHttpWarning(base));
            System.err.flush();
        }
        if (console.newPassword() != null) {
            System.out.print(Notices.consolePassword(base + "/system/console", console));
            System.out.flush();
        }
        return properties;
    }

    private static void createDataDir(Path dataDir) throws BootException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new BootException(BootException.FILE, "cannot create data directory " + dataDir + ": "
                    + e.getMessage());
        }
    }

    private static void launch(String[] args) throws Exception {
        try {
            Class.forName(LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
