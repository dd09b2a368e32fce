package org.stellaops.attestor.http;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.auth.Authenticator;
import org.stellaops.attestor.auth.Credentials;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Tenants;

/**
 * The door of every protected operation: who is calling ({@link Authenticator}), whether the caller holds the
 * scope the operation declares, and whether it is within its rate. Every refusal is an RFC 9457 problem with a
 * stable code, answered before the operation reads its body, and an audit event (throttled per caller, so that a
 * flood of refusals cannot flood the trail).
 */
final class Gate {

    /** The servlet request attribute under which the TLS layer hands over the client certificate chain. */
    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    static final String ANONYMOUS = "anonymous";

    private final Authenticator authenticator;
    private final AttestationService audit;
    private final RateLimiter principals;
    private final RateLimiter failures;

    /**
     * @param authenticator decides who calls
     * @param audit where refusals are recorded
     * @param principals the limiter of authenticated callers, keyed by principal
     * @param failures the limiter of refused callers, keyed by address: a caller that keeps failing is slowed
     *                 down before its credentials are even looked at
     */
    Gate(Authenticator authenticator, AttestationService audit, RateLimiter principals, RateLimiter failures) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.principals = principals;
        this.failures = failures;
    }

    /**
     * Authenticates the request.
     *
     * @return the principal, or null when the request was refused (the response is written)
     */
    Principal authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String address = String.valueOf(request.getRemoteAddr());
        String failureKey = "address:" + address;
        if (failures.wouldRefuse(failureKey)) {
            tooMany(request, response, failures, failureKey, anonymous(request), 1, audit);
            return null;
        }
        AuthResult result = authenticator.authenticate(credentials(request));
        if (result instanceof AuthResult.Authenticated ok) {
            return ok.principal();
        }
        AuthResult.Denied denied = (AuthResult.Denied) result;
        failures.acquire(failureKey);
        record("auth.authenticate", request, denied.code(), denied.detail(), anonymous(request));
        denied.headers().forEach(response::setHeader);
        write(request, response, denied.status(), denied.code(), denied.detail());
        return null;
    }

    /**
     * Checks the scope and the rate of an authenticated caller.
     *
     * @return whether the operation may run (otherwise the response is written)
     */
    boolean authorize(HttpServletRequest request, HttpServletResponse response, Principal principal, Scope scope)
            throws IOException {
        if (!principal.has(scope)) {
            String detail = "this operation needs the scope " + scope.wire();
            record("auth.authorize", request, "auth.insufficient_scope", detail, provenance(request, principal));
            response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\""
                    + scope.wire() + "\"");
            write(request, response, 403, "auth.insufficient_scope", detail);
            return false;
        }
        String key = "principal:" + principal.auditName() + "@" + principal.tenant();
        long retryAfter = principals.acquire(key);
        if (retryAfter > 0) {
            tooMany(request, response, principals, key, provenance(request, principal), retryAfter, audit);
            return false;
        }
        String nonce = authenticator.currentDpopNonce();
        if (nonce != null) {
            response.setHeader("DPoP-Nonce", nonce);
        }
        return true;
    }

    /**
     * @param principal the authenticated caller, or null for anonymous and refused requests
     * @return the provenance of an operation by this caller: the caller's tenant owns what it creates; anonymous
     *         and refused requests belong to the deployment ({@link Tenants#OPERATOR})
     */
    static Provenance provenance(HttpServletRequest request, Principal principal) {
        return new Provenance(request.getMethod() + " " + request.getRequestURI(),
                principal == null ? ANONYMOUS : principal.auditName(), String.valueOf(request.getRemoteAddr()),
                principal == null ? Tenants.OPERATOR : principal.tenant());
    }

    /** @return what the request presents, in the authenticator's terms */
    static Credentials credentials(HttpServletRequest request) {
        List<String> dpop = Collections.list(request.getHeaders("DPoP"));
        Object chain = request.getAttribute(CERTIFICATES);
        List<X509Certificate> certificates = chain instanceof X509Certificate[] array ? List.of(array) : List.of();
        return new Credentials(request.getMethod(), requestUri(request), request.getHeader("Authorization"), dpop,
                certificates, String.valueOf(request.getRemoteAddr()));
    }

    /** @return scheme, host, port and raw path of the request as the client addressed it (DPoP {@code htu}) */
    static URI requestUri(HttpServletRequest request) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create(request.getScheme() + "://" + host + ":" + request.getServerPort()
                + request.getRequestURI());
    }

    /**
     * Answers 429 with {@code Retry-After}, and audits the refusal unless this caller's refusals were audited less
     * than a second ago (the next event counts the ones in between).
     */
    static void tooMany(HttpServletRequest request, HttpServletResponse response, RateLimiter limiter, String key,
            Provenance who, long retryAfterSeconds, AttestationService audit) throws IOException {
        long refusals = limiter.refusalsToAudit(key);
        if (refusals > 0) {
            audit.recordSecurityEvent("auth.rate_limit", request.getMethod() + " " + request.getRequestURI(),
                    "request.rate_limited", refusals + " request(s) over the rate limit", who);
        }
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(request, response, 429, "request.rate_limited", "too many requests; retry after "
                + retryAfterSeconds + " s");
    }

    private void record(String action, HttpServletRequest request, String code, String detail, Provenance who) {
        audit.recordSecurityEvent(action, request.getMethod() + " " + request.getRequestURI(), code, detail, who);
    }

    private static Provenance anonymous(HttpServletRequest request) {
        return provenance(request, null);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
            String detail) throws IOException {
        Map<String, Object> problem = Problems.body(code, status, detail, request.getRequestURI());
        new HttpExchange(request, response, request.getRequestURI(), null).problemBody(problem);
    }
}
