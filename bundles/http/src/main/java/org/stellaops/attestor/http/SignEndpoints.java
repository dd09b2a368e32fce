package org.stellaops.attestor.http;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.core.service.KeyService.SignRequest;
import org.stellaops.attestor.core.service.KeyService.Signed;
import org.stellaops.attestor.sdk.encoding.StrictBase64;
import org.stellaops.attestor.sdk.json.Jcs;

/**
 * Signing with the service's keys (docs/api.md, "Keys"): a server-side signature with a driver key, and the two-step
 * browser ceremonies of a security key — registering one, and approving one signature. Every operation acts for
 * the caller's tenant and principal: only the principal who started a ceremony finishes it. A signature asked to be
 * submitted is answered as {@code POST /api/v1/rekor/entries} answers the envelope, plus the envelope.
 */
final class SignEndpoints {

    private static final Set<String> SIGN_MEMBERS = Set.of("key", "statement", "payload", "payloadType", "submit");

    private final KeyService keys;
    private final Tenancy tenancy;
    private final Clock clock;
    private final int maxBodyBytes;

    /**
     * @param maxBodyBytes the largest sign request: a statement or payload as large as a submission, plus room
     */
    SignEndpoints(KeyService keys, Tenancy tenancy, Clock clock, int maxBodyBytes) {
        this.keys = keys;
        this.tenancy = tenancy;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    List<Route> routes() {
        return List.of(
                Route.of("POST", "/v1/sign", Scope.WRITE, this::sign),
                Route.of("POST", "/v1/sign/ceremonies", Scope.WRITE, this::startSigning),
                Route.of("POST", "/v1/sign/ceremonies/([^/]+)", Scope.WRITE, this::finishSigning),
                Route.of("POST", "/v1/keys/registrations", Scope.WRITE, this::startRegistration),
                Route.of("POST", "/v1/keys/registrations/([^/]+)", Scope.WRITE, this::finishRegistration));
    }

    private void sign(HttpExchange exchange, List<String> params) throws IOException {
        SignRequest request = signRequest(body(exchange, maxBodyBytes, SIGN_MEMBERS));
        answer(exchange, keys.sign(request, exchange.provenance()));
    }

    private void startSigning(HttpExchange exchange, List<String> params) throws IOException {
        SignRequest request = signRequest(body(exchange, maxBodyBytes, SIGN_MEMBERS));
        exchange.json(201, KeyViews.ceremony(keys.startSigning(request, exchange.provenance())));
    }

    private void finishSigning(HttpExchange exchange, List<String> params) throws IOException {
        StrictBody body = body(exchange, KeyEndpoints.KEY_BODY_BYTES, Set.of("credential"));
        answer(exchange, keys.finishSigning(params.get(0), body.objectText("credential"), exchange.provenance()));
    }

    private void startRegistration(HttpExchange exchange, List<String> params) throws IOException {
        StrictBody body = body(exchange, KeyEndpoints.KEY_BODY_BYTES, Set.of("driver", "name"));
        exchange.json(201, KeyViews.ceremony(keys.startRegistration(body.text("driver"), body.text("name"),
                exchange.provenance())));
    }

    private void finishRegistration(HttpExchange exchange, List<String> params) throws IOException {
        StrictBody body = body(exchange, KeyEndpoints.KEY_BODY_BYTES, Set.of("driver", "credential"));
        var key = keys.finishRegistration(body.text("driver"), params.get(0), body.objectText("credential"),
                exchange.provenance());
        Tenancy.Caller caller = tenancy.caller(exchange.principal());
        exchange.json(201, KeyViews.key(List.of(key), new KeyViews.Audience(caller.tenant(), caller.operator(),
                clock.instant())));
    }

    /** No signing operation takes a query parameter. */
    private static StrictBody body(HttpExchange exchange, int limit, Set<String> members) throws IOException {
        QueryParameters.of(exchange.queryParameters(), Set.of());
        return StrictBody.of(exchange.jsonBody(limit), members);
    }

    /** The payload is the statement's RFC 8785 form, or the exact bytes of a base64 payload. */
    private static SignRequest signRequest(StrictBody body) {
        String key = body.text("key");
        JsonNode statement = body.object("statement");
        String payload = body.optionalText("payload");
        if ((statement == null) == (payload == null)) {
            throw StrictBody.malformed("send exactly one of \"statement\" (a JSON object) or \"payload\" (base64)");
        }
        byte[] bytes;
        if (statement != null) {
            bytes = Jcs.canonicalize(statement);
        } else {
            try {
                bytes = StrictBase64.decode(payload);
            } catch (IllegalArgumentException e) {
                throw StrictBody.malformed("\"payload\" is not base64: " + e.getMessage());
            }
        }
        String payloadType = body.optionalText("payloadType");
        return new SignRequest(key, payloadType == null ? Envelope.IN_TOTO_PAYLOAD_TYPE : payloadType, bytes,
                body.flag("submit"));
    }

    private static void answer(HttpExchange exchange, Signed signed) throws IOException {
        Map<String, Object> view = KeyViews.signed(signed);
        if (signed.submission() == null) {
            exchange.json(200, view);
        } else {
            ApiServlet.answerSubmission(exchange, signed.submission(), view);
        }
    }
}
