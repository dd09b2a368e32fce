package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.note.NoteKeys;

/**
 * The versions of the log's checkpoint key, in the file {@value #FILE} of the log directory. Append-only in
 * meaning: versions are only ever added, and a version's {@code retiredAt} and {@code revokedAt} only go from unset
 * to set; {@link #save} refuses anything else. Every change rewrites the whole (small) file atomically and durably
 * (temp file, fsync, rename, fsync of the directory), so a crash leaves either the old or the new history.
 *
 * <p>Format, UTF-8 text: a comment line, then one line per version, oldest first, of space-separated
 * {@code name=value} fields ({@code version}, {@code logId}, {@code validFrom}, optional {@code retiredAt},
 * {@code revokedAt} and {@code reason} (base64url of UTF-8), and {@code spki}, the base64 DER public key), then
 * {@code sha256=<hex>} of every byte before that line, so a damaged or hand-edited file is refused, not trusted.
 */
final class KeyHistory {

    /** File name in the log directory. */
    static final String FILE = "log-keys";
    private static final String HEADER = "# StellaOps Attestor embedded log: checkpoint key versions (append-only, do not edit)\n";
    private static final String CHECKSUM = "sha256=";

    private final List<LogKeyVersion> versions;

    private KeyHistory(List<LogKeyVersion> versions) {
        this.versions = List.copyOf(versions);
    }

    /** @return the empty history of a log that recorded no version yet */
    static KeyHistory empty() {
        return new KeyHistory(List.of());
    }

    /**
     * @param directory the log directory
     * @param origin the log origin, the note key name of every version
     * @return the recorded history, empty if there is no file
     * @throws IOException on a read failure
     * @throws org.stellaops.attestor.api.tlog.TransparencyLogException {@code tlog.storage_corrupt} for a damaged file
     */
    static KeyHistory load(Path directory, String origin) throws IOException {
        byte[] bytes = DurableFiles.readIfExists(directory.resolve(FILE));
        return bytes == null ? empty() : parse(new String(bytes, StandardCharsets.UTF_8), origin);
    }

    /** @return every version, oldest first */
    List<LogKeyVersion> versions() {
        return versions;
    }

    /** @return whether no version is recorded */
    boolean isEmpty() {
        return versions.isEmpty();
    }

    /** @return the newest version; the history must not be empty */
    LogKeyVersion newest() {
        return versions.get(versions.size() - 1);
    }

    /**
     * @param version the next version, numbered one above the newest
     * @return this history plus {@code version}, the previous newest retired at its {@code validFrom}
     */
    KeyHistory rotatedTo(LogKeyVersion version) {
        List<LogKeyVersion> next = new ArrayList<>(versions);
        if (!next.isEmpty()) {
            next.set(next.size() - 1, newest().retire(version.validFrom()));
        }
        next.add(version);
        return new KeyHistory(next);
    }

    /**
     * @param logId a version's log ID
     * @param at when
     * @param reason why
     * @return this history with every version of that log ID revoked (already revoked ones keep their time)
     */
    KeyHistory revoked(String logId, Instant at, String reason) {
        return new KeyHistory(versions.stream()
                .map(v -> v.logId().equals(logId) ? v.revoke(at, reason) : v).toList());
    }

    /**
     * Writes this history in place of {@code previous}, durably.
     *
     * @param directory the log directory
     * @param previous the history this one grew from
     * @throws IOException on a write failure (the previous file is then intact)
     * @throws IllegalStateException if this history does not extend {@code previous}
     */
    void save(Path directory, KeyHistory previous) throws IOException {
        checkExtends(previous);
        DurableFiles.replace(directory.resolve(FILE), format().getBytes(StandardCharsets.UTF_8));
    }

