package org.stellaops.attestor.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.api.keys.KeyMaterial;
import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.core.service.KeyService.CreateKey;
import org.stellaops.attestor.core.service.KeyService.Revocation;
import org.stellaops.attestor.core.service.KeyService.Rotation;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;
import org.stellaops.attestor.store.TrustedKey.RevocationReason;

/**
 * The key registry over HTTP (docs/api.md, "Keys"): listing, creation, rotation, retirement, revocation, import and
 * export of the caller's tenant's keys. Another tenant's key is answered exactly like one that does not exist
 * ({@code 404 key.not_found}). The operator may name its own keys (the service key that signs receipts) with
 * {@code ?owner=service} to read, rotate, retire or revoke them; nobody else may ({@code 403 auth.operator_only}).
 * Passwords travel in and out of {@link KeyService} as characters that are cleared once used, and are never part
 * of an answer.
 */
final class KeyEndpoints {

    /** The query parameter that names the operator's own keys. */
    static final String OWNER = "owner";
    /** The one value of {@link #OWNER}: the operator's own keys (tenant {@link Tenants#OPERATOR}). */
    static final String SERVICE = "service";
    /** Room for every key body (a PEM key is a few KiB). */
    static final int KEY_BODY_BYTES = 64 * 1024;

    private static final String NOT_FOUND = "key.not_found";

    private final KeyService keys;
    private final Tenancy tenancy;
    private final Clock clock;

