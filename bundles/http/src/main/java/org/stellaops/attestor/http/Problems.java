package org.stellaops.attestor.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.core.service.PolicyInvalidException;
import org.stellaops.attestor.core.service.PredicateRejectedException;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * RFC 9457 problem details with a stable {@code code} member. The HTTP status is derived from the code's family,
 * so a new code in an existing family needs no change here (docs/api.md lists them all). Refusals of the auth
 * bundle ({@code auth.*}) carry their own status (401 or 403), which the Gate passes to {@link #body(String, int,
 * String, String)}: the decision is made once, in the auth bundle. The one {@code auth.*} code of this layer,
 * {@value Tenancy#OPERATOR_ONLY}, is 403.
 */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://stella-ops.org/problems/";
    /** The code of a failure that is a bug. */
    static final String INTERNAL = "internal.error";
    /** The detail of a failure that is a bug: the server log has the rest. */
    static final String UNEXPECTED = "an unexpected error occurred; see the server log";

    /** Key codes that refuse a change because of the key's current state (409). */
    private static final Set<String> CONFLICTS = Set.of("key.name_conflict",
            "key.already_revoked", "key.not_active");
    /** Policy codes that refuse a change because of the policy's current state (409). */
    private static final Set<String> POLICY_CONFLICTS = Set.of("policy.exists", "policy.version_conflict",
            "policy.already_approved", "policy.not_approvable", "policy.not_active");
    /**
     * Key driver codes that mean the driver cannot serve now (503): it is stopped (answered at once, never waited
     * for), did not answer in time, or failed; the request may succeed later unchanged.
     */
    private static final Set<String> DRIVER_OUTAGES = Set.of("key.driver_unavailable",
            "key.driver_timeout", "key.driver_failure");

    private Problems() {
    }

    static int status(String code) {
        if (code.equals("request.rate_limited")) {
            return 429;
        }
        if (code.equals("request.too_large") || code.equals("request.batch_too_large")) {
            return 413;
        }
        if (code.equals("request.unsupported_media_type")) {
            return 415;
        }
        if (code.equals("request.method_not_allowed")) {
            return 405;
        }
        if (code.equals(Tenancy.OPERATOR_ONLY) || code.equals("policy.self_approval")) {
            return 403;
        }
        if (code.equals("policy.unsupported_format")) {
            return 415;
        }
        if (code.endsWith("not_found")) {
            return 404;
        }
        if (code.equals("trust.key_already_revoked") || CONFLICTS.contains(code)
                || POLICY_CONFLICTS.contains(code)) {
            return 409;
        }
        if (code.startsWith("signature.") || code.startsWith("predicate.") || code.equals("policy.invalid")
                || code.equals("policy.simulation_too_large")) {
            return 422;
        }
        if (code.equals("tlog.unavailable") || code.equals("storage.failure") || DRIVER_OUTAGES.contains(code)
                || code.equals("policy.engine_unavailable")) {
            return 503;
        }
        if (code.startsWith("tlog.")) {
            return 502;
        }
        if (code.equals("storage.unsupported")) {
            return 501;
        }
        if (code.startsWith("storage.") || code.equals("internal.error")) {
            return 500;
        }
        return 400;
    }

    static Map<String, Object> body(String code, String detail, String instance) {
        return body(code, status(code), detail, instance);
    }

    /** The problem of a code whose status the caller decides (an authenticator's denial). */
    static Map<String, Object> body(String code, int status, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + code);
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("code", code);
        problem.put("detail", detail == null ? "" : detail);
        problem.put("instance", instance);
        return problem;
    }

    /**
     * The problem of one failed item of a batch, as the same request on its own would have been answered (without
     * {@code instance}: the item is named by its index).
     *
     * @param failure why the item failed
     * @return the problem
     */
    static Map<String, Object> ofItem(RuntimeException failure) {
        String code = codeOf(failure);
        String detail = code.equals(INTERNAL) ? UNEXPECTED : failure.getMessage();
        Map<String, Object> problem = body(code, detail, null);
        problem.remove("instance");
        if (failure instanceof PredicateRejectedException rejected) {
            withErrors(problem, rejected.errors());
        }
        if (failure instanceof PolicyInvalidException invalid) {
            withProblems(problem, invalid.problems());
        }
        return problem;
    }

    /** @return the stable code a failure carries, or {@code internal.error} for anything else (a bug) */
    static String codeOf(RuntimeException failure) {
        if (failure instanceof AttestorException e) {
            return e.code();
        }
        if (failure instanceof StorageException e) {
            return e.code();
        }
        if (failure instanceof KeyDriverException e) {
            return e.code();
        }
        return INTERNAL;
    }

    static Map<String, Object> withErrors(Map<String, Object> problem, List<ValidationError> errors) {
        problem.put("errors", errors.stream()
                .map(e -> Map.of("pointer", e.pointer(), "message", e.message())).toList());
        return problem;
    }

    /** {@code errors:[{pointer,code,message}]}: every problem of a policy document. */
    static Map<String, Object> withProblems(Map<String, Object> problem, List<PolicyInvalidException.Problem> errors) {
        problem.put("errors", errors.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pointer", e.pointer());
            m.put("code", e.code());
            m.put("message", e.message());
            return m;
        }).toList());
        return problem;
    }

    private static String title(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Bad Request";
        };
    }
}
