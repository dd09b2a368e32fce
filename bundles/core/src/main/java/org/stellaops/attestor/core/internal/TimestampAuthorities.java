package org.stellaops.attestor.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.sdk.timestamp.TimestampAuthority;
import org.stellaops.attestor.sdk.timestamp.TimestampException;

/**
 * The RFC 3161 time-stamping authorities verification trusts, configured by {@code timestampAuthorities} of the
 * core: each entry is {@code <name>=<path of a PEM file>}; every certificate in the file is a trust anchor of that
 * authority. A relative path is resolved against the data directory. Files are read when the configuration is
 * applied; a malformed entry, a repeated name or an unreadable file is logged and left out rather than stopping the
 * service (tokens of a left-out authority then fail as unknown). Authorities are tried in name order.
 */
final class TimestampAuthorities {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampAuthorities.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** No authority: every token fails as unknown. */
    static final TimestampAuthorities NONE = new TimestampAuthorities(List.of());

    private final List<TimestampAuthority> authorities;
    private final String fingerprint;

    TimestampAuthorities(List<TimestampAuthority> authorities) {
        this.authorities = List.copyOf(authorities);
        this.fingerprint = fingerprintOf(this.authorities);
    }

    /**
     * @param entries the configured entries (null: none)
     * @param dataDirectory what relative paths are resolved against
     * @return the authorities that could be read
     */
    static TimestampAuthorities parse(String[] entries, Path dataDirectory) {
        Map<String, TimestampAuthority> byName = new TreeMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                TimestampAuthority authority = read(entry.strip(), dataDirectory);
                if (byName.putIfAbsent(authority.name(), authority) != null) {
                    LOG.error("ignoring timestampAuthorities entry '{}': the name {} is configured twice", entry,
                            authority.name());
                }
            } catch (IllegalArgumentException | TimestampException e) {
                LOG.error("ignoring timestampAuthorities entry '{}': {}", entry, e.getMessage());
            }
        }
        byName.values().forEach(a -> LOG.info("RFC 3161 timestamp authority {}: {} trust anchor(s), first {}",
                a.name(), a.certificates().size(), a.certificates().get(0).getSubjectX500Principal().getName()));
        return new TimestampAuthorities(new ArrayList<>(byName.values()));
    }

    private static TimestampAuthority read(String entry, Path dataDirectory) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("expected <name>=<path of a PEM file>");
        }
        String name = entry.substring(0, equals).strip();
        String location = entry.substring(equals + 1).strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an authority name (1-128 of A-Z a-z 0-9 . _ -)");
        }
        if (location.isEmpty()) {
            throw new IllegalArgumentException("no file given for " + name);
        }
        Path file = dataDirectory.resolve(Paths.get(location));
        try {
            return TimestampAuthority.fromPem(name, Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
    }

    /** @return the authorities, in name order */
    List<TimestampAuthority> all() {
        return authorities;
    }

    /** @return a digest of every name and certificate: what cached verification results depend on */
    String fingerprint() {
        return fingerprint;
    }

    private static String fingerprintOf(List<TimestampAuthority> authorities) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (TimestampAuthority authority : authorities) {
                digest.update((authority.name() + "\n").getBytes(StandardCharsets.UTF_8));
                for (X509Certificate certificate : authority.certificates()) {
                    digest.update(certificate.getEncoded());
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the timestamp authorities", e);
        }
    }
}
