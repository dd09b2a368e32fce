package org.stellaops.attestor.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyMaterial;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.intoto.Statements;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The key registry as the API servlet sees it, for tests of the HTTP layer alone, following the contract's rules
 * with real keys: versions per tenant (another tenant's key is not found), real P-256 and Ed25519 key pairs that
 * really sign, scheduled validity and retirement, revocation once. Two drivers: {@value #FILE} (software keys,
 * cosign import and export; {@link #fileDriverStopped} makes it unavailable) and {@value #FIDO2} (security keys
 * through ceremonies; a credential verifies when it has {@code "type":"public-key"}). An import is decrypted by
 * {@value #IMPORT_PASSWORD} only. Passwords are recorded as handed over and deliberately not cleared here, so that
 * the tests see the HTTP layer clear them.
 */
final class RecordingKeys implements KeyService {

    static final String FILE = "file";
    static final String FIDO2 = "fido2";
    static final String IMPORT_PASSWORD = "correct horse battery staple";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The provenance of every call, in order. */
    final List<Provenance> provenances = new CopyOnWriteArrayList<>();
    /** Every password array handed over (import and export), as the very arrays. */
    final List<char[]> passwords = new CopyOnWriteArrayList<>();
    /** The text of every password at the moment it was handed over. */
    final List<String> passwordsSeen = new CopyOnWriteArrayList<>();
    /** Every create request. */
    final List<CreateKey> created = new CopyOnWriteArrayList<>();
    /** Every sign request (server-side and ceremonies). */
    final List<SignRequest> signRequests = new CopyOnWriteArrayList<>();
    volatile boolean fileDriverStopped;

    private final Map<String, TrustedKey> versions = new ConcurrentHashMap<>();
    private final Map<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();
    private final Map<String, Pending> ceremonies = new ConcurrentHashMap<>();
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();

    /** An open ceremony: a registration (name) or a signature (key and request). */
    private record Pending(String tenant, String principal, String name, TrustedKey key, SignRequest request) {
    }

    /** @return a provenance of that tenant, as the servlet would hand over */
    static Provenance who(String tenant) {
        return new Provenance("test", "test#seed", "127.0.0.1", tenant);
    }

    /** Adds version 1 of a key of the file driver, as its tenant would have created it. */
    TrustedKey seed(String tenant, String name, boolean shared) {
        return create(new CreateKey(name, FILE, KeyAlgorithm.ECDSA_P256_SHA256, null, shared), who(tenant));
    }

    /** Adds an external signer's key (no driver holds its private half). */
    TrustedKey seedExternal(String tenant, String name) {
        KeyPair pair = generate(KeyAlgorithm.ECDSA_P256_SHA256);
        return put(new TrustedKey(PublicKeys.keyId(pair.getPublic()), name, KeyAlgorithm.ECDSA_P256_SHA256,
                PublicKeys.toPem(pair.getPublic()), Instant.now(), null, tenant, false, 1, null, null, null, null,
                null));
    }

    /** Stores a version as it is (to set up states). */
    TrustedKey put(TrustedKey key) {
        versions.put(key.tenant() + "/" + key.keyId(), key);
        return key;
    }

    /** @return the public key of a version, to verify its signatures */
    PublicKey publicKey(TrustedKey key) {
        return PublicKeys.parsePem(key.publicKeyPem());
    }

    @Override
    public List<DriverStatus> drivers() {
        DriverStatus fido2 = new DriverStatus(FIDO2, new KeyDriverCapabilities(Set.of(KeyAlgorithm.WEBAUTHN_ES256),
                false, true, true), true);
        if (fileDriverStopped) {
            return List.of(fido2);
        }
        return List.of(new DriverStatus(FILE, new KeyDriverCapabilities(Set.of(KeyAlgorithm.ECDSA_P256_SHA256,
                KeyAlgorithm.ED25519), true, false, false, Set.of(KeyMaterial.COSIGN),
                Set.of(KeyMaterial.COSIGN, KeyMaterial.PUBLIC_PEM)), false), fido2);
    }

    @Override
    public List<TrustedKey> keys(String tenant) {
        return versions.values().stream().filter(k -> k.tenant().equals(tenant)
                || (!tenant.equals(Tenants.OPERATOR) && k.shared())).toList();
    }

    @Override
    public List<TrustedKey> versions(String tenant, String name) {
        return versions.values().stream().filter(k -> k.tenant().equals(tenant) && k.name().equals(name))
                .sorted(Comparator.comparingInt(TrustedKey::version)).toList();
    }

    @Override
    public TrustedKey create(CreateKey request, Provenance who) {
        provenances.add(who);
        created.add(request);
        requireFreeName(who.tenant(), request.name());
        requireDriver(request.driver());
        if (request.driver().equals(FIDO2)) {
            throw new AttestorException("key.unsupported_operation", "security keys are registered, not created");
        }
        KeyAlgorithm algorithm = request.algorithm() == null ? KeyAlgorithm.ECDSA_P256_SHA256 : request.algorithm();
        return put(newVersion(who.tenant(), request.name(), 1, algorithm, request.validFrom(), request.shared(),
                FILE));
    }

    @Override
    public TrustedKey rotate(String name, Rotation rotation, Provenance who) {
        provenances.add(who);
        List<TrustedKey> all = versions(who.tenant(), name);
        if (all.isEmpty()) {
            throw new AttestorException("key.not_found", "no key named '" + name + "'");
        }
        TrustedKey latest = all.get(all.size() - 1);
        TrustedKey added;
        if (latest.driver() == null) {
            if (rotation.publicKeyPem() == null) {
                throw new AttestorException("request.malformed", "an external key's rotation names the new key");
            }
            PublicKey key = PublicKeys.parsePem(rotation.publicKeyPem());
            added = new TrustedKey(PublicKeys.keyId(key), name, PublicKeys.defaultAlgorithm(key),
                    PublicKeys.toPem(key), Instant.now(), null, who.tenant(), latest.shared(), latest.version() + 1,
                    rotation.at(), null, null, null, null);
        } else {
            requireDriver(latest.driver());
            added = newVersion(who.tenant(), name, latest.version() + 1, rotation.algorithm() == null
                    ? latest.algorithm() : rotation.algorithm(), rotation.at(), latest.shared(), latest.driver());
        }
        put(added);
        if (rotation.retirePreviousAt() != null) {
            all.stream().filter(k -> !k.revoked() && k.retiredAt() == null)
                    .forEach(k -> put(k.retire(rotation.retirePreviousAt())));
        }
        return added;
    }

    @Override
    public TrustedKey retire(String keyId, Instant at, Provenance who) {
        provenances.add(who);
        return put(changeable(who.tenant(), keyId).retire(at == null ? Instant.now() : at));
    }

    @Override
    public TrustedKey revoke(String keyId, Revocation revocation, Provenance who) {
        provenances.add(who);
        return put(changeable(who.tenant(), keyId).revoke(Instant.now(), revocation.reason(),
                revocation.compromisedAt()));
    }

    @Override
    public TrustedKey importKey(String name, String driver, KeyMaterial material, boolean shared, Provenance who) {
        provenances.add(who);
        record(material.password());
        requireFreeName(who.tenant(), name);
        requireDriver(driver);
        if (!KeyMaterial.COSIGN.equals(material.format())) {
            throw new AttestorException("key.unsupported_operation", "driver " + driver + " imports cosign keys");
        }
        if (material.password() == null || !IMPORT_PASSWORD.equals(new String(material.password()))) {
            throw new AttestorException("key.invalid_input", "the password does not decrypt the key");
        }
        return put(newVersion(who.tenant(), name, 1, KeyAlgorithm.ECDSA_P256_SHA256, null, shared, driver));
    }

    @Override
    public KeyMaterial exportKey(String keyId, String format, char[] password, Provenance who) {
        provenances.add(who);
        record(password);
        TrustedKey key = own(who.tenant(), keyId);
        if (key.driver() == null) {
            throw new AttestorException("key.unsupported_operation", "no driver holds the private half");
        }
        requireDriver(key.driver());
        if (KeyMaterial.PUBLIC_PEM.equals(format)) {
            return new KeyMaterial(format, key.publicKeyPem().getBytes(StandardCharsets.UTF_8), null);
        }
        if (!KeyMaterial.COSIGN.equals(format)) {
            throw new AttestorException("key.unsupported_operation", "no export format " + format);
        }
        if (password == null || password.length == 0) {
            throw new AttestorException("key.invalid_input", "a cosign key is written encrypted: give a password");
        }
        String body = Base64.getEncoder().encodeToString(("sealed " + keyId).getBytes(StandardCharsets.UTF_8));
        return new KeyMaterial(format, ("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n" + body
                + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n").getBytes(StandardCharsets.UTF_8), null);
    }

    @Override
    public Signed sign(SignRequest request, Provenance who) {
        provenances.add(who);
        signRequests.add(request);
        TrustedKey key = signingVersion(who.tenant(), request.key());
        if (FIDO2.equals(key.driver())) {
            throw new AttestorException("key.unsupported_operation", "a security key signs in a ceremony");
        }
        requireDriver(key.driver());
        return signed(key, request, who);
    }

    @Override
    public Ceremony startRegistration(String driver, String name, Provenance who) {
        provenances.add(who);
        requireCeremonies(driver);
        requireFreeName(who.tenant(), name);
        return open(who, new Pending(who.tenant(), who.principal(), name, null, null),
                "{\"challenge\":\"" + randomHex() + "\",\"rp\":{\"id\":\"localhost\"},\"user\":{\"name\":\""
                        + who.principal() + "\"}}");
    }

    @Override
    public TrustedKey finishRegistration(String driver, String ceremonyId, String credentialJson, Provenance who) {
        provenances.add(who);
        requireCeremonies(driver);
        Pending pending = take(ceremonyId, credentialJson, who);
        return put(newVersion(pending.tenant(), pending.name(), 1, KeyAlgorithm.WEBAUTHN_ES256, null, false, FIDO2));
    }

    @Override
    public Ceremony startSigning(SignRequest request, Provenance who) {
        provenances.add(who);
        signRequests.add(request);
        TrustedKey key = signingVersion(who.tenant(), request.key());
        if (!FIDO2.equals(key.driver())) {
            throw new AttestorException("key.unsupported_operation", "only security keys sign in ceremonies");
        }
        checkPayload(request);
        return open(who, new Pending(who.tenant(), who.principal(), key.name(), key, request),
                "{\"challenge\":\"" + randomHex() + "\",\"allowCredentials\":[]}");
    }

    @Override
    public Signed finishSigning(String ceremonyId, String credentialJson, Provenance who) {
        provenances.add(who);
        Pending pending = take(ceremonyId, credentialJson, who);
        return signed(pending.key(), pending.request(), who);
    }

    private Signed signed(TrustedKey key, SignRequest request, Provenance who) {
        checkPayload(request);
        KeyAlgorithm algorithm = key.algorithm() == KeyAlgorithm.WEBAUTHN_ES256 ? KeyAlgorithm.ECDSA_P256_SHA256
                : key.algorithm();
        byte[] envelope = DsseEnvelopes.toJson(DsseEnvelopes.sign(request.payloadType(), request.payload(),
                privateKeys.get(key.keyId()), algorithm, key.keyId()));
        if (!request.submit()) {
            return new Signed(envelope, key, null);
        }
        String hex = RecordingService.sha256Hex(envelope);
        return new Signed(envelope, key, new Submission(Fixtures.record(hex, LogTarget.LOGGED, who.tenant()),
                submitted.add(who.tenant() + "/" + hex)));
    }

    private static void checkPayload(SignRequest request) {
        if (!Envelope.IN_TOTO_PAYLOAD_TYPE.equals(request.payloadType())) {
            throw new AttestorException("envelope.unsupported_payload_type", "in-toto statements only");
        }
        Statements.parse(request.payload(), JsonLimits.DEFAULT);
    }

    private Ceremony open(Provenance who, Pending pending, String options) {
        String id = randomHex();
        ceremonies.put(id, pending);
        return new Ceremony(id, who.principal(), options, Instant.now().plus(Duration.ofMinutes(5)));
    }

    private Pending take(String ceremonyId, String credentialJson, Provenance who) {
        Pending pending = ceremonies.get(ceremonyId);
        if (pending == null || !pending.tenant().equals(who.tenant())
                || !pending.principal().equals(who.principal())) {
            throw new AttestorException("key.invalid_input", "no open ceremony " + ceremonyId + " of this principal");
        }
        ceremonies.remove(ceremonyId);
        if (!credentialJson.contains("\"type\":\"public-key\"")) {
            throw new AttestorException("key.invalid_input", "the credential does not verify");
        }
        return pending;
    }

    private TrustedKey signingVersion(String tenant, String key) {
        Instant now = Instant.now();
        List<TrustedKey> candidates = keys(tenant).stream().filter(k -> k.tenant().equals(tenant))
                .filter(k -> k.keyId().equals(key) || k.name().equals(key)).toList();
        if (candidates.isEmpty()) {
            throw new AttestorException("key.not_found", "no key '" + key + "'");
        }
        return candidates.stream().filter(k -> k.driver() != null && k.signsAt(now))
                .max(Comparator.comparingInt(TrustedKey::version))
                .orElseThrow(() -> new AttestorException("key.not_active", "key '" + key + "' may not sign now"));
    }

    private TrustedKey changeable(String tenant, String keyId) {
        TrustedKey key = own(tenant, keyId);
        if (key.revoked()) {
            throw new AttestorException("key.already_revoked", "key " + keyId + " was revoked at " + key.revokedAt());
        }
        return key;
    }

    private TrustedKey own(String tenant, String keyId) {
        TrustedKey key = versions.get(tenant + "/" + keyId);
        if (key == null) {
            throw new AttestorException("key.not_found", "no key version " + keyId);
        }
        return key;
    }

    private void requireFreeName(String tenant, String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new AttestorException("key.invalid_input", "a key name is 1 to 64 characters of [A-Za-z0-9._-]");
        }
        if (!versions(tenant, name).isEmpty()) {
            throw new AttestorException("key.name_conflict", "a key named '" + name + "' exists");
        }
    }

    private void requireDriver(String driver) {
        if (drivers().stream().noneMatch(d -> d.name().equals(driver))) {
            throw new AttestorException("key.driver_unavailable", "key driver '" + driver + "' is not running");
        }
    }

    private void requireCeremonies(String driver) {
        requireDriver(driver);
        if (!FIDO2.equals(driver)) {
            throw new AttestorException("key.unsupported_operation", "driver " + driver + " has no ceremonies");
        }
    }

    private void record(char[] password) {
        if (password != null) {
            passwords.add(password);
            passwordsSeen.add(new String(password));
        }
    }

    private TrustedKey newVersion(String tenant, String name, int version, KeyAlgorithm algorithm, Instant validFrom,
                                  boolean shared, String driver) {
        KeyPair pair = generate(algorithm);
        String keyId = PublicKeys.keyId(pair.getPublic());
        privateKeys.put(keyId, pair.getPrivate());
        return new TrustedKey(keyId, name, algorithm, PublicKeys.toPem(pair.getPublic()), Instant.now(), null, tenant,
                shared, version, validFrom, null, null, null, driver);
    }

    private static KeyPair generate(KeyAlgorithm algorithm) {
        try {
            if (algorithm == KeyAlgorithm.ED25519) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            if (algorithm != KeyAlgorithm.ECDSA_P256_SHA256 && algorithm != KeyAlgorithm.WEBAUTHN_ES256) {
                throw new AttestorException("key.unsupported_algorithm", "the file driver makes P-256 and Ed25519 "
                        + "keys, not " + algorithm);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
