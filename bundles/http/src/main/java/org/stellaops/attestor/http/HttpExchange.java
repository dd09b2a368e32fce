package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.stellaops.attestor.sdk.AttestorException;
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

    HttpExchange(HttpServletRequest request, HttpServletResponse response, String path) {
        this.request = request;
        this.response = response;
        this.path = path;
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
        // Authentication arrives with a later issue; until then every caller is anonymous on loopback.
        return new Provenance(request.getMethod() + " " + request.getRequestURI(), "anonymous",
                String.valueOf(request.getRemoteAddr()));
    }

    /** Reads the JSON body, refusing non-JSON media types and bodies over {@code limit} bytes before parsing. */
    byte[] jsonBody(int limit) throws IOException {
        String type = request.getContentType();
        if (type != null && !isJson(type)) {
            throw new AttestorException("request.unsupported_media_type", "send application/json, not " + type);
        }
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    private static boolean isJson(String contentType) {
        String base = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return base.equals("application/json") || base.endsWith("+json");
    }

    private static AttestorException tooLarge(int limit) {
        return new AttestorException("request.too_large", "the request body exceeds " + limit + " bytes");
    }

    void json(int status, Object body) throws IOException {
        write(status, "application/json", JSON.writeValueAsBytes(body));
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

    private void write(int status, String contentType, byte[] bytes) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

}
