package org.stellaops.attestor.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.jose.Jwk;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command accepts, before or after the command name: where the service is, which CA to trust, which
 * credentials to send and where the local data directory is. Unset options fall back to {@code STELLA_*} environment
 * variables, then to defaults for a local Attestor.
 */
final class GlobalOptions {

    static final String DEFAULT_URL = "https://127.0.0.1:8443";
    static final String ENV_URL = "STELLA_URL";
    static final String ENV_CACERT = "STELLA_CACERT";
    static final String ENV_TOKEN = "STELLA_TOKEN";
    static final String ENV_DATA_DIR = "STELLA_DATA_DIR";
    static final String ENV_DPOP_KEY = "STELLA_DPOP_KEY";
    /** The local Attestor's CA certificate, relative to its data directory. */
    static final String LOCAL_CA = "tls/ca.pem";

    @Option(names = "--url", paramLabel = "<url>", scope = ScopeType.INHERIT,
            description = "Base URL of the Attestor service (env " + ENV_URL + "; default: " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "30", scope = ScopeType.INHERIT,
            description = "Connect timeout and, separately, whole-request timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--cacert", paramLabel = "<file>", scope = ScopeType.INHERIT,
            description = "Trust exactly the CA certificate(s) in this PEM file for the service's TLS certificate "
                + "(env " + ENV_CACERT + "; default: <data-dir>/" + LOCAL_CA + " when it exists, else the Java "
                + "platform's trusted CAs). Server certificates are always verified.")
    Path cacert;

    @Option(names = "--token", paramLabel = "<token>", scope = ScopeType.INHERIT,
            description = "Access token sent as 'Authorization: Bearer' (or DPoP with --dpop-key) (env " + ENV_TOKEN
                + "). Mint a development one with 'stella auth token'.")
    String token;

    @Option(names = "--data-dir", paramLabel = "<dir>", scope = ScopeType.INHERIT,
            description = "The local Attestor's data directory, for its CA and development issuer key (env "
                + ENV_DATA_DIR + "; default: ./data).")
    Path dataDir;

    @Option(names = "--dpop-key", paramLabel = "<jwk-file>", scope = ScopeType.INHERIT,
            description = "Private JWK of a DPoP key (env " + ENV_DPOP_KEY + "): 'auth token' binds the token to it "
                + "and every request carries a fresh DPoP proof. Create one with 'stella auth dpop-key'.")
    Path dpopKey;

    /**
     * @param env the environment
     * @param scope the scope the calls need, for hints
     * @return a client for the configured service
     * @throws CliException exit 2 for a bad URL, timeout, CA file or DPoP key
     */
    AttestorClient client(Map<String, String> env, String scope) {
        if (timeoutSeconds <= 0) {
            throw CliException.usage("usage.bad_timeout", "--timeout must be a positive number of seconds", null);
        }
        URI base = baseUri(url != null ? url : env.getOrDefault(ENV_URL, DEFAULT_URL));
        Path ca = caFile(env, base);
        String bearer = token != null ? token : env.get(ENV_TOKEN);
        Jwk proofKey = dpopKey(env);
        if (proofKey != null && (bearer == null || bearer.isBlank())) {
            if (dpopKey != null) {
                throw CliException.usage("usage.dpop_without_token", "--dpop-key signs proofs for an access token: "
                        + "give the token too (--token or " + ENV_TOKEN + ")", null);
            }
            // a DPoP key from the environment alone is only meant for calls that carry a token
            proofKey = null;
        }
        AttestorClient.Credentials credentials = new AttestorClient.Credentials(
                bearer == null || bearer.isBlank() ? null : bearer.strip(), proofKey, scope);
        return new AttestorClient(base, Duration.ofSeconds(timeoutSeconds),
                ca == null ? null : ServerTrust.fromPem(ca), ca, credentials);
    }

    /**
     * @param env the environment
     * @return the data directory: --data-dir, else STELLA_DATA_DIR, else ./data
     */
    Path dataDir(Map<String, String> env) {
        if (dataDir != null) {
            return dataDir;
        }
        String value = env.get(ENV_DATA_DIR);
        return Path.of(value == null || value.isBlank() ? "data" : value);
    }

    /**
     * @param env the environment
     * @return the DPoP key from --dpop-key or STELLA_DPOP_KEY, or null
     * @throws CliException exit 2 when the file is unreadable or not a private JWK
     */
    Jwk dpopKey(Map<String, String> env) {
        Path file = dpopKey != null ? dpopKey : pathFromEnv(env, ENV_DPOP_KEY);
        if (file == null) {
            return null;
        }
        try {
            Jwk key = Jwk.parse(new String(CliFiles.read(file, "DPoP key"), StandardCharsets.UTF_8));
            if (!key.hasPrivate()) {
                throw CliException.usage("usage.bad_dpop_key", "the DPoP key " + file + " has no private part", null);
            }
            return key;
        } catch (AttestorException e) {
            throw CliException.usage(e.code(), "the DPoP key " + file + " is not a usable JWK: " + e.getMessage(), e);
        }
    }

    /**
     * The CA to trust: --cacert, else STELLA_CACERT, else the local CA of the data directory — but that one only for
     * a service on this machine or a data directory named explicitly: a {@code ./data/tls/ca.pem} that merely lies
     * in the working directory must not replace the platform's CAs for a remote URL.
     */
    private Path caFile(Map<String, String> env, URI base) {
        Path explicit = cacert != null ? cacert : pathFromEnv(env, ENV_CACERT);
        if (explicit != null) {
            return explicit;
        }
        boolean dataDirNamed = dataDir != null || pathFromEnv(env, ENV_DATA_DIR) != null;
        if (!dataDirNamed && !loopback(base.getHost())) {
            return null;
        }
        Path local = dataDir(env).resolve(LOCAL_CA);
        return Files.isRegularFile(local) ? local : null;
    }

    private static boolean loopback(String host) {
        String h = host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.startsWith("127.");
    }

    private static Path pathFromEnv(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static URI baseUri(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw CliException.usage("usage.bad_url", "--url must be an http:// or https:// URL with a host: " + url, null);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliException.usage("usage.bad_url", "--url is not a URL: " + e.getMessage(), e);
        }
    }
}
