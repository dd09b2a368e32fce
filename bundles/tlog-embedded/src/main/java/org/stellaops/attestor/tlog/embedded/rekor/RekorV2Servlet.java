package org.stellaops.attestor.tlog.embedded.rekor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.http.RequestBodies;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.tlog.embedded.EmbeddedLog;
import org.stellaops.attestor.tlog.embedded.LogPushbackException;
import org.stellaops.attestor.tlog.embedded.Submission;

/**
 * The Rekor v2 write API ({@code POST /api/v2/log/entries}, rekor-tiles {@code CreateEntry} over HTTP) on the
 * embedded log, with rekor-tiles' statuses and gRPC-gateway error bodies:
 * <ul>
 * <li>201 + TransparencyLogEntry once a checkpoint covering the new entry is published (the proof is checked
 * against that checkpoint first);</li>
 * <li>409 + {@code x-log-index} when the same canonical entry is already logged;</li>
 * <li>400 (code 3) for a request that is not JSON, too large, not a valid hashedrekord v0.0.2 (DSSE requests
 * included), of an algorithm Rekor v2 refuses (pure Ed25519, RSA-PSS) or whose signature does not verify over the
 * digest. An oversized body is a 400 as in rekor-tiles, whose size limit surfaces as a body decoding error
 * (INVALID_ARGUMENT), not as 413;</li>
 * <li>503 (code 14) on pushback, 500 (code 2) when the log cannot integrate, 504 (code 4) after the timeout,
 * 405 for other methods and for a frozen log (with rekor-tiles' plain-text message).</li>
 * </ul>
 * The request thread is released while the entry waits for its checkpoint (asynchronous servlet).
 */
public class RekorV2Servlet extends HttpServlet {

    /** What became of a request; every request is counted under exactly one. */
    public enum Outcome {
        /** 201: a new entry. */
        CREATED,
        /** 409: the entry was already logged. */
        DUPLICATE,
        /** 400: not a valid or acceptable hashedrekord request. */
        INVALID,
        /** 400: body larger than the limit. */
        TOO_LARGE,
        /** 400: not {@code application/json}. */
        WRONG_CONTENT_TYPE,
        /** 405: not POST. */
        WRONG_METHOD,
        /** 405: the log is frozen. */
        FROZEN,
        /** 503: too many submissions waiting. */
        PUSHBACK,
        /** 500: the log could not integrate the entry, or its proof did not verify. */
        FAILED,
        /** 504: no checkpoint covered the entry in time. */
        TIMEOUT
    }

    /** rekor-tiles' read-only answer, verbatim. */
    static final String FROZEN_MESSAGE = "This log has been frozen, please switch to the latest log.\n";
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(RekorV2Servlet.class.getName());
    private static final int INVALID_ARGUMENT = 3;
    private static final int UNKNOWN = 2;
    private static final int DEADLINE_EXCEEDED = 4;
    private static final int ALREADY_EXISTS = 6;
    private static final int UNIMPLEMENTED = 12;
    private static final int UNAVAILABLE = 14;

    private final transient EmbeddedLog log;
    private final transient ProofSelfCheck selfCheck;
    private final int maxRequestBytes;
    private final long timeoutMillis;
    private final transient Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

    /**
     * @param log the log to append to
     * @param maxRequestBytes largest accepted body (rekor-tiles default 4 MiB)
     * @param timeoutMillis how long a request may wait for its checkpoint (rekor-tiles default 20 s)
     */
    public RekorV2Servlet(EmbeddedLog log, int maxRequestBytes, long timeoutMillis) {
        if (maxRequestBytes < 1 || timeoutMillis < 1) {
            throw new IllegalArgumentException("rekorV2MaxRequestBytes and the timeout must be positive");
        }
        this.log = log;
        this.selfCheck = new ProofSelfCheck(log.descriptor());
        this.maxRequestBytes = maxRequestBytes;
        this.timeoutMillis = timeoutMillis;
        for (Outcome o : Outcome.values()) {
            counts.put(o, new LongAdder());
        }
    }

