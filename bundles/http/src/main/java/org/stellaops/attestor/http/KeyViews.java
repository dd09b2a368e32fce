package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.core.service.KeyService.DriverStatus;
import org.stellaops.attestor.core.service.KeyService.Signed;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The JSON shapes of the key API (docs/api.md, "Keys"), member by member. A key version shows its public key and
 * its lifecycle, never private material, and its {@code state} as of the request.
 */
final class KeyViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyViews() {
    }

    /**
     * One listing of keys and drivers for one caller.
     *
     * @param tenant the tenant the listing is for (the caller's, or the operator's own {@code ""})
     * @param operator whether the caller is the operator, who alone is shown whose a key is
     * @param now the time the states are computed at
     */
    record Audience(String tenant, boolean operator, Instant now) {
    }

    static Map<String, Object> driver(DriverStatus d) {
        KeyDriverCapabilities c = d.capabilities();
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("algorithms", c.algorithms().stream().map(Enum::name).sorted().toList());
        capabilities.put("exportable", c.exportable());
        capabilities.put("hardwareBacked", c.hardwareBacked());
        capabilities.put("humanPresence", c.humanPresence());
        capabilities.put("importFormats", c.importFormats().stream().sorted().toList());
        capabilities.put("exportFormats", c.exportFormats().stream().sorted().toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("capabilities", capabilities);
        m.put("ceremonies", d.ceremonies());
        return m;
    }

    /**
     * @param versions key versions of any keys, in any order
     * @return one entry per key (its owning tenant and name), by name (the audience's own key before a shared key
     *         of the same name), each with its versions oldest first
     */
    static List<Map<String, Object>> keys(Collection<TrustedKey> versions, Audience audience) {
        Map<List<String>, List<TrustedKey>> byKey = new LinkedHashMap<>();
        versions.stream().sorted(Comparator.comparing(TrustedKey::name)
                        .thenComparing(k -> !k.tenant().equals(audience.tenant()))
                        .thenComparing(TrustedKey::tenant)
                        .thenComparingInt(TrustedKey::version))
                .forEach(k -> byKey.computeIfAbsent(List.of(k.tenant(), k.name()), x -> new ArrayList<>()).add(k));
        return byKey.values().stream().map(key -> key(key, audience)).toList();
    }

    /**
     * @param versions the versions of one key, oldest first (not empty)
     * @return {@code {name, own, tenant (operator only), versions}}
     */
    static Map<String, Object> key(List<TrustedKey> versions, Audience audience) {
        TrustedKey first = versions.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", first.name());
        m.put("own", first.tenant().equals(audience.tenant()));
        if (audience.operator()) {
            m.put("tenant", first.tenant());
        }
        m.put("versions", versions.stream().map(v -> version(v, audience.now())).toList());
        return m;
    }

    static Map<String, Object> version(TrustedKey k, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keyId", k.keyId());
        m.put("name", k.name());
        m.put("version", k.version());
        m.put("algorithm", k.algorithm().name());
        m.put("state", k.state(now).name().toLowerCase(Locale.ROOT));
        m.put("validFrom", text(k.validFrom()));
        m.put("retiredAt", text(k.retiredAt()));
        m.put("revokedAt", text(k.revokedAt()));
        m.put("revocationReason", k.revocationReason());
        m.put("compromisedAt", text(k.compromisedAt()));
        m.put("driver", k.driver());
        m.put("shared", k.shared());
        m.put("createdAt", text(k.createdAt()));
        m.put("publicKeyPem", k.publicKeyPem());
        return m;
    }

    /** @return {@code {ceremonyId, options, expiresAt}}, the options as the JSON object the driver wrote */
    static Map<String, Object> ceremony(Ceremony c) {
        JsonNode options = parse(c.optionsJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!options.isObject()) {
            throw new IllegalStateException("a key driver's ceremony options are not a JSON object");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ceremonyId", c.id());
        m.put("options", options);
        m.put("expiresAt", c.expiresAt().toString());
        return m;
    }

    /** @return {@code {envelope, keyId, version}} */
    static Map<String, Object> signed(Signed s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("envelope", parse(s.envelopeJson()));
        m.put("keyId", s.key().keyId());
        m.put("version", s.key().version());
        return m;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the core handed over JSON that does not parse", e);
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
