package org.stellaops.attestor.tlog.rekor;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.note.NoteKeys;

/**
 * The configured versions of a remote log's checkpoint key: {@code previousKeys} (oldest first, each with its
 * window), then the current {@code publicKey}, with the {@code revokedKeys} applied. Keys are looked up by the log ID
 * an entry names.
 *
 * @param versions the versions, oldest first, the current one last
 * @param keys the key of every version by log ID
 */
record KeyVersions(List<LogKeyVersion> versions, Map<String, LogKey> keys) {

    KeyVersions {
        versions = List.copyOf(versions);
        keys = Map.copyOf(keys);
    }

    /**
     * @param current the configured {@code publicKey}
     * @param currentValidFrom the configured {@code publicKeyValidFrom}, may be blank
     * @param previous the configured {@code previousKeys}, may be null
     * @param revoked the configured {@code revokedKeys}, may be null
     * @param origin the log origin (the log ID of an Ed25519 key depends on it)
     * @param noteName the note key name checkpoints are signed with
     * @return the versions
     * @throws IllegalArgumentException for an unusable value
     */
    static KeyVersions parse(LogKey current, String currentValidFrom, String[] previous, String[] revoked, String origin,
                             String noteName) {
        List<LogKeyVersion> versions = new ArrayList<>();
        Map<String, LogKey> keys = new LinkedHashMap<>();
        for (String raw : nonBlank(previous)) {
            String[] parts = raw.split("\\|", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("previousKeys: '" + raw + "' is not <validFrom>|<retiredAt>|<key>");
            }
            LogKey key;
            try {
                key = LogKey.parse(parts[2], noteName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("previousKeys: " + e.getMessage(), e);
            }
            Instant from = instant(parts[0], "previousKeys validFrom");
            Instant until = instant(parts[1], "previousKeys retiredAt");
            if (!versions.isEmpty() && from.isBefore(versions.get(versions.size() - 1).validFrom())) {
                throw new IllegalArgumentException("previousKeys must be listed oldest first");
            }
            versions.add(version(versions.size() + 1, key, origin, noteName, from, until));
            keys.put(key.logId(origin), key);
        }
        Instant from = currentValidFrom == null || currentValidFrom.isBlank()
                ? versions.stream().map(LogKeyVersion::retiredAt).max(Instant::compareTo).orElse(Instant.EPOCH)
                : instant(currentValidFrom, "publicKeyValidFrom");
        versions.add(version(versions.size() + 1, current, origin, noteName, from, null));
        keys.put(current.logId(origin), current);
        return new KeyVersions(revoke(versions, nonBlank(revoked), current.logId(origin)), keys);
    }

    /** @return the log IDs whose signatures may be accepted (every version that is not revoked) */
    List<String> verifiableLogIds() {
        return versions.stream().filter(LogKeyVersion::verifiable).map(LogKeyVersion::logId).distinct().toList();
    }

    /**
     * @param logId the log ID an entry or answer names
     * @return the key of that version, if it is a verifiable version of this log
     */
    Optional<LogKey> verifiable(String logId) {
        return verifiableLogIds().contains(logId) ? Optional.ofNullable(keys.get(logId)) : Optional.empty();
    }

    private static List<LogKeyVersion> revoke(List<LogKeyVersion> versions, List<String> revoked, String currentId) {
        List<LogKeyVersion> result = new ArrayList<>(versions);
        for (String raw : revoked) {
            String[] parts = raw.split("\\|", 3);
            if (parts.length != 3 || parts[2].isBlank()) {
                throw new IllegalArgumentException("revokedKeys: '" + raw + "' is not <logId>|<revokedAt>|<reason>");
            }
            String logId = parts[0].trim().toLowerCase(Locale.ROOT);
            Instant at = instant(parts[1], "revokedKeys revokedAt");
            if (logId.equals(currentId)) {
                throw new IllegalArgumentException("revokedKeys names the current publicKey " + logId + "; replace it instead");
            }
            boolean known = false;
            for (int i = 0; i < result.size(); i++) {
                if (result.get(i).logId().equals(logId)) {
                    result.set(i, result.get(i).revoke(at, parts[2].trim()));
                    known = true;
                }
            }
            if (!known) {
                throw new IllegalArgumentException("revokedKeys names " + logId + ", which is none of previousKeys");
            }
        }
        return result;
    }

    private static LogKeyVersion version(int number, LogKey key, String origin, String noteName, Instant from,
                                         Instant until) {
        String vkey;
        try {
            vkey = NoteKeys.verifierKey(noteName, key.publicKey());
        } catch (AttestorException e) {
            throw new IllegalArgumentException("cannot name key version " + number + ": " + e.getMessage(), e);
        }
        return new LogKeyVersion(number, key.logId(origin), key.pem(), vkey, from, until, null, null);
    }

    private static Instant instant(String text, String what) {
        try {
            return Instant.parse(Objects.requireNonNull(text).trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " is not an RFC 3339 UTC time: '" + text + "'", e);
        }
    }

    private static List<String> nonBlank(String[] values) {
        List<String> list = new ArrayList<>();
        for (String v : values == null ? new String[0] : values) {
            if (v != null && !v.isBlank()) {
                list.add(v.trim());
            }
        }
        return list;
    }
}
