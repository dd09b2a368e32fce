package org.stellaops.attestor.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the benchmark tools send their requests and how they authenticate: a loopback base URL ({@code http://} or
 * {@code https://}), the CA that issued the server's certificate, and the access token. {@code --data-dir DIR}
 * stands for {@code --cacert DIR/tls/ca.pem} plus a development token minted with {@code DIR/auth/dev-issuer.jwk};
 * an explicit {@code --cacert} or {@code --token} overrides that part. There is deliberately no way to skip the
 * verification of the server's certificate.
 *
 * @param baseUrl the base URL, loopback only, without trailing slash
 * @param dataDir the Attestor's data directory, or null
 * @param caCert the CA certificate file given with {@code --cacert}, or null
 * @param token the access token given with {@code --token}, or null
 */
public record ServerOptions(URI baseUrl, Path dataDir, Path caCert, String token) {

    /** The only hosts the tools talk to. */
    public static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    /** The options this record is made from, as the usage texts show them. */
    public static final String USAGE = String.join("\n",
            "  --data-dir  the Attestor's data directory: trust DIR/tls/ca.pem for https:// and send a",
            "              development token minted with DIR/auth/dev-issuer.jwk (all four attestor scopes)",
            "  --cacert    PEM file of the CA that issued the server's certificate (overrides --data-dir's)",
            "  --token     access token sent as 'Authorization: Bearer' (overrides the minted one)",
            "              an https:// URL needs --data-dir or --cacert; certificates are always verified");

    /** RFC 6750 b64token: what may follow {@code Bearer } in an Authorization header. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    /** The CA file {@code --data-dir} points at, relative to the data directory. */
    static final Path DATA_DIR_CA = Path.of("tls", "ca.pem");

    /**
     * @return whether the URL is {@code https://}
     */
    public boolean https() {
        return "https".equals(baseUrl.getScheme());
    }

    /**
     * @return the CA certificate file to trust: {@code --cacert}, else {@code <data-dir>/tls/ca.pem}; empty for
     *         plain http
     */
    public Optional<Path> caFile() {
        if (!https()) {
            return Optional.empty();
        }
        return Optional.ofNullable(caCert != null ? caCert : dataDir == null ? null : dataDir.resolve(DATA_DIR_CA));
    }

    /**
     * Checks that a URL is an http or https base URL of this machine.
     *
     * @param url the URL text
     * @return the URL as {@code scheme://host[:port]}
     * @throws UsageException if the host is not loopback, the scheme is neither http nor https, or the URL has a
     *         path, query, fragment or user info
     */
    public static URI loopbackUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UsageException("--url must be http:// or https://, not " + url);
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || !LOOPBACK_HOSTS.contains(host)) {
            throw new UsageException("refusing " + url + ": this tool only talks to 127.0.0.1, localhost or "
                    + "[::1]");
        }
        boolean plainPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null || !plainPath) {
            throw new UsageException("--url must be a base URL like https://127.0.0.1:8080, not " + url);
        }
        return URI.create(scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    /** Collects {@code --url}, {@code --data-dir}, {@code --cacert} and {@code --token}, then checks them together. */
    static final class Builder {
        private URI url;
        private Path dataDir;
        private Path caCert;
        private String token;

        /**
         * @param name an option name
         * @param value its value
         * @return whether the option is one of the four this builder takes
         * @throws UsageException if the value is malformed
         */
        boolean set(String name, String value) {
            switch (name) {
                case "--url" -> url = loopbackUrl(value);
                case "--data-dir" -> dataDir = path(name, value);
                case "--cacert" -> caCert = path(name, value);
                case "--token" -> token = token(value);
                default -> {
                    return false;
                }
            }
            return true;
        }

        /**
         * @return the options
         * @throws UsageException without {@code --url}, for https without any CA, or for a CA given with http
         */
        ServerOptions build() {
            if (url == null) {
                throw new UsageException("--url is required");
            }
            ServerOptions options = new ServerOptions(url, dataDir, caCert, token);
            if (options.https() && options.caFile().isEmpty()) {
                throw new UsageException(url + " is https: give --data-dir DIR (trusts DIR/tls/ca.pem) or --cacert "
                        + "FILE, the CA that issued the server's certificate; certificate verification cannot be "
                        + "turned off");
            }
            if (!options.https() && caCert != null) {
                // A CA given for plain http would be silently unused, and the user would believe the link is TLS.
                throw new UsageException("--cacert only applies to an https:// URL, not " + url);
            }
            return options;
        }

        private static Path path(String name, String value) {
            if (value.isBlank()) {
                throw new UsageException(name + " needs a path");
            }
            return Path.of(value);
        }

        private static String token(String value) {
            if (!B64TOKEN.matcher(value).matches()) {
                throw new UsageException("--token must be a bearer token (letters, digits and -._~+/ only)");
            }
            return value;
        }
    }
}
