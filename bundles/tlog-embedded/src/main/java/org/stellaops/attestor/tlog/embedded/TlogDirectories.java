package org.stellaops.attestor.tlog.embedded;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Resolves the configured log directory against the framework's data directory. */
final class TlogDirectories {

    /** Framework property naming the data directory. */
    static final String DATA_DIR_PROPERTY = "attestor.data.dir";
    /** Framework property with the HTTP port of the servlet whiteboard. */
    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";

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
     * @return {@code http://127.0.0.1:<port>/tlog/} for the whiteboard port (default 8080)
     */
    static String readUrl(BundleContext context) {
        String port = context.getProperty(HTTP_PORT_PROPERTY);
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? "8080" : port.trim()) + "/tlog/";
    }
}
