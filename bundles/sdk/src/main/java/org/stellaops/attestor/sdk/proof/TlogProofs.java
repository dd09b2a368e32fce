package org.stellaops.attestor.sdk.proof;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.note.NoteVerifier;

/**
 * Writes, reads and verifies C2SP tlog-proof texts (c2sp.org/tlog-proof@v1): the export format for offline
 * verification of a log entry. Files conventionally end in {@code .tlog-proof}.
 */
public final class TlogProofs {

    /** The first line of every proof. */
    public static final String HEADER = "c2sp.org/tlog-proof@v1";
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final int HASH_LENGTH = 32;
    /** A tree of 2^63 leaves needs at most 63 hashes. */
    private static final int MAX_HASHES = 63;

    private TlogProofs() {
    }

    /**
     * Formats a proof.
     *
     * @param proof the proof
     * @return the text, lines separated by LF, ending with the checkpoint verbatim
     */
    public static String format(TlogProof proof) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        if (proof.extra().length() > 0) {
            text.append("extra ").append(proof.extra().base64()).append('\n');
        }
        text.append("index ").append(proof.index()).append('\n');
        proof.hashes().forEach(h -> text.append(h.base64()).append('\n'));
        return text.append('\n').append(proof.checkpoint()).toString();
    }

    /**
     * Parses a proof strictly.
     *
     * @param text the proof text
     * @return the proof; the checkpoint is not verified here (see {@link #verify})
     * @throws AttestorException {@code tlog_proof.malformed} for any deviation from the format
     */
    public static TlogProof parse(String text) {
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw malformed("no empty line before the checkpoint");
        }
        String[] lines = text.substring(0, blank).split("\n", -1);
        String checkpoint = text.substring(blank + 2);
        if (checkpoint.isEmpty()) {
            throw malformed("the checkpoint is missing");
        }
        if (!lines[0].equals(HEADER)) {
            throw malformed("the first line must be " + HEADER);
        }
        int next = 1;
        Bytes extra = Bytes.EMPTY;
        if (next < lines.length && lines[next].startsWith("extra ")) {
            extra = Bytes.of(decode(lines[next].substring(6), "extra"));
            next++;
        }
        if (next >= lines.length || !lines[next].startsWith("index ")
                || !INDEX.matcher(lines[next].substring(6)).matches()) {
            throw malformed("expected 'index <n>' (decimal, no leading zeros)");
        }
        long index = parseIndex(lines[next].substring(6));
        List<Bytes> hashes = new ArrayList<>();
        for (int i = next + 1; i < lines.length; i++) {
            byte[] hash = decode(lines[i], "proof hash");
            if (hash.length != HASH_LENGTH || hashes.size() == MAX_HASHES) {
                throw malformed("proof hashes are at most " + MAX_HASHES + " lines of 32-byte SHA-256 hashes");
            }
            hashes.add(Bytes.of(hash));
        }
        return new TlogProof(extra, index, hashes, checkpoint);
    }

    /**
     * Verifies a proof offline: the checkpoint must be signed by the log key named like its origin (witness
     * cosignatures among {@code known} are checked too), and the inclusion proof must lead from {@code leafHash} at
     * the proof's index to the checkpoint's root.
     *
     * @param proof the proof
     * @param leafHash the RFC 6962 leaf hash of the entry the caller expects
     * @param known the trusted log key and any trusted witness keys
     * @return the verified checkpoint
     * @throws AttestorException {@code checkpoint.malformed}, {@code note.unverified} or {@code merkle.invalid_proof}
     */
    public static Checkpoint verify(TlogProof proof, byte[] leafHash, List<NoteVerifier> known) {
        Checkpoint checkpoint = Checkpoints.parseVerified(proof.checkpoint(), known);
        InclusionProofs.verify(proof.index(), checkpoint.size(), leafHash,
                proof.hashes().stream().map(Bytes::value).toList(), checkpoint.rootHash().value());
        return checkpoint;
    }

    private static long parseIndex(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw malformed("index out of range");
        }
    }

    private static byte[] decode(String base64, String what) {
        try {
            // the format prescribes the standard alphabet (RFC 4648 section 4), so URL-safe text is refused
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw malformed(what + " is not base64: " + e.getMessage());
        }
    }

    private static AttestorException malformed(String message) {
        return new AttestorException(ErrorCodes.TLOG_PROOF_MALFORMED, message);
    }
}
