package org.stellaops.attestor.tlog.rekor;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.CaTrust;

/**
 * A validated log configuration.
 *
 * @param kind {@link RekorLogConfig#KIND_V2} or {@link RekorLogConfig#KIND_V1}
 * @param url base URL of the write API, without a trailing slash
 * @param readUrl Rekor v2 tile read prefix ending in {@code /}; for v1 the base URL
 * @param origin the configured origin (v1: the hostname the log signs as)
 * @param key the current checkpoint key
 * @param timeout connect and request timeout
 * @param v1Intoto whether Rekor v1 entries are intoto v0.0.2 (when an envelope is supplied)
 * @param stateDirectory where the trusted checkpoints are kept
 * @param tls trust in the CAs of the configured {@code caFile}, or null for the JVM's CAs
 * @param keyVersions every configured version of the checkpoint key, {@code key} the last
 */
record RekorSettings(String kind, URI url, URI readUrl, String origin, LogKey key, Duration timeout, boolean v1Intoto,
                     Path stateDirectory, SSLContext tls, KeyVersions keyVersions) {

    /** Smallest timeout accepted. */
    static final long MIN_TIMEOUT_MILLIS = 1_000;

    RekorSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(readUrl, "readUrl");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(keyVersions, "keyVersions");
    }

    /** @return the current version's log ID */
    String logId() {
        return key.logId(origin);
    }

    /** @return whether this is a Rekor v2 log */
    boolean isV2() {
        return RekorLogConfig.KIND_V2.equals(kind);
    }

    /** @return the note key name checkpoints are signed with: the origin, for v1 its hostname part */
    String noteName() {
        int dash = origin.indexOf(" - ");
        return dash < 0 ? origin : origin.substring(0, dash);
    }

    /**
     * Validates a configuration.
     *
     * @param config the configuration
     * @param defaultStateRoot {@code <attestor.data.dir>/tlog-rekor}
     * @param configName the factory configuration's name, used for the default state directory; null for
     *        {@code <kind>-<first 16 hex digits of the log ID>}
     * @return the settings
     * @throws IllegalArgumentException for an unusable configuration
     */
    static RekorSettings from(RekorLogConfig config, Path defaultStateRoot, String configName) {
        String kind = config.kind() == null ? "" : config.kind().trim().toLowerCase(Locale.ROOT);
        if (!RekorLogConfig.KIND_V2.equals(kind) && !RekorLogConfig.KIND_V1.equals(kind)) {
            throw new IllegalArgumentException("kind must be rekor-v2 or rekor-v1, not '" + config.kind() + "'");
        }
        String origin = required(config.origin(), "origin");
        URI url = httpUri(stripSlash(required(config.url(), "url")), "url");
        URI readUrl = RekorLogConfig.KIND_V2.equals(kind)
                ? httpUri(withSlash(required(config.readUrl(), "readUrl")), "readUrl")
                : url;
        if (config.timeoutMillis() < MIN_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException("timeoutMillis must be at least " + MIN_TIMEOUT_MILLIS);
        }
        String entryKind = config.v1EntryKind() == null ? "hashedrekord" : config.v1EntryKind().trim();
        if (!entryKind.equals("hashedrekord") && !entryKind.equals("intoto")) {
            throw new IllegalArgumentException("v1EntryKind must be hashedrekord or intoto, not '" + entryKind + "'");
        }
        String noteName = origin.contains(" - ") ? origin.substring(0, origin.indexOf(" - ")) : origin;
        LogKey key = LogKey.parse(config.publicKey(), noteName);
        KeyVersions versions = KeyVersions.parse(key, config.publicKeyValidFrom(), config.previousKeys(),
                config.revokedKeys(), origin, noteName);
        if (RekorLogConfig.KIND_V1.equals(kind) && !versions.keys().values().stream().allMatch(LogKey::isEcdsa)) {
            throw new IllegalArgumentException("Rekor v1 logs sign with ECDSA keys");
        }
        // named after the oldest configured key, so that moving a rotated key into previousKeys keeps the state
        Path state = config.stateDirectory() == null || config.stateDirectory().isBlank()
                ? defaultStateRoot.resolve(configName != null ? safeName(configName)
                        : kind + "-" + versions.versions().get(0).logId().substring(0, 16))
                : Path.of(config.stateDirectory().trim());
        SSLContext tls = null;
        if (config.caFile() != null && !config.caFile().isBlank()) {
            try {
                tls = CaTrust.fromPemFile(Path.of(config.caFile().trim()));
            } catch (AttestorException e) {
                throw new IllegalArgumentException("caFile: " + e.getMessage(), e);
            }
        }
        return new RekorSettings(kind, url, readUrl, origin, key, Duration.ofMillis(config.timeoutMillis()),
                entryKind.equals("intoto"), state, tls, versions);
    }

    /**
     * @param name a configuration name or PID
     * @return the name with everything but letters, digits, {@code .}, {@code _} and {@code -} replaced by {@code _}
     */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "_" : safe;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }

    private static URI httpUri(String text, String name) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(name + " must be an http(s) URL without query or fragment: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + text, e);
        }
    }

    private static String stripSlash(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
