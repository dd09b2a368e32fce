package org.stellaops.attestor.tlog.embedded.witness;

import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.AddCheckpointRequest;
import org.stellaops.attestor.sdk.witness.Cosignatures;

/**
 * One C2SP tlog-witness {@code add-checkpoint} exchange: POST the checkpoint with a consistency proof from the
 * size the witness holds; on 409 learn its size from the {@code text/x.tlog.size} body and try once more from
 * there; on 200 keep only the signature lines that verify as cosignatures by that witness's key.
 */
final class WitnessClient {

    private static final System.Logger LOG = System.getLogger(WitnessClient.class.getName());
    private static final String SIZE_TYPE = "text/x.tlog.size";
    private static final int MAX_ERROR_TEXT = 200;

    private final HttpClient http;
    private final Duration timeout;
    private final CheckpointSource source;

    WitnessClient(HttpClient http, Duration timeout, CheckpointSource source) {
        this.http = http;
        this.timeout = timeout;
        this.source = source;
    }

    /**
     * The result of asking one witness.
     *
     * @param cosignatures the verified cosignatures (empty on failure)
     * @param witnessSize the size the witness now holds for this log, or -1 if the exchange did not tell
     * @param error why no cosignature was obtained, or null on success
     */
    record Outcome(List<NoteSignature> cosignatures, long witnessSize, String error) {

        static Outcome failure(String error, long witnessSize) {
            return new Outcome(List.of(), witnessSize, error);
        }
    }

    /**
     * Asks a witness to cosign; never completes exceptionally.
     *
     * @param witness the witness
     * @param knownSize the size we believe it holds (0 when unknown: it answers 409 with the right one)
     * @param checkpoint the checkpoint to cosign
     * @return the outcome
     */
    CompletableFuture<Outcome> cosign(WitnessEndpoint witness, long knownSize, SignedCheckpoint checkpoint) {
        return attempt(witness, knownSize, checkpoint, true);
    }

    private CompletableFuture<Outcome> attempt(WitnessEndpoint witness, long oldSize, SignedCheckpoint checkpoint,
                                               boolean mayRetry) {
        if (oldSize > checkpoint.size()) {
            // A witness ahead of the log saw a checkpoint we never published at this size: a fork or a rollback.
            LOG.log(Level.ERROR, "witness " + witness.name() + " holds size " + oldSize + " of this log, beyond its latest "
                    + checkpoint.size() + ": the log may have been rolled back or forked");
            return CompletableFuture.completedFuture(Outcome.failure("witness holds size " + oldSize
                    + ", beyond the log's latest checkpoint " + checkpoint.size(), oldSize));
        }
        HttpRequest request;
        try {
            List<byte[]> proof = oldSize == 0 || oldSize == checkpoint.size() ? List.of()
                    : source.consistencyProof(oldSize, checkpoint.size());
            String body = new AddCheckpointRequest(oldSize, proof, checkpoint.note()).format();
            request = HttpRequest.newBuilder(witness.addCheckpoint()).timeout(timeout)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.failure("cannot build the request from size " + oldSize
                    + ": " + e.getMessage(), -1));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenCompose(response -> handle(witness, oldSize, checkpoint, mayRetry, response))
                .exceptionally(e -> Outcome.failure(describe(e), -1));
    }

    private CompletableFuture<Outcome> handle(WitnessEndpoint witness, long oldSize, SignedCheckpoint checkpoint,
                                              boolean mayRetry, HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() == 200) {
            return CompletableFuture.completedFuture(cosignatures(witness, checkpoint, body));
        }
        if (response.statusCode() == 409) {
            long held = parseSize(body);
            if (held < 0) {
                return CompletableFuture.completedFuture(Outcome.failure("409 without a " + SIZE_TYPE + " body: "
                        + excerpt(body), -1));
            }
            if (mayRetry && held != oldSize) {
                return attempt(witness, held, checkpoint, false);
            }
            return CompletableFuture.completedFuture(Outcome.failure("409: the witness holds size " + held
                    + " and refused size " + checkpoint.size() + " from old size " + oldSize, held));
        }
        return CompletableFuture.completedFuture(Outcome.failure("HTTP " + response.statusCode() + ": " + excerpt(body), -1));
    }

    /** A 200 means the witness recorded the checkpoint, whatever the quality of the lines it sent back. */
    private static Outcome cosignatures(WitnessEndpoint witness, SignedCheckpoint checkpoint, String body) {
        String text = SignedNote.parse(checkpoint.note()).text();
        List<NoteSignature> valid = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            NoteSignature signature;
            try {
                signature = SignedNote.parse(text + "\n" + line + "\n").signatures().get(0);
            } catch (AttestorException e) {
                LOG.log(Level.WARNING, "witness " + witness.name() + " sent a malformed signature line: " + e.getMessage());
                continue;
            }
            if (Cosignatures.verify(witness.cosigner(), text, signature).isPresent()) {
                if (valid.stream().noneMatch(v -> v.name().equals(signature.name()))) {
                    valid.add(signature);
                }
            } else {
                LOG.log(Level.WARNING, "ignoring a signature line from witness " + witness.name() + " that is not a valid "
                        + "cosignature by its key " + witness.vkey() + " (line key " + signature.name() + "+"
                        + signature.keyHintHex() + ")");
            }
        }
        if (valid.isEmpty()) {
            return Outcome.failure("200 without a valid cosignature by " + witness.vkey(), checkpoint.size());
        }
        return new Outcome(List.copyOf(valid), checkpoint.size(), null);
    }

    /** @return the size of a {@code <decimal>\n} body, or -1 */
    private static long parseSize(String body) {
        if (!body.matches("(0|[1-9][0-9]{0,18})\n")) {
            return -1;
        }
        try {
            return Long.parseLong(body.substring(0, body.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String excerpt(String body) {
        String oneLine = body.replaceAll("[\\r\\n]+", " ").strip();
        return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "…";
    }
}
