package org.stellaops.attestor.api.tlog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The identity of a transparency log and every version of its checkpoint key.
 *
 * <p>{@link #logId()} and {@link #publicKeyPem()} are those of the current signing version, the newest of
 * {@link #keyVersions()}. A log that rotated its key keeps its older versions there: entries logged under an older
 * version carry that version's log ID, and checkpoints signed by it stay verifiable until it is revoked. Use
 * {@link #versionFor(String)} to recognise an entry of this log under any version, and {@link #verifiableKeys()}
 * for the keys a checkpoint of this log may be signed by.
 *
 * @param logId lowercase hex of the 32-byte log ID of the current key version (for an ECDSA log key: SHA-256 of
 *        its DER SubjectPublicKeyInfo)
 * @param origin the checkpoint origin, also the note key name
 * @param kind the API kind, for example {@code embedded}, {@code rekor-v2}, {@code rekor-v1}
 * @param publicKeyPem the current checkpoint key as a PEM public key
 * @param readUrl where clients read checkpoints and tiles, or empty
 * @param keyVersions every version of the checkpoint key, oldest first, version numbers increasing; the last one
 *        is the current version and has the log ID {@code logId} (since 1.2)
 */
public record LogDescriptor(String logId, String origin, String kind, String publicKeyPem, String readUrl,
                            List<LogKeyVersion> keyVersions) {
    /**
     * Validates and copies the parts.
     *
     * @param logId not null
     * @param origin not null
     * @param kind not null
     * @param publicKeyPem not null
     * @param readUrl not null
     * @param keyVersions not empty, version numbers strictly increasing, the last one with log ID {@code logId}
     * @since 1.2
     */
    public LogDescriptor {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(readUrl, "readUrl");
        keyVersions = List.copyOf(keyVersions);
        if (keyVersions.isEmpty()) {
            throw new IllegalArgumentException("a log has at least one key version");
        }
        for (int i = 1; i < keyVersions.size(); i++) {
            if (keyVersions.get(i).version() <= keyVersions.get(i - 1).version()) {
                throw new IllegalArgumentException("key versions must be listed oldest first, numbers increasing");
            }
        }
        if (!keyVersions.get(keyVersions.size() - 1).logId().equals(logId)) {
            throw new IllegalArgumentException("the newest key version must be the current one, log ID " + logId);
        }
    }

    /**
     * A log with one key that never rotated: one active version, valid since the epoch, for {@code publicKeyPem}.
     *
     * @param logId not null
     * @param origin not null
     * @param kind not null
     * @param publicKeyPem not null
     * @param readUrl not null
     */
    public LogDescriptor(String logId, String origin, String kind, String publicKeyPem, String readUrl) {
        this(logId, origin, kind, publicKeyPem, readUrl,
                List.of(LogKeyVersion.initial(Objects.requireNonNull(logId, "logId"),
                        Objects.requireNonNull(publicKeyPem, "publicKeyPem"))));
    }

    /**
     * @return the current signing version, the last of {@link #keyVersions()}
     * @since 1.2
     */
    public LogKeyVersion currentKey() {
        return keyVersions.get(keyVersions.size() - 1);
    }

    /**
     * Finds the key version an entry or checkpoint of this log names by its log ID.
     *
     * @param versionLogId lowercase hex log ID
     * @return the newest version with that log ID, in whatever state, or empty if no version of this log has it
     * @since 1.2
     */
    public Optional<LogKeyVersion> versionFor(String versionLogId) {
        for (int i = keyVersions.size() - 1; i >= 0; i--) {
            if (keyVersions.get(i).logId().equals(versionLogId)) {
                return Optional.of(keyVersions.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The versions whose signatures may be accepted: every version but the revoked ones. A key revoked in one
     * version is refused in all (the same key under a later version number included).
     *
     * @return the verifiable versions, oldest first (possibly empty if every version is revoked)
     * @since 1.2
     */
    public List<LogKeyVersion> verifiableKeys() {
        Set<String> revoked = keyVersions.stream().filter(v -> !v.verifiable()).map(LogKeyVersion::logId)
                .collect(Collectors.toSet());
        return keyVersions.stream().filter(v -> !revoked.contains(v.logId())).toList();
    }

    /**
     * @param versionLogId lowercase hex log ID, for example of a logged entry
     * @return whether a verifiable version of this log has that log ID
     * @since 1.2
     */
    public boolean acceptsLogId(String versionLogId) {
        return verifiableKeys().stream().anyMatch(v -> v.logId().equals(versionLogId));
    }
}
