package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The witness over HTTP, mounted at {@code /witness/*}: {@code POST add-checkpoint} (submission prefix),
 * {@code GET <hex SHA-256(origin)>/checkpoint} (monitoring prefix, 404 if never cosigned) and {@code GET key} (the
 * witness's verifier key). A disabled witness answers 404 everywhere.
 */
public class WitnessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String ADD_CHECKPOINT = "/add-checkpoint";
    private static final String KEY = "/key";
    private static final String CHECKPOINT_SUFFIX = "/checkpoint";

    private final transient Witness witness;
    /** Most bytes read and dropped so that an oversized request still receives its 413. */
    private static final long DRAIN_LIMIT = 1L << 20;
    private final int maxBodyBytes;

    /**
     * @param witness the witness, or null when it is disabled
     * @param maxBodyBytes largest accepted request body
     */
    WitnessServlet(Witness witness, int maxBodyBytes) {
        this.witness = witness;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (witness == null || !ADD_CHECKPOINT.equals(request.getPathInfo())) {
            send(response, 404, WitnessDecision.TEXT_TYPE, "not found\n");
            return;
        }
        byte[] body = readLimited(request);
        if (body == null) {
            send(response, 413, WitnessDecision.TEXT_TYPE, "request body larger than " + maxBodyBytes + " bytes\n");
            return;
        }
        WitnessDecision decision = witness.addCheckpoint(body);
        send(response, decision.status(), decision.contentType(), decision.body());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (witness == null || path == null) {
            send(response, 404, WitnessDecision.TEXT_TYPE, "not found\n");
        } else if (KEY.equals(path)) {
            send(response, 200, WitnessDecision.TEXT_TYPE, witness.vkey() + "\n");
        } else if (ADD_CHECKPOINT.equals(path)) {
            response.setHeader("Allow", "POST");
            send(response, 405, WitnessDecision.TEXT_TYPE, "use POST\n");
        } else if (path.startsWith("/") && path.endsWith(CHECKPOINT_SUFFIX)) {
            Optional<String> note = witness.latestCosigned(path.substring(1, path.length() - CHECKPOINT_SUFFIX.length()));
            if (note.isPresent()) {
                send(response, 200, WitnessDecision.TEXT_TYPE, note.get());
            } else {
                send(response, 404, WitnessDecision.TEXT_TYPE, "never cosigned\n");
            }
        } else {
            send(response, 404, WitnessDecision.TEXT_TYPE, "not found\n");
        }
    }

    /** @return the body, or null if it is larger than the limit */
    private byte[] readLimited(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            if (declared > maxBodyBytes) {
                discardUpTo(in, declared);
                return null;
            }
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                discardUpTo(in, DRAIN_LIMIT);
                return null;
            }
            return body;
        }
    }

    /*
     * A 413 sent while the client is still writing makes the server close a socket with unread
     * bytes, which resets the connection before the client reads the answer. Reading (and
     * dropping) a bounded remainder lets a modestly oversized request see its 413; anything
     * larger than DRAIN_LIMIT is cut off, because draining it would be the work we refuse to do.
     */
    private static void discardUpTo(InputStream in, long declared) throws IOException {
        if (declared > DRAIN_LIMIT) {
            return;
        }
        byte[] sink = new byte[8192];
        long drained = 0;
        int n;
        while (drained <= DRAIN_LIMIT && (n = in.read(sink)) > 0) {
            drained += n;
        }
    }

    private static void send(HttpServletResponse response, int status, String type, String text) throws IOException {
        send(response, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServletResponse response, int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setHeader("Content-Type", type);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
