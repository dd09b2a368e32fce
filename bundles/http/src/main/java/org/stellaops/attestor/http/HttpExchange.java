package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.http.RequestBodies;
import org.stellaops.attestor.store.Provenance;

/**
 * One request/response pair with the helpers every endpoint needs: a bounded body read, JSON and problem
 * responses, and the provenance of the caller.
 */
final class HttpExchange {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String path;
    private final Principal principal;
    /** Whether the body was read to its end or deliberately left (with the connection then closed). */
    private boolean bodySettled;

    /**
     * @param principal the authenticated caller, or null for unauthenticated endpoints and refusals
     */
    HttpExchange(HttpServletRequest request, HttpServletResponse response, String path, Principal principal) {
        this.request = request;
        this.response = response;
        this.path = path;
        this.principal = principal;
    }

    HttpServletRequest request() {
        return request;
    }

    HttpServletResponse response() {
        return response;
    }

    /** @return the authenticated caller, or null */
    Principal principal() {
        return principal;
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        return path;
    }

    /** @return the query parameter, or null */
    String query(String name) {
        return request.getParameter(name);
    }

    Provenance provenance() {
        return Gate.provenance(request, principal);
    }

    /** Reads the JSON body, refusing non-JSON media types and bodies over {@code limit} bytes before parsing. */
    byte[] jsonBody(int limit) throws IOException {
        String type = request.getContentType();
        if (type != null && !isJson(type)) {
            throw new AttestorException("request.unsupported_media_type", "send application/json, not " + type);
        }
        return body(limit);
    }

    /** Reads the body whatever its media type, refusing bodies over {@code limit} bytes. */
    byte[] body(int limit) throws IOException {
        refuseDeclaredOver(limit);
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                leaveUnread(in, -1);
                throw tooLarge(limit);
            }
            bodySettled = true;
            return body;
        }
    }

    /**
     * The body as a stream, after refusing a declared length over {@code limit}; the reader must bound what it
     * reads itself (a chunked body declares nothing).
     */
    InputStream bodyStream(long limit) throws IOException {
        refuseDeclaredOver(limit);
        return request.getInputStream();
    }

    private void refuseDeclaredOver(long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            leaveUnread(request.getInputStream(), declared);
            throw tooLarge(limit);
        }
    }

    /**
     * Drops what the endpoint left of the body, so that the connection can carry the client's next request; a
     * remainder too large to drop closes the connection instead (see {@link RequestBodies}).
     */
    private void leaveUnread(InputStream in, long declared) throws IOException {
        if (!RequestBodies.drainDeclared(in, declared)) {
            response.setHeader("Connection", "close");
        }
        bodySettled = true;
    }

    /** @return the request's media type without parameters, lowercase, or null if none was sent */
    String mediaType() {
        String type = request.getContentType();
        return type == null ? null : baseType(type);
    }

    /** @return whether the Accept header names this media type (exactly, and not with q=0) */
    boolean accepts(String mediaType) {
        return accepts(request.getHeader("Accept"), mediaType);
    }

    /**
     * @param accept an Accept header, or null
     * @param mediaType a media type without parameters, lowercase
     * @return whether the header names it exactly (wildcards do not count: they accept the default) and not with
     *         {@code q=0}
     */
    static boolean accepts(String accept, String mediaType) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (baseType(parts[0]).equals(mediaType) && !refused(parts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String p = parameters[i].replace(" ", "").toLowerCase(java.util.Locale.ROOT);
            if (p.matches("q=0(\\.0{0,3})?")) {
                return true;
            }
        }
        return false;
    }

    private static String baseType(String contentType) {
        return contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return every query parameter with all its values */
    java.util.Map<String, String[]> queryParameters() {
        return request.getParameterMap();
    }

    static boolean isJson(String contentType) {
        String base = baseType(contentType);
        return base.equals("application/json") || base.endsWith("+json");
    }

    private static AttestorException tooLarge(long limit) {
        return new AttestorException("request.too_large", "the request body exceeds " + limit + " bytes");
    }

    void json(int status, Object body) throws IOException {
        write(status, "application/json", JSON.writeValueAsBytes(body));
    }

    /** Answers bytes of the given media type (UTF-8 text of a JSON-based type, say), not sniffable, not cached. */
    void send(int status, String contentType, byte[] body) throws IOException {
        write(status, contentType, body);
    }

    void text(int status, String body) throws IOException {
        write(status, "text/plain; charset=utf-8", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void problem(String code, String detail) throws IOException {
        problemBody(Problems.body(code, detail, request.getRequestURI()));
    }

    void problemBody(java.util.Map<String, Object> problem) throws IOException {
        write((Integer) problem.get("status"), Problems.CONTENT_TYPE, JSON.writeValueAsBytes(problem));
    }

    void header(String name, String value) {
        response.setHeader(name, value);
    }

    /**
     * Starts a streamed NDJSON answer: the status and headers go out with the first flush, so nothing may fail
     * the request as a whole after this.
     *
     * @param status the HTTP status
     * @return where to write the lines
     */
    NdjsonWriter ndjson(int status) throws IOException {
        response.setStatus(status);
        response.setContentType(NdjsonWriter.CONTENT_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        return new NdjsonWriter(response.getOutputStream());
    }

    private void write(int status, String contentType, byte[] bytes) throws IOException {
        if (!bodySettled) {
            leaveUnread(request.getInputStream(), request.getContentLengthLong());
        }
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
        if ("close".equals(response.getHeader("Connection"))) {
            // the body was left with more unread than may be dropped: see RequestBodies
            RequestBodies.linger(request.getInputStream());
        }
    }

}
