package org.stellaops.attestor.boot;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of {@code attestor.jar}. It turns the two user-facing options into the framework properties the
 * bnd launcher and Felix read, then hands over to the bnd embedded launcher.
 *
 * <ul>
 *   <li>{@code -Dattestor.http.port=P} (default 8080) → {@code org.osgi.service.http.port}</li>
 *   <li>{@code -Dattestor.data.dir=D} (default {@code ./data}) → absolute {@code attestor.data.dir}, with the OSGi
 *   framework storage (bundle cache and ConfigAdmin data) in {@code D/framework}</li>
 * </ul>
 * The HTTP host is pinned to 127.0.0.1: until authentication exists the API must not be reachable from elsewhere.
 */
public final class AttestorMain {

    private static final String LAUNCHER = "aQute.launcher.pre.EmbeddedLauncher";

    private AttestorMain() {
    }

    /**
     * Maps the options and starts the framework.
     *
     * @param args passed on to the launcher
     * @throws Exception if the launcher cannot be started
     */
    public static void main(String[] args) throws Exception {
        String port = System.getProperty("attestor.http.port", "8080");
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            System.err.println("attestor.http.port must be a TCP port number, not '" + port + "'");
            System.exit(2);
        }
        Path dataDir = Path.of(System.getProperty("attestor.data.dir", "data")).toAbsolutePath().normalize();
        createDataDir(dataDir);
        System.setProperty("attestor.http.port", port);
        System.setProperty("attestor.data.dir", dataDir.toString());
        System.setProperty("org.osgi.service.http.port", port);
        System.setProperty("org.apache.felix.http.host", "127.0.0.1");
        System.setProperty("org.osgi.framework.storage", dataDir.resolve("framework").toString());
        launch(args);
    }

    private static void createDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            System.err.println("cannot create data directory " + dataDir + ": " + e.getMessage());
            System.exit(2);
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
