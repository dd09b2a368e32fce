package org.stellaops.attestor.tlog.embedded;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Resolves the configured log directory against the framework's data directory. */
final class TlogDirectories {

    /** Framework property naming the data directory. */
    static final String DATA_DIR_PROPERTY = "attestor.data.dir";
    /** Framework property with the HTTP port of the servlet whiteboard. */
    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    /** Framework property with the HTTPS port of the servlet whiteboard. */
    static final String HTTPS_PORT_PROPERTY = "org.osgi.service.http.port.secure";
    /** Framework property that turns the HTTPS listener on (the launcher's default). */
    static final String HTTPS_ENABLED_PROPERTY = "org.apache.felix.https.enable";

    private TlogDirectories() {
    }

    /**
     * @param context bundle context (falls back to system properties)
     * @param configured the configured directory, or empty
     * @return the configured directory, or {@code <attestor.data.dir>/tlog}
     */
    static Path resolve(BundleContext context, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String data = context.getProperty(DATA_DIR_PROPERTY);
        return Path.of(data == null || data.isBlank() ? "./data" : data).resolve("tlog");
    }

    /**
     * @param context bundle context
     * @return {@code https://127.0.0.1:<port>/tlog/} for the HTTPS listener (default 8443), or
     *         {@code http://127.0.0.1:<port>/tlog/} when only plain HTTP runs (default 8080)
     */
    static String readUrl(BundleContext context) {
        boolean https = Boolean.parseBoolean(context.getProperty(HTTPS_ENABLED_PROPERTY));
        String port = context.getProperty(https ? HTTPS_PORT_PROPERTY : HTTP_PORT_PROPERTY);
        String defaultPort = https ? "8443" : "8080";
        return (https ? "https" : "http") + "://127.0.0.1:" + (port == null || port.isBlank() ? defaultPort
                : port.trim()) + "/tlog/";
    }
}