    KeyEndpoints(KeyService keys, Tenancy tenancy, Clock clock) {
        this.keys = keys;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    List<Route> routes() {
        String version = "/v1/keys/([^/]+)/versions/([^/]+)";
        return List.of(
                Route.of("GET", "/v1/keys", Scope.READ, this::list),
                Route.of("POST", "/v1/keys", Scope.ADMIN, this::create),
                Route.of("POST", "/v1/keys/import", Scope.ADMIN, this::importKey),
                Route.of("GET", "/v1/keys/([^/]+)", Scope.READ, this::show),
                Route.of("POST", "/v1/keys/([^/]+)/rotate", Scope.ADMIN, this::rotate),
                Route.of("POST", version + "/retire", Scope.ADMIN, this::retire),
                Route.of("POST", version + "/revoke", Scope.ADMIN, this::revoke),
                Route.of("POST", version + "/export", Scope.ADMIN, this::export));
    }

    /**
     * Who a key operation acts for.
     *
     * @param tenant the tenant whose keys it reads or changes
     * @param who the provenance, carrying that tenant
     * @param audience how answers are shown
     */
    private record Owner(String tenant, Provenance who, KeyViews.Audience audience) {
    }

    private void list(HttpExchange exchange, List<String> params) throws IOException {
        Owner owner = owner(exchange, true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("drivers", keys.drivers().stream().map(KeyViews::driver).toList());
        body.put("keys", KeyViews.keys(keys.keys(owner.tenant()), owner.audience()));
        exchange.json(200, body);
    }

    private void show(HttpExchange exchange, List<String> params) throws IOException {
        Owner owner = owner(exchange, true);
        exchange.json(200, KeyViews.key(versions(owner.tenant(), params.get(0)), owner.audience()));
    }

    /** A shared key (trusted by every tenant) only from the operator, as for trusted keys. */
    private void create(HttpExchange exchange, List<String> params) throws IOException {
        Owner owner = owner(exchange, false);
        StrictBody body = StrictBody.of(exchange.jsonBody(KEY_BODY_BYTES),
                Set.of("name", "driver", "algorithm", "validFrom", "shared"));
        CreateKey request = new CreateKey(body.text("name"), body.text("driver"), body.algorithm("algorithm"),
                body.time("validFrom"), body.flag("shared"));
        if (request.shared()) {
            tenancy.caller(exchange.principal()).requireOperator("creating a shared key");
        }
        TrustedKey created = keys.create(request, owner.who());
        exchange.json(201, KeyViews.key(List.of(created), owner.audience()));
    }

    private void rotate(HttpExchange exchange, List<String> params) throws IOException {
        Owner owner = owner(exchange, true);
        StrictBody body = StrictBody.of(exchange.jsonBody(KEY_BODY_BYTES),
                Set.of("at", "publicKeyPem", "algorithm", "retirePreviousAt"));
        Rotation rotation = new Rotation(body.time("at"), body.optionalText("publicKeyPem"),
                body.algorithm("algorithm"), body.time("retirePreviousAt"));
        exchange.json(201, KeyViews.version(keys.rotate(params.get(0), rotation, owner.who()), clock.instant()));
    }

    private void retire(HttpExchange exchange, List<String> params) throws IOException {
        Owner owner = owner(exchange, true);
        StrictBody body = StrictBody.of(exchange.jsonBody(KEY_BODY_BYTES), Set.of("at"));
        TrustedKey version = version(owner.tenant(), params.get(0), params.get(1));
        exchange.json(200, KeyViews.version(keys.retire(version.keyId(), body.time("at"), owner.who()),
                clock.instant()));
    }

    private void revoke(HttpExchange exchange, List<String> params) throws IOException {
        Owner owner = owner(exchange, true);
        StrictBody body = StrictBody.of(exchange.jsonBody(KEY_BODY_BYTES), Set.of("reason", "compromisedAt"));
        Revocation revocation = revocation(body);
        TrustedKey version = version(owner.tenant(), params.get(0), params.get(1));
        exchange.json(200, KeyViews.version(keys.revoke(version.keyId(), revocation, owner.who()), clock.instant()));
    }

    private static Revocation revocation(StrictBody body) {
        RevocationReason reason;
        try {
            reason = RevocationReason.of(body.text("reason"));
        } catch (IllegalArgumentException e) {
            throw StrictBody.malformed("\"reason\" must be unspecified, key_compromise, superseded or "
                    + "cessation_of_operation");
        }
        if (body.has("compromisedAt") && reason != RevocationReason.KEY_COMPROMISE) {
            throw StrictBody.malformed("\"compromisedAt\" is only for the reason key_compromise");
        }
        return new Revocation(reason, body.time("compromisedAt"));
    }

    /** The password is cleared whatever happens; it is never quoted, not even in a refusal of the body. */
    private void importKey(HttpExchange exchange, List<String> params) throws IOException {
        Owner owner = owner(exchange, false);
        StrictBody body = StrictBody.ofSecret(exchange.jsonBody(KEY_BODY_BYTES),
                Set.of("name", "driver", "format", "key", "password", "shared"));
        char[] password = body.secret("password");
        try {
            String name = body.text("name");
            String driver = body.text("driver");
            KeyMaterial material = new KeyMaterial(body.text("format"),
                    body.text("key").getBytes(StandardCharsets.UTF_8), password);
            boolean shared = body.flag("shared");
            if (shared) {
                tenancy.caller(exchange.principal()).requireOperator("importing a shared key");
            }
            TrustedKey imported = keys.importKey(name, driver, material, shared, owner.who());
            // cleared before the answer goes out: once the client has it, nothing of the request may linger
            clear(password);
            exchange.json(201, KeyViews.key(List.of(imported), owner.audience()));
        } finally {
            clear(password);
        }
    }

    private void export(HttpExchange exchange, List<String> params) throws IOException {
        Owner owner = owner(exchange, false);
        StrictBody body = StrictBody.ofSecret(exchange.jsonBody(KEY_BODY_BYTES), Set.of("format", "password"));
        char[] password = body.secret("password");
        try {
            String format = body.text("format");
            TrustedKey version = version(owner.tenant(), params.get(0), params.get(1));
            KeyMaterial material = keys.exportKey(version.keyId(), format, password, owner.who());
            material.clearPassword();
            // cleared before the answer goes out: once the client has it, nothing of the request may linger
            clear(password);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("format", material.format());
            answer.put("key", new String(material.bytes(), StandardCharsets.UTF_8));
            exchange.json(200, answer);
        } finally {
            clear(password);
        }
    }

    /**
     * @param ownerTaken whether the operation takes {@code ?owner=service}; no key operation takes any other query
     *                   parameter
     */
    private Owner owner(HttpExchange exchange, boolean ownerTaken) {
        Tenancy.Caller caller = tenancy.caller(exchange.principal());
        QueryParameters q = QueryParameters.of(exchange.queryParameters(), ownerTaken ? Set.of(OWNER) : Set.of());
        Provenance who = exchange.provenance();
        if (!q.has(OWNER)) {
            return new Owner(caller.tenant(), who, new KeyViews.Audience(caller.tenant(), caller.operator(),
                    clock.instant()));
        }
        caller.requireOperator("?owner=service (the operator's own keys)");
        if (!SERVICE.equals(q.text(OWNER))) {
            throw QueryParameters.invalid(OWNER, "the only owner is " + SERVICE + ": the operator's own keys");
        }
        return new Owner(Tenants.OPERATOR, new Provenance(who.api(), who.principal(), who.remoteAddress(),
                Tenants.OPERATOR), new KeyViews.Audience(Tenants.OPERATOR, true, clock.instant()));
    }

    /** @return the tenant's own versions of the key, oldest first; none is 404, as for another tenant's key */
    private List<TrustedKey> versions(String tenant, String name) {
        List<TrustedKey> versions = keys.versions(tenant, name);
        if (versions.isEmpty()) {
            throw new AttestorException(NOT_FOUND, "no key named '" + name + "'");
        }
        return versions;
    }

    /** @return the tenant's own version of that key with that id; a version of another key is 404 too */
    private TrustedKey version(String tenant, String name, String keyId) {
        String id = keyId.toLowerCase(Locale.ROOT);
        return keys.versions(tenant, name).stream().filter(k -> k.keyId().equals(id)).findFirst()
                .orElseThrow(() -> new AttestorException(NOT_FOUND, "no version " + id + " of a key named '"
                        + name + "'"));
    }

    private static void clear(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