    private void checkExtends(KeyHistory previous) {
        if (versions.size() < previous.versions.size()) {
            throw new IllegalStateException("a key history never loses versions");
        }
        for (int i = 0; i < previous.versions.size(); i++) {
            LogKeyVersion was = previous.versions.get(i);
            LogKeyVersion now = versions.get(i);
            boolean same = was.version() == now.version() && was.logId().equals(now.logId())
                    && was.validFrom().equals(now.validFrom()) && was.publicKeyPem().equals(now.publicKeyPem())
                    && (was.retiredAt() == null || was.retiredAt().equals(now.retiredAt()))
                    && (was.revokedAt() == null || was.revokedAt().equals(now.revokedAt()));
            if (!same) {
                throw new IllegalStateException("key version " + was.version() + " may only gain a retirement or revocation");
            }
        }
    }

    String format() {
        StringBuilder out = new StringBuilder(HEADER);
        for (LogKeyVersion v : versions) {
            out.append("version=").append(v.version()).append(" logId=").append(v.logId())
                    .append(" validFrom=").append(v.validFrom());
            if (v.retiredAt() != null) {
                out.append(" retiredAt=").append(v.retiredAt());
            }
            if (v.revokedAt() != null) {
                out.append(" revokedAt=").append(v.revokedAt());
            }
            if (v.revocationReason() != null) {
                out.append(" reason=").append(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(v.revocationReason().getBytes(StandardCharsets.UTF_8)));
            }
            out.append(" spki=").append(Base64.getEncoder().encodeToString(PublicKeys.spki(PublicKeys.parsePem(v.publicKeyPem()))))
                    .append('\n');
        }
        String body = out.toString();
        return body + CHECKSUM + sha256(body) + '\n';
    }

    static KeyHistory parse(String text, String origin) {
        int checksumAt = text.lastIndexOf('\n' + CHECKSUM);
        if (checksumAt < 0 || !text.endsWith("\n")) {
            throw LogErrors.corrupt(FILE + " has no checksum line");
        }
        String body = text.substring(0, checksumAt + 1);
        String stated = text.substring(checksumAt + 1 + CHECKSUM.length(), text.length() - 1);
        if (!stated.equals(sha256(body))) {
            throw LogErrors.corrupt(FILE + " does not match its checksum");
        }
        List<LogKeyVersion> versions = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                versions.add(version(line, origin, versions.size() + 1));
            }
        }
        return new KeyHistory(versions);
    }

    private static LogKeyVersion version(String line, String origin, int expected) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : line.split(" ")) {
            int eq = field.indexOf('=');
            if (eq <= 0 || fields.put(field.substring(0, eq), field.substring(eq + 1)) != null) {
                throw LogErrors.corrupt(FILE + ": malformed line '" + line + "'");
            }
        }
        try {
            int version = Integer.parseInt(fields.getOrDefault("version", ""));
            if (version != expected) {
                throw LogErrors.corrupt(FILE + ": version " + version + " where " + expected + " was expected");
            }
            PublicKey key = PublicKeys.parseSpki(Base64.getDecoder().decode(fields.getOrDefault("spki", "")));
            String logId = fields.getOrDefault("logId", "");
            if (!logId.equals(LogKey.logIdOf(key))) {
                throw LogErrors.corrupt(FILE + ": version " + version + " names a log ID that is not its key's");
            }
            String reason = fields.get("reason");
            return new LogKeyVersion(version, logId, PublicKeys.toPem(key), NoteKeys.verifierKey(origin, key),
                    Instant.parse(fields.getOrDefault("validFrom", "")), instant(fields.get("retiredAt")),
                    instant(fields.get("revokedAt")), reason == null ? null
                            : new String(Base64.getUrlDecoder().decode(reason), StandardCharsets.UTF_8));
        } catch (NumberFormatException | DateTimeParseException | AttestorException e) {
            throw LogErrors.corrupt(FILE + ": unreadable line '" + line + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw LogErrors.corrupt(FILE + ": invalid line '" + line + "': " + e.getMessage());
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
