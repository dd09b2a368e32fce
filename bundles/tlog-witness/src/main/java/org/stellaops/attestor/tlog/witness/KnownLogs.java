package org.stellaops.attestor.tlog.witness;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.witness.VerifierKeys;

/**
 * The logs the witness knows: their note verifier keys, grouped by key name, which is the log's origin (a log's
 * checkpoint key is named like its origin). Several keys per origin are allowed (key rotation); a note then needs
 * one of them to verify and none to fail.
 */
final class KnownLogs {

    private static final System.Logger LOG = System.getLogger(KnownLogs.class.getName());
    private static final int TYPE_ED25519 = 0x01;
    private static final int TYPE_ECDSA = 0x02;

    private final Map<String, List<NoteVerifier>> byOrigin;

    private KnownLogs(Map<String, List<NoteVerifier>> byOrigin) {
        this.byOrigin = byOrigin;
    }

    /**
     * Parses the configured verifier keys. An entry that cannot be used is left out with an error in the log: the
     * witness then answers 404 for that origin (it fails closed for that log, not for all of them).
     *
     * @param vkeys {@code <origin>+<hex key ID>+<base64(type ‖ key)>} with type 0x01 (Ed25519) or 0x02 (ECDSA)
     * @return the known logs
     */
    static KnownLogs parse(String[] vkeys) {
        Map<String, List<NoteVerifier>> map = new HashMap<>();
        for (String raw : vkeys == null ? new String[0] : vkeys) {
            String vkey = raw == null ? "" : raw.trim();
            if (vkey.isEmpty()) {
                continue;
            }
            try {
                checkLogKeyType(vkey);
                NoteVerifier verifier = VerifierKeys.parse(vkey);
                map.computeIfAbsent(verifier.name(), k -> new ArrayList<>()).add(verifier);
            } catch (AttestorException e) {
                LOG.log(Level.ERROR, "witness: ignoring log key ''{0}'': {1} ({2})", vkey, e.getMessage(), e.code());
            }
        }
        map.replaceAll((origin, list) -> List.copyOf(list));
        return new KnownLogs(Map.copyOf(map));
    }

    /**
     * @param origin a checkpoint origin
     * @return the verifiers of that log's keys, empty if the origin is unknown
     */
    List<NoteVerifier> verifiers(String origin) {
        return byOrigin.getOrDefault(origin, List.of());
    }

    /** @return how many origins are known */
    int size() {
        return byOrigin.size();
    }

    /** A cosignature key (0x04) or any other type is not a log's checkpoint key. */
    private static void checkLogKeyType(String vkey) {
        // name and hex key ID never contain '+', base64 may: the key is everything after the second '+'
        String[] parts = vkey.split("\\+", 3);
        byte[] typed;
        try {
            typed = parts.length == 3 ? Base64.getDecoder().decode(parts[2]) : new byte[0];
        } catch (IllegalArgumentException e) {
            throw new AttestorException("note.bad_key", "verifier key is not base64", e);
        }
        if (typed.length == 0 || (typed[0] != TYPE_ED25519 && typed[0] != TYPE_ECDSA)) {
            throw new AttestorException("note.bad_key", "a log key must be of type 0x01 (Ed25519) or 0x02 (ECDSA)");
        }
    }
}