    /** @return how many requests ended in each outcome since the servlet started */
    public Map<Outcome, Long> counts() {
        Map<Outcome, Long> snapshot = new EnumMap<>(Outcome.class);
        counts.forEach((o, n) -> snapshot.put(o, n.sum()));
        return snapshot;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            error(response, Outcome.WRONG_METHOD, HttpServletResponse.SC_METHOD_NOT_ALLOWED, UNIMPLEMENTED,
                    "method " + request.getMethod() + " not allowed; entries are created with POST");
            return;
        }
        HashedRekordRequest entry = accept(request, response);
        if (entry == null) {
            lingerIfClosing(request, response);
            return;
        }
        AsyncContext async = request.startAsync();
        // Our own timeout below answers 504; the container's must not fire first and dispatch an error page.
        async.setTimeout(0);
        CompletableFuture<Submission> pending = log.append(entry).toCompletableFuture().copy()
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        // Completion runs on the log's completer thread: hand the response to a container thread.
        pending.whenComplete((submission, failure) -> {
            try {
                async.start(() -> finish(async, submission, failure));
            } catch (IllegalStateException e) {
                // The container already ended the exchange (server stopping); nobody is left to answer.
                LOG.log(Level.WARNING, "could not answer a Rekor v2 request: the exchange is gone", e);
            }
        });
    }

    /**
     * The checks rekor-tiles makes before it touches the log, in its order (frozen first).
     *
     * @return the request to log, or null if it was refused (the response is then sent)
     */
    private HashedRekordRequest accept(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (log.readOnly()) {
            leaveUnread(request, response);
            counts.get(Outcome.FROZEN).increment();
            send(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
                    FROZEN_MESSAGE.getBytes(StandardCharsets.UTF_8));
            return null;
        }
        if (!isJson(request.getContentType())) {
            leaveUnread(request, response);
            error(response, Outcome.WRONG_CONTENT_TYPE, HttpServletResponse.SC_BAD_REQUEST, INVALID_ARGUMENT,
                    "invalid content type " + request.getContentType() + ": expected application/json");
            return null;
        }
        byte[] body = readBody(request, response);
        if (body == null) {
            error(response, Outcome.TOO_LARGE, HttpServletResponse.SC_BAD_REQUEST, INVALID_ARGUMENT,
                    "request body too large: the limit is " + maxRequestBytes + " bytes");
            return null;
        }
        try {
            HashedRekordRequest entry = RekorV2.parseRequest(body, new JsonLimits(maxRequestBytes, JsonLimits.DEFAULT.maxDepth()));
            RekorV2.checkAcceptable(entry);
            return entry;
        } catch (AttestorException e) {
            error(response, Outcome.INVALID, HttpServletResponse.SC_BAD_REQUEST, INVALID_ARGUMENT,
                    "invalid hashedrekord request: " + e.getMessage());
            return null;
        }
    }

    private void finish(AsyncContext async, Submission submission, Throwable failure) {
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        try {
            if (failure != null) {
                failed(response, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            } else if (!submission.fresh()) {
                long index = submission.entry().logIndex();
                response.setHeader("x-log-index", Long.toString(index));
                error(response, Outcome.DUPLICATE, HttpServletResponse.SC_CONFLICT, ALREADY_EXISTS,
                        "an equivalent entry already exists in the transparency log with index " + index);
            } else {
                created(response, submission);
            }
        } catch (IOException e) {
            // The client went away while the entry was integrated; the entry is logged, a retry gets 409.
            LOG.log(Level.DEBUG, "could not send the Rekor v2 response", e);
        } finally {
            async.complete();
        }
    }

    private void created(HttpServletResponse response, Submission submission) throws IOException {
        try {
            selfCheck.verify(submission.entry());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the inclusion proof of entry " + submission.entry().logIndex()
                    + " does not verify against its checkpoint", e);
            error(response, Outcome.FAILED, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, UNKNOWN, "failed to integrate entry");
            return;
        }
        counts.get(Outcome.CREATED).increment();
        send(response, HttpServletResponse.SC_CREATED, "application/json",
                RekorV2.entryJson(submission.entry(), log.logKeyId()));
    }

    private void failed(HttpServletResponse response, Throwable failure) throws IOException {
        if (failure instanceof LogPushbackException) {
            error(response, Outcome.PUSHBACK, HttpServletResponse.SC_SERVICE_UNAVAILABLE, UNAVAILABLE, "reached max pushback; retry");
        } else if (failure instanceof TimeoutException) {
            error(response, Outcome.TIMEOUT, HttpServletResponse.SC_GATEWAY_TIMEOUT, DEADLINE_EXCEEDED,
                    "no checkpoint covered the entry within " + timeoutMillis + " ms; retry to learn its index");
        } else if (failure instanceof TransparencyLogException t && TransparencyLogException.REJECTED.equals(t.code())) {
            error(response, Outcome.INVALID, HttpServletResponse.SC_BAD_REQUEST, INVALID_ARGUMENT,
                    "invalid hashedrekord request: " + t.getMessage());
        } else {
            LOG.log(Level.WARNING, "failed to integrate a Rekor v2 entry", failure);
            error(response, Outcome.FAILED, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, UNKNOWN, "failed to integrate entry");
        }
    }

    /**
     * After an answer that closes the connection with body left unread, sends the answer and lingers, so that a
     * client still sending reads it rather than a reset (see {@link RequestBodies}).
     */
    private static void lingerIfClosing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("close".equals(response.getHeader("Connection"))) {
            response.flushBuffer();
            RequestBodies.linger(request.getInputStream());
        }
    }

    /** Drops a body the refusal does not read, or marks the connection for closing when it is too large to drop. */
    private static void leaveUnread(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!RequestBodies.drainDeclared(request.getInputStream(), request.getContentLengthLong())) {
            response.setHeader("Connection", "close");
        }
    }

    /**
     * @return the body, or null if it is larger than the limit; a body at most {@link RequestBodies#DRAIN_LIMIT}
     *         over it is read to the end and dropped, so that its client receives the 400 (a larger one is cut off
     *         and its connection closed)
     */
    private byte[] readBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxRequestBytes) {
            if (declared - maxRequestBytes > RequestBodies.DRAIN_LIMIT
                    || !RequestBodies.drain(request.getInputStream(), declared)) {
                response.setHeader("Connection", "close");
            }
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxRequestBytes) {
                    if (!RequestBodies.drain(in, RequestBodies.DRAIN_LIMIT)) {
                        response.setHeader("Connection", "close");
                    }
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return media.equalsIgnoreCase("application/json");
    }

    private void error(HttpServletResponse response, Outcome outcome, int status, int grpcCode, String message)
            throws IOException {
        counts.get(outcome).increment();
        send(response, status, "application/json", RekorV2.errorJson(grpcCode, message).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServletResponse response, int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setHeader("Content-Type", type);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
