package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.stellaops.attestor.sdk.http.RequestBodies;

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
            leaveUnread(request.getInputStream(), request.getContentLengthLong(), response);
            send(response, 404, WitnessDecision.TEXT_TYPE, "not found\n");
            lingerIfClosing(request, response);
            return;
        }
        byte[] body = readLimited(request, response);
        if (body == null) {
            send(response, 413, WitnessDecision.TEXT_TYPE, "request body larger than " + maxBodyBytes + " bytes\n");
            lingerIfClosing(request, response);
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

    /** @return the body, or null if it is larger than the limit (what was left of it dropped, or the connection closed) */
    private byte[] readLimited(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long declared = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            if (declared > maxBodyBytes) {
                leaveUnread(in, declared, response);
                return null;
            }
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                leaveUnread(in, -1, response);
                return null;
            }
            return body;
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

    private static void leaveUnread(InputStream in, long declared, HttpServletResponse response) throws IOException {
        if (!RequestBodies.drainDeclared(in, declared)) {
            response.setHeader("Connection", "close");
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
