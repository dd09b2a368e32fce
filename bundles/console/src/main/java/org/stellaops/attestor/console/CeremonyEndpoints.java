package org.stellaops.attestor.console;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.core.service.KeyService.SignRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.store.Provenance;

/**
 * The JSON endpoints behind the Security keys page, under the plugin's path: the two steps of registering a FIDO2
 * security key and the two steps of signing an in-toto statement with one (docs/fido2-signatures.md). They call the
 * key service in-process for the console user ({@code console:<user>}) in the tenant the page acts for, so the key
 * service writes the audit events of every ceremony step. A request that is not the page's own
 * ({@link SameOriginGuard}) is refused with 403 {@value #CROSS_ORIGIN} and audited as a security event.
 *
 * <pre>
 * POST …/registrations       {"tenant"?, "driver", "name"}             → 201 {ceremonyId, options, expiresAt}
 * POST …/registrations/{id}  {"tenant"?, "driver", "credential"}       → 201 {name, version, keyId, …}
 * POST …/signatures          {"tenant"?, "key", "statement", "submit"?} → 201 {ceremonyId, options, expiresAt}
 * POST …/signatures/{id}     {"tenant"?, "credential"}                 → 200 {envelope, keyId, version, submission}
 * </pre>
 * {@code statement} is the pasted JSON text (a string); the payload is its RFC 8785 form.
 * Refusals are {@code {"status", "code", "detail"}} with the key API's codes and statuses.
 */
final class CeremonyEndpoints {

    /** The outcome of a refused cross-origin (or foreign) request. */
    static final String CROSS_ORIGIN = "auth.console_cross_origin";
    /** The audit action of refused requests. */
    static final String ACTION = "console.security_keys";
    /** A statement as large as a submission may be, plus room for the other members. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024 + 64 * 1024;

    private static final Pattern ROUTE = Pattern.compile("/(registrations|signatures)(?:/([A-Za-z0-9_-]{1,128}))?");
    private static final Set<String> START_REGISTRATION = Set.of("tenant", "driver", "name");
    private static final Set<String> FINISH_REGISTRATION = Set.of("tenant", "driver", "credential");
    private static final Set<String> START_SIGNING = Set.of("tenant", "key", "statement", "submit");
    private static final Set<String> FINISH_SIGNING = Set.of("tenant", "credential");

    private final KeyService keys;
    private final AttestationService audit;
    private final ConsoleScope scope;
    private final Clock clock;

    CeremonyEndpoints(KeyService keys, AttestationService audit, ConsoleScope scope, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.scope = scope;
        this.clock = clock;
    }

    /**
     * Answers one POST.
     *
     * @param request the request
     * @param response the response
     * @param route the path below the plugin, e.g. {@code /registrations}
     * @param user the console user
     */
    void handle(HttpServletRequest request, HttpServletResponse response, String route, String user)
            throws IOException {
        String address = String.valueOf(request.getRemoteAddr());
        String target = "POST " + request.getRequestURI();
        String refusal = SameOriginGuard.refusal(request);
        if (refusal != null) {
            audit.recordSecurityEvent(ACTION, target, CROSS_ORIGIN, refusal,
                    new Provenance("console", principal(user), address, scope.provenanceTenant()));
            answer(response, 403, problem(403, CROSS_ORIGIN, refusal));
            return;
        }
        Matcher matcher = ROUTE.matcher(route == null ? "" : route);
        if (!matcher.matches()) {
            answer(response, 404, problem(404, "request.not_found", "no such operation: " + target));
            return;
        }
        try {
            boolean registration = matcher.group(1).equals("registrations");
            String ceremonyId = matcher.group(2);
            Context context = new Context(request, "console " + target, principal(user), address);
            if (registration) {
                register(context, ceremonyId, response);
            } else {
                sign(context, ceremonyId, response);
            }
        } catch (AttestorException e) {
            answer(response, status(e.code()), problem(status(e.code()), e.code(), e.getMessage()));
        } catch (KeyDriverException e) {
            answer(response, status(e.code()), problem(status(e.code()), e.code(), e.getMessage()));
        }
    }

    /** @return the principal of the console user: never mistaken for an API principal ({@code issuer#subject}) */
    static String principal(String user) {
        return "console:" + user;
    }

    /** What one request acts with: its body stream, and the provenance once the body named the tenant. */
    private record Context(HttpServletRequest request, String api, String principal, String address) {
        JsonBody body(Set<String> members) throws IOException {
            return JsonBody.read(request.getInputStream(), MAX_BODY_BYTES, members);
        }
    }

    private void register(Context context, String ceremonyId, HttpServletResponse response) throws IOException {
        if (ceremonyId == null) {
            JsonBody body = context.body(START_REGISTRATION);
            answer(response, 201, CeremonyViews.ceremony(keys.startRegistration(body.text("driver"),
                    body.text("name"), who(context, body))));
        } else {
            JsonBody body = context.body(FINISH_REGISTRATION);
            answer(response, 201, CeremonyViews.key(keys.finishRegistration(body.text("driver"), ceremonyId,
                    body.objectText("credential"), who(context, body)), clock.instant()));
        }
    }

    private void sign(Context context, String ceremonyId, HttpServletResponse response) throws IOException {
        if (ceremonyId == null) {
            JsonBody body = context.body(START_SIGNING);
            // the payload is the statement's RFC 8785 form, as POST /api/v1/sign makes it
            byte[] payload = Jcs.canonicalize(JsonBody.parseObject(body.text("statement"), "the statement"));
            SignRequest request = new SignRequest(body.text("key"), Envelope.IN_TOTO_PAYLOAD_TYPE, payload,
                    body.flag("submit"));
            answer(response, 201, CeremonyViews.ceremony(keys.startSigning(request, who(context, body))));
        } else {
            JsonBody body = context.body(FINISH_SIGNING);
            answer(response, 200, CeremonyViews.signed(keys.finishSigning(ceremonyId, body.objectText("credential"),
                    who(context, body))));
        }
    }

    /** @return the provenance of the console user in the tenant the page acts for */
    private Provenance who(Context context, JsonBody body) {
        ConsoleScope.Selection selection = scope.select(body.optionalText("tenant"));
        if (selection.error() != null) {
            throw new AttestorException("request.invalid", selection.error());
        }
        if (selection.tenant() == null) {
            throw new AttestorException("request.invalid", "choose the tenant the security keys belong to "
                    + "(\"tenant\"): the operator's own keys verify no tenant's attestations");
        }
        return new Provenance(context.api(), context.principal(), context.address(), selection.tenant());
    }

    /** The key API's statuses (docs/api.md, error codes). */
    static int status(String code) {
        if (code.endsWith("not_found")) {
            return 404;
        }
        if (Set.of("key.name_conflict", "key.already_revoked", "key.not_active").contains(code)) {
            return 409;
        }
        if (code.startsWith("signature.") || code.startsWith("predicate.")) {
            return 422;
        }
        if (code.equals("request.too_large")) {
            return 413;
        }
        if (code.equals("tlog.unavailable") || code.equals("storage.failure") || code.startsWith("key.driver_")) {
            return 503;
        }
        if (code.startsWith("storage.")) {
            return 500;
        }
        return 400;
    }

    private static Map<String, Object> problem(int status, String code, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("code", code);
        m.put("detail", detail == null ? "" : detail);
        return m;
    }

    private static void answer(HttpServletResponse response, int status, Map<String, Object> body)
            throws IOException {
        byte[] bytes = StrictJson.mapper().writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }
}
