package org.stellaops.attestor.sdk.witness;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: {@code old <size>}, zero to 63 base64
 * consistency-proof hashes (one per line), an empty line, then the signed checkpoint note verbatim.
 *
 * @param oldSize the size of the previous checkpoint the proof starts from (0 if none)
 * @param proof the RFC 6962 consistency proof from {@code oldSize} to the checkpoint's size; hashes of 32 bytes
 * @param checkpoint the complete signed checkpoint note
 */
public record AddCheckpointRequest(long oldSize, List<byte[]> proof, String checkpoint) {

    /** Most proof lines a request may carry. */
    public static final int MAX_PROOF_LINES = 63;

    private static final int HASH_LENGTH = 32;
    private static final int MAX_SIZE_DIGITS = 19;

    /**
     * Validates and copies the parts.
     *
     * @param oldSize not negative
     * @param proof at most 63 hashes of 32 bytes
     * @param checkpoint not empty
     */
    public AddCheckpointRequest {
        if (oldSize < 0) {
            throw new IllegalArgumentException("old size < 0");
        }
        if (proof.size() > MAX_PROOF_LINES) {
            throw new IllegalArgumentException("more than " + MAX_PROOF_LINES + " proof hashes");
        }
        List<byte[]> copy = new ArrayList<>(proof.size());
        for (byte[] hash : proof) {
            if (hash == null || hash.length != HASH_LENGTH) {
                throw new IllegalArgumentException("proof hashes have 32 bytes");
            }
            copy.add(hash.clone());
        }
        proof = List.copyOf(copy);
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (checkpoint.isEmpty()) {
            throw new IllegalArgumentException("empty checkpoint");
        }
    }

    /** @return copies of the proof hashes */
    @Override
    public List<byte[]> proof() {
        return proof.stream().map(byte[]::clone).toList();
    }

    /** @return the request body text: {@code old <n>\n}, the base64 proof lines, an empty line, the checkpoint */
    public String format() {
        StringBuilder sb = new StringBuilder("old ").append(oldSize).append('\n');
        for (byte[] hash : proof) {
            sb.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return sb.append('\n').append(checkpoint).toString();
    }

    /**
     * Parses a request body.
     *
     * @param body the UTF-8 request body
     * @return the request
     * @throws AttestorException {@code witness.malformed} for invalid UTF-8, a bad old-size line (leading zeros
     *         included), a proof line that is not canonical standard base64 of 32 bytes, more than 63 proof lines,
     *         a missing empty line or an empty checkpoint
     */
    public static AddCheckpointRequest parse(byte[] body) {
        String text = decodeUtf8(body);
        int lineEnd = text.indexOf('\n');
        if (lineEnd < 0 || !text.startsWith("old ")) {
            throw malformed("the body starts with an \"old <size>\" line");
        }
        long oldSize = parseSize(text.substring(4, lineEnd));
        List<byte[]> proof = new ArrayList<>();
        int pos = lineEnd + 1;
        while (true) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                throw malformed("no empty line before the checkpoint");
            }
            if (end == pos) {
                pos = end + 1;
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw malformed("more than " + MAX_PROOF_LINES + " consistency proof lines");
            }
            proof.add(parseHash(text.substring(pos, end)));
            pos = end + 1;
        }
        String checkpoint = text.substring(pos);
        if (checkpoint.isEmpty()) {
            throw malformed("no checkpoint after the empty line");
        }
        return new AddCheckpointRequest(oldSize, proof, checkpoint);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AddCheckpointRequest r) || oldSize != r.oldSize || !checkpoint.equals(r.checkpoint)
                || proof.size() != r.proof.size()) {
            return false;
        }
        for (int i = 0; i < proof.size(); i++) {
            if (!Arrays.equals(proof.get(i), r.proof.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(oldSize, checkpoint);
        for (byte[] hash : proof) {
            h = 31 * h + Arrays.hashCode(hash);
        }
        return h;
    }

    @Override
    public String toString() {
        return "AddCheckpointRequest[old=" + oldSize + ", proof=" + proof.size() + " hashes]";
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new AttestorException(ErrorCodes.WITNESS_MALFORMED, "the body is not valid UTF-8", e);
        }
    }

    private static long parseSize(String digits) {
        boolean ok = !digits.isEmpty() && digits.length() <= MAX_SIZE_DIGITS
                && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && (digits.length() == 1 || digits.charAt(0) != '0');
        if (!ok) {
            throw malformed("old size must be a decimal number without leading zeros");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new AttestorException(ErrorCodes.WITNESS_MALFORMED, "old size out of range", e);
        }
    }

    private static byte[] parseHash(String line) {
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new AttestorException(ErrorCodes.WITNESS_MALFORMED, "proof line is not base64", e);
        }
        // Only the one canonical padded encoding of each hash is accepted.
        if (hash.length != HASH_LENGTH || !Base64.getEncoder().encodeToString(hash).equals(line)) {
            throw malformed("proof lines are padded standard base64 of a 32-byte hash");
        }
        return hash;
    }

    private static AttestorException malformed(String message) {
        return new AttestorException(ErrorCodes.WITNESS_MALFORMED, message);
    }
}
