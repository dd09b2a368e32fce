package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;

/**
 * The log's checkpoint key versions: the active one, which signs, and every recorded one. Opening reconciles the
 * recorded history ({@link KeyHistory}) with the key the driver has now: a different key is a rotation (a new
 * version valid from now, the previous one retired at that instant), and the configured revocations are recorded.
 * The active key is never revoked: the log refuses to open instead.
 */
final class LogKeys {

    private static final System.Logger LOG = System.getLogger(LogKeys.class.getName());

    private final LogKey active;
    private final List<LogKeyVersion> versions;
    private final List<NoteVerifier> recorded;

    private LogKeys(LogKey active, List<LogKeyVersion> versions, String origin) {
        this.active = active;
        this.versions = List.copyOf(versions);
        this.recorded = versions.stream().map(v -> LogKey.verifier(origin, v.publicKeyPem())).toList();
    }

    /**
     * Brings the recorded history up to date with the active key and the policy, durably, before anything is signed.
     *
     * @param directory the log directory (created if missing)
     * @param origin the origin, the note key name
     * @param active the key the driver holds under the configured name
     * @param policy revocations and clock
     * @return the key versions
     * @throws IOException if the history cannot be read or written
     * @throws org.stellaops.attestor.api.tlog.TransparencyLogException {@code tlog.unavailable} if the active key is
     *         revoked, {@code tlog.storage_corrupt} if the history is damaged
     */
    static LogKeys open(Path directory, String origin, LogKey active, LogKeyPolicy policy) throws IOException {
        boolean existingLog = Files.exists(directory.resolve(CheckpointLog.LATEST))
                || Files.exists(directory.resolve(CheckpointLog.HISTORY));
        Files.createDirectories(directory);
        Files.deleteIfExists(DurableFiles.temp(directory.resolve(KeyHistory.FILE)));
        KeyHistory before = KeyHistory.load(directory, origin);
        Instant now = policy.clock().instant();
        KeyHistory after = rotate(before, active, existingLog ? Instant.EPOCH : now, now);
        after = revoke(after, active, policy.revoked(), now);
        if (after.versions().stream().anyMatch(v -> v.logId().equals(active.logId()) && !v.verifiable())) {
            throw LogErrors.unavailable("checkpoint key " + active.logId() + " was revoked; configure another "
                    + "signingKeyName (a revoked key never signs again)");
        }
        if (!after.versions().equals(before.versions())) {
            after.save(directory, before);
        }
        return new LogKeys(active, after.versions(), origin);
    }

    /** A new directory's first key is valid from now; a log older than its key history, since the epoch. */
    private static KeyHistory rotate(KeyHistory history, LogKey active, Instant firstValidFrom, Instant now) {
        if (history.isEmpty()) {
            return history.rotatedTo(version(1, active, firstValidFrom));
        }
        LogKeyVersion newest = history.newest();
        if (newest.logId().equals(active.logId())) {
            return history;
        }
        LOG.log(Level.WARNING, "embedded log: checkpoint key rotated from version " + newest.version() + " ("
                + newest.logId() + ") to version " + (newest.version() + 1) + " (" + active.logId() + ")");
        return history.rotatedTo(version(newest.version() + 1, active, now));
    }

    private static KeyHistory revoke(KeyHistory history, LogKey active, Map<String, String> revoked, Instant now) {
        KeyHistory result = history;
        for (Map.Entry<String, String> r : revoked.entrySet()) {
            String logId = r.getKey();
            if (logId.equals(active.logId())) {
                throw LogErrors.unavailable("revokedKeys lists the signing key " + logId + "; rotate to another key "
                        + "(signingKeyName) first, then revoke this one");
            }
            if (result.versions().stream().noneMatch(v -> v.logId().equals(logId))) {
                LOG.log(Level.WARNING, "embedded log: revokedKeys names " + logId + ", which never was a key of this log");
            } else if (result.versions().stream().anyMatch(v -> v.logId().equals(logId) && v.verifiable())) {
                LOG.log(Level.WARNING, "embedded log: checkpoint key " + logId + " revoked: " + r.getValue());
                result = result.revoked(logId, now, r.getValue());
            }
        }
        return result;
    }

    private static LogKeyVersion version(int number, LogKey key, Instant validFrom) {
        return new LogKeyVersion(number, key.logId(), key.publicKeyPem(), key.verifierKey(), validFrom, null, null, null);
    }

    /** @return the signing key */
    LogKey active() {
        return active;
    }

    /** @return every version, oldest first; the last is the active one */
    List<LogKeyVersion> versions() {
        return versions;
    }

    /**
     * @param note a signed note
     * @return whether the active key signed it
     */
    boolean signedByActive(String note) {
        return active.verifies(note);
    }

    /**
     * The log's own files may hold notes of any version, a revoked one included: revocation tells verifiers what to
     * refuse, while the log still has to open the checkpoint it last published (and then signs it anew).
     *
     * @param note a signed note
     * @return whether a recorded version signed it (and none of their signatures on it fails)
     */
    boolean signedByRecorded(String note) {
        try {
            Notes.verify(note, recorded);
            return true;
        } catch (AttestorException unverified) {
            return false;
        }
    }
}
