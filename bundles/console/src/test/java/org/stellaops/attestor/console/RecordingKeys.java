package org.stellaops.attestor.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyMaterial;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The key service as the Security keys page sees it: the drivers and keys it is given, ceremonies with fixed
 * options, and every call the console makes recorded with its arguments. A failure set in {@link #refusal} is thrown
 * by the next ceremony call, as the real service refuses. Operations the console never calls fail loudly.
 */
final class RecordingKeys implements KeyService {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String REGISTRATION_OPTIONS = "{\"rp\":{\"name\":\"StellaOps Attestor\",\"id\":\"localhost\"},"
            + "\"challenge\":\"u7NkCZmVambJYlCOU_Zmw7KWkbIXaxVjeKVqueSjnCI\"}";
    static final String SIGNING_OPTIONS = "{\"challenge\":\"7Bu5QOQ-cAPywvjeRf2JVvokdq6sbte5sncfUG4by4Y\","
            + "\"rpId\":\"localhost\"}";

    final List<DriverStatus> drivers = new CopyOnWriteArrayList<>();
    final List<TrustedKey> keys = new CopyOnWriteArrayList<>();
    /** One line per ceremony call: operation, its arguments and the provenance. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Provenance> provenances = new CopyOnWriteArrayList<>();
    final List<SignRequest> signRequests = new CopyOnWriteArrayList<>();
    volatile AttestorException refusal;

    RecordingKeys withFido2Driver() {
        drivers.add(new DriverStatus("fido2", new KeyDriverCapabilities(Set.of(KeyAlgorithm.WEBAUTHN_ES256), false,
                true, true, Set.of(), Set.of()), true));
        return this;
    }

    static TrustedKey key(String name, String tenant, KeyAlgorithm algorithm, String driver) {
        String keyId = Integer.toHexString(name.hashCode()).repeat(8).substring(0, 64);
        return new TrustedKey(keyId, name, algorithm, "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", T0,
                null, tenant, false, 1, T0, null, null, null, driver);
    }

    private void record(String call, Provenance who) {
        calls.add(call);
        provenances.add(who);
        AttestorException failure = refusal;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<DriverStatus> drivers() {
        return drivers;
    }

    @Override
    public List<TrustedKey> keys(String tenant) {
        return keys.stream().filter(k -> k.tenant().equals(tenant) || k.shared()).toList();
    }

    @Override
    public Ceremony startRegistration(String driver, String name, Provenance who) {
        record("startRegistration " + driver + " " + name, who);
        return new Ceremony("reg-1", who.principal(), REGISTRATION_OPTIONS, T0.plusSeconds(300));
    }

    @Override
    public TrustedKey finishRegistration(String driver, String ceremonyId, String credentialJson, Provenance who) {
        record("finishRegistration " + driver + " " + ceremonyId + " " + credentialJson, who);
        TrustedKey key = key("yubikey", who.tenant(), KeyAlgorithm.WEBAUTHN_ES256, driver);
        keys.add(key);
        return key;
    }

    @Override
    public Ceremony startSigning(SignRequest request, Provenance who) {
        record("startSigning " + request.key() + " submit=" + request.submit(), who);
        signRequests.add(request);
        return new Ceremony("sig-1", who.principal(), SIGNING_OPTIONS, T0.plusSeconds(300));
    }

    @Override
    public Signed finishSigning(String ceremonyId, String credentialJson, Provenance who) {
        record("finishSigning " + ceremonyId + " " + credentialJson, who);
        SignRequest request = signRequests.get(signRequests.size() - 1);
        TrustedKey key = key(request.key(), who.tenant(), KeyAlgorithm.WEBAUTHN_ES256, "fido2");
        String envelope = "{\"payload\":\"" + Base64.getEncoder().encodeToString(request.payload())
                + "\",\"payloadType\":\"" + request.payloadType() + "\",\"signatures\":[{\"keyid\":\"" + key.keyId()
                + "\",\"sig\":\"" + Base64.getEncoder().encodeToString("sig".getBytes(StandardCharsets.UTF_8))
                + "\"}]}";
        return new Signed(envelope.getBytes(StandardCharsets.UTF_8), key, null);
    }

    private static UnsupportedOperationException notByTheConsole() {
        return new UnsupportedOperationException("the console does not call this");
    }

    @Override
    public List<TrustedKey> versions(String tenant, String name) {
        throw notByTheConsole();
    }

    @Override
    public TrustedKey create(CreateKey request, Provenance who) {
        throw notByTheConsole();
    }

    @Override
    public TrustedKey rotate(String name, Rotation rotation, Provenance who) {
        throw notByTheConsole();
    }

    @Override
    public TrustedKey retire(String keyId, Instant at, Provenance who) {
        throw notByTheConsole();
    }

    @Override
    public TrustedKey revoke(String keyId, Revocation revocation, Provenance who) {
        throw notByTheConsole();
    }

    @Override
    public TrustedKey importKey(String name, String driver, KeyMaterial material, boolean shared, Provenance who) {
        throw notByTheConsole();
    }

    @Override
    public KeyMaterial exportKey(String keyId, String format, char[] password, Provenance who) {
        throw notByTheConsole();
    }

    @Override
    public Signed sign(SignRequest request, Provenance who) {
        throw notByTheConsole();
    }
}
