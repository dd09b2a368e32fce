package org.stellaops.attestor.boot;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The user-facing {@code -Dattestor.*} options of the API listener, validated.
 *
 * @param host {@code attestor.http.host} (default 127.0.0.1)
 * @param port {@code attestor.http.port} (default 8443)
 * @param tls {@code attestor.tls.enabled} (default true)
 * @param clientAuth {@code attestor.tls.clientAuth}: off (default), optional or required
 * @param ownKeystore {@code attestor.tls.keystore}, or null to generate one
 * @param ownPasswordFile {@code attestor.tls.keystorePasswordFile}, set exactly when ownKeystore is
 * @param keystoreType {@code attestor.tls.keystoreType} (default PKCS12)
 * @param extraNames {@code attestor.tls.san}: extra names of the generated certificate, or null
 */
record ListenerOptions(String host, String port, boolean tls, String clientAuth, Path ownKeystore,
        Path ownPasswordFile, String keystoreType, String extraNames) {

    static final String HOST = "attestor.http.host";
    static final String PORT = "attestor.http.port";
    static final String TLS = "attestor.tls.enabled";
    static final String CLIENT_AUTH = "attestor.tls.clientAuth";
    static final String KEYSTORE = "attestor.tls.keystore";
    static final String PASSWORD_FILE = "attestor.tls.keystorePasswordFile";
    static final String KEYSTORE_TYPE = "attestor.tls.keystoreType";
    static final String SAN = "attestor.tls.san";

    private static final Pattern PORT_NUMBER = Pattern.compile("\\d{1,5}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._:%-]+");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    /**
     * @param properties system property lookup (null when unset)
     * @return the validated options
     * @throws BootException {@link BootException#BAD_OPTION} with a message naming the option
     */
    static ListenerOptions parse(UnaryOperator<String> properties) throws BootException {
        String port = valueOr(properties, PORT, "8443");
        if (!PORT_NUMBER.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw bad(PORT + " must be a TCP port number (1-65535), not '" + port + "'");
        }
        String host = valueOr(properties, HOST, "127.0.0.1");
        if (!HOST_NAME.matcher(host).matches()) {
            throw bad(HOST + " must be a host name or IP address (0.0.0.0 for all interfaces), not '" + host + "'");
        }
        boolean tls = bool(properties, TLS);
        String clientAuth = valueOr(properties, CLIENT_AUTH, "off").toLowerCase(Locale.ROOT);
        if (!clientAuth.matches("off|optional|required")) {
            throw bad(CLIENT_AUTH + " must be off, optional or required, not '" + clientAuth + "'");
        }
        Path keystore = path(properties, KEYSTORE);
        Path passwordFile = path(properties, PASSWORD_FILE);
        if ((keystore == null) != (passwordFile == null)) {
            throw bad(KEYSTORE + " and " + PASSWORD_FILE + " go together: give both to use your own certificate, "
                    + "or neither to use a generated one");
        }
        String extraNames = properties.apply(SAN);
        checkNames(extraNames);
        if (!tls && (!"off".equals(clientAuth) || keystore != null)) {
            throw bad(TLS + "=false serves plain HTTP: it cannot be combined with " + CLIENT_AUTH + " or " + KEYSTORE);
        }
        return new ListenerOptions(host, port, tls, clientAuth, keystore, passwordFile,
                valueOr(properties, KEYSTORE_TYPE, "PKCS12"), extraNames);
    }

    /** @return Felix's {@code org.apache.felix.https.clientcertificate} for {@link #clientAuth} */
    String felixClientCertificate() {
        // "required" is enforced by the auth bundle at the HTTP layer, so a refusal is a problem with a code
        return "off".equals(clientAuth) ? "none" : "wants";
    }

    /** @return the host a local browser or client uses to reach the listener */
    String localHost() {
        return "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host) ? "127.0.0.1" : host;
    }

    private static void checkNames(String names) throws BootException {
        if (names == null) {
            return;
        }
        for (String name : names.split(",")) {
            String item = name.strip();
            // a dotted quad is an IPv4 address or nothing: the tls bundle would refuse 256.1.1.1 as a name too
            boolean dottedQuad = item.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean ok = item.isEmpty() || IPV4.matcher(item).matches()
                    || item.indexOf(':') >= 0 && IPV6.matcher(item).matches()
                    || !dottedQuad && item.length() <= 253 && DNS_NAME.matcher(item).matches();
            if (!ok) {
                throw bad(SAN + " must list host names and IP addresses separated by commas; '" + item
                        + "' is neither");
            }
        }
    }

    private static boolean bool(UnaryOperator<String> properties, String name) throws BootException {
        String value = valueOr(properties, name, "true");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw bad(name + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static Path path(UnaryOperator<String> properties, String name) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? null : Path.of(value).toAbsolutePath().normalize();
    }

    private static String valueOr(UnaryOperator<String> properties, String name, String fallback) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static BootException bad(String message) {
        return new BootException(BootException.BAD_OPTION, message);
    }
}
