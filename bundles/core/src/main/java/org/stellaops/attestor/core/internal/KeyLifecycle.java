package org.stellaops.attestor.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;
import org.stellaops.attestor.store.TrustedKey.RevocationReason;

/**
 * Key versions and their lifecycle: creation in a driver, rotation, retirement and revocation, for driver keys and
 * for external signers' trusted keys alike. Each change is one store write (a new or changed version) followed by
 * its audit event, so a crash leaves either the old state or the new one. Key names are unique within a tenant; a
 * driver knows a key by a label derived from (tenant, name, version), so a key a driver made just before a crash is
 * found and adopted by the retry instead of being made twice.
 */
final class KeyLifecycle {

    /** Code of a version that was already revoked. */
    static final String ALREADY_REVOKED = "key.already_revoked";
    /** Code of a key with no version that may sign now. */
    static final String NOT_ACTIVE = KeyDriverException.NOT_ACTIVE;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final TrustRootStore store;
    private final TrustRoots trust;
    private final KeyDrivers drivers;
    private final Auditor auditor;
    private final Clock clock;
    private final Object writeLock = new Object();

    KeyLifecycle(TrustRootStore store, TrustRoots trust, KeyDrivers drivers, Auditor auditor, Clock clock) {
        this.store = store;
        this.trust = trust;
        this.drivers = drivers;
        this.auditor = auditor;
        this.clock = clock;
    }

    List<TrustedKey> keys(String tenant) {
        return tenant.isEmpty() ? trust.ownedBy(tenant) : trust.trustedBy(tenant);
    }

    List<TrustedKey> versions(String tenant, String name) {
        return trust.ownedBy(tenant).stream().filter(k -> k.name().equals(name))
                .sorted(Comparator.comparingInt(TrustedKey::version)).toList();
    }

    TrustedKey create(KeyService.CreateKey request, Provenance who) {
        return audited(who, KeyService.CREATED, request.name(), () -> {
            String tenant = who.tenant();
            requireName(request.name());
            KeyAlgorithm algorithm = request.algorithm() == null ? KeyAlgorithm.ECDSA_P256_SHA256
                    : request.algorithm();
            synchronized (writeLock) {
                if (!versions(tenant, request.name()).isEmpty()) {
                    throw new AttestorException(KeyDriverException.NAME_CONFLICT, "a key named '" + request.name()
                            + "' exists; rotate it to add a version");
                }
                KeyDriver driver = drivers.require(request.driver());
                KeyInfo info = made(driver, label(tenant, request.name(), 1), algorithm);
                return put(version(info, tenant, request.name(), 1, start(request.validFrom()), request.shared(),
                        driver.name()));
            }
        }, k -> k.name() + " v1 in driver " + k.driver() + " (" + k.algorithm() + ")");
    }

    TrustedKey rotate(String name, KeyService.Rotation rotation, Provenance who) {
        return audited(who, KeyService.ROTATED, name, () -> {
            String tenant = who.tenant();
            synchronized (writeLock) {
                List<TrustedKey> versions = versions(tenant, name);
                if (versions.isEmpty()) {
                    throw new AttestorException(KeyDriverException.NOT_FOUND, "no key named '" + name + "'");
                }
                TrustedKey latest = versions.get(versions.size() - 1);
                int next = latest.version() + 1;
                Instant at = start(rotation.at());
                TrustedKey added = latest.driver() == null ? external(latest, next, at, rotation.publicKeyPem())
                        : driverVersion(latest, next, at, rotation.algorithm());
                put(added);
                if (rotation.retirePreviousAt() != null) {
                    for (TrustedKey previous : versions) {
                        if (!previous.revoked() && previous.retiredAt() == null) {
                            put(previous.retire(rotation.retirePreviousAt()));
                        }
                    }
                }
                return added;
            }
        }, k -> k.name() + " v" + k.version() + " valid from " + k.validFrom());
    }

    private TrustedKey external(TrustedKey latest, int version, Instant at, String pem) {
        if (pem == null || pem.isBlank()) {
            throw new AttestorException(ErrorCodes.BAD_REQUEST, "key '" + latest.name() + "' is an external "
                    + "signer's key: a rotation names the new public key (publicKeyPem)");
        }
        PublicKey key = PublicKeys.parsePem(pem);
        String keyId = PublicKeys.keyId(key);
        if (store.get(latest.tenant(), keyId).isPresent()) {
            throw new AttestorException(KeyDriverException.NAME_CONFLICT, "public key " + keyId
                    + " is already a trusted key; a new version needs a new key");
        }
        return new TrustedKey(keyId, latest.name(), PublicKeys.defaultAlgorithm(key), PublicKeys.toPem(key),
                clock.instant(), null, latest.tenant(), latest.shared(), version, at, null, null, null, null);
    }

    private TrustedKey driverVersion(TrustedKey latest, int version, Instant at, KeyAlgorithm algorithm) {
        KeyDriver driver = drivers.require(latest.driver());
        KeyAlgorithm chosen = algorithm == null ? latest.algorithm() : algorithm;
        KeyInfo info = made(driver, label(latest.tenant(), latest.name(), version), chosen);
        return version(info, latest.tenant(), latest.name(), version, at, latest.shared(), driver.name());
    }

    TrustedKey retire(String keyId, Instant at, Provenance who) {
        return audited(who, KeyService.RETIRED, keyId, () -> {
            synchronized (writeLock) {
                TrustedKey key = own(who.tenant(), keyId);
                if (key.revoked()) {
                    throw new AttestorException(ALREADY_REVOKED, "key " + keyId + " was revoked at " + key.revokedAt());
                }
                return put(key.retire(at == null ? clock.instant() : at));
            }
        }, k -> k.name() + " v" + k.version() + " retired from " + k.retiredAt());
    }

    TrustedKey revoke(String keyId, KeyService.Revocation revocation, Provenance who) {
        boolean compromise = revocation.reason() == RevocationReason.KEY_COMPROMISE;
        TrustedKey revoked = audited(who, compromise ? KeyService.COMPROMISED : KeyService.REVOKED, keyId, () -> {
            synchronized (writeLock) {
                TrustedKey key = own(who.tenant(), keyId);
                if (key.revoked()) {
                    throw new AttestorException(ALREADY_REVOKED, "key " + keyId + " was revoked at " + key.revokedAt());
                }
                Instant now = clock.instant();
                return put(key.revoke(now, revocation.reason(), compromise ? revocation.compromisedAt() : null));
            }
        }, k -> k.name() + " v" + k.version() + " revoked (" + k.revocationReason() + ")"
                + (k.compromised() ? "; signatures without trusted time before " + k.compromisedAt() + " fail" : ""));
        if (compromise) {
            auditor.notifySystem("alert.key_compromised", keyId, revoked.name() + " v" + revoked.version()
                    + " of tenant '" + revoked.tenant() + "' was revoked for compromise",
                    Map.of("tenant", revoked.tenant(), "compromisedAt", revoked.compromisedAt().toString()));
        }
        return revoked;
    }

    /** Adds an external signer's key: a new name is version 1, a known name gets the next version. */
    TrustedKey addExternal(String name, String pem, boolean shared, String tenant) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new AttestorException(ErrorCodes.BAD_REQUEST, "a trusted key needs a name of 1 to 200 characters");
        }
        if (!Tenants.isName(tenant)) {
            throw new AttestorException(ErrorCodes.BAD_REQUEST, "trusted keys belong to a tenant");
        }
        PublicKey key = PublicKeys.parsePem(pem);
        String keyId = PublicKeys.keyId(key);
        synchronized (writeLock) {
            Optional<TrustedKey> existing = store.get(tenant, keyId);
            if (existing.isPresent()) {
                return existing.get();
            }
            int version = versions(tenant, name.strip()).stream().mapToInt(TrustedKey::version).max().orElse(0) + 1;
            Instant now = clock.instant();
            return put(new TrustedKey(keyId, name.strip(), PublicKeys.defaultAlgorithm(key), PublicKeys.toPem(key),
                    now, null, tenant, shared, version, now, null, null, null, null));
        }
    }

    /**
     * Records a key a driver just made or registered as version 1 of a new name.
     *
     * @throws AttestorException {@code key.name_conflict} if the name is taken in the tenant
     */
    TrustedKey adopt(KeyInfo info, String tenant, String name, boolean shared, String driver) {
        synchronized (writeLock) {
            if (!versions(tenant, name).isEmpty()) {
                throw new AttestorException(KeyDriverException.NAME_CONFLICT, "a key named '" + name + "' exists");
            }
            return put(version(info, tenant, name, 1, clock.instant(), shared, driver));
        }
    }

    /** @throws AttestorException {@code key.name_conflict} if the name is taken, {@code key.invalid_input} if bad */
    void requireFreeName(String tenant, String name) {
        requireName(name);
        if (!versions(tenant, name).isEmpty()) {
            throw new AttestorException(KeyDriverException.NAME_CONFLICT, "a key named '" + name + "' exists");
        }
    }

    /**
     * @param tenant the asking tenant
     * @param key a key id (that version) or a key name (its version that signs now)
     * @return the tenant's own version that may sign now
     * @throws AttestorException {@code key.not_found} or {@code key.not_active}
     */
    TrustedKey signingVersion(String tenant, String key) {
        Instant now = clock.instant();
        Optional<TrustedKey> byId = trust.ownedBy(tenant).stream().filter(k -> k.keyId().equals(key)).findFirst();
        if (byId.isPresent()) {
            if (byId.get().driver() == null || !byId.get().signsAt(now)) {
                throw new AttestorException(NOT_ACTIVE, "key version " + key + " may not sign now ("
                        + (byId.get().driver() == null ? "no driver holds it" : byId.get().state(now)) + ")");
            }
            return byId.get();
        }
        List<TrustedKey> versions = versions(tenant, key);
        if (versions.isEmpty()) {
            throw new AttestorException(KeyDriverException.NOT_FOUND, "no key '" + key + "'");
        }
        return versions.stream().filter(k -> k.driver() != null && k.signsAt(now))
                .max(Comparator.comparingInt(TrustedKey::version)).orElseThrow(() -> new AttestorException(
                        NOT_ACTIVE, "key '" + key + "' has no version that may sign now"));
    }

    /** @return the tenant's own version with that id */
    TrustedKey own(String tenant, String keyId) {
        return store.get(tenant, keyId).orElseThrow(() -> new AttestorException(KeyDriverException.NOT_FOUND,
                "no key version " + keyId));
    }

    /**
     * Runs a change and audits it: success with the detail the result gives, failure with the error's code.
     */
    <T> T audited(Provenance who, String action, String target, Supplier<T> change,
                  java.util.function.Function<T, String> detail) {
        try {
            T result = change.get();
            String id = result instanceof TrustedKey k ? k.keyId() : target;
            auditor.record(who, action, id, Auditor.SUCCESS, detail.apply(result));
            return result;
        } catch (AttestorException e) {
            auditor.record(who, action, target, e.code(), e.getMessage());
            throw e;
        } catch (KeyDriverException e) {
            auditor.record(who, action, target, e.code(), e.getMessage());
            throw new AttestorException(e.code(), e.getMessage(), e);
        }
    }

    private TrustedKey put(TrustedKey key) {
        store.put(key);
        return key;
    }

    private Instant start(Instant requested) {
        Instant now = clock.instant();
        return requested == null || requested.isBefore(now) ? now : requested;
    }

    /** Makes a key in a driver, or adopts the one a crashed attempt made under the same label. */
    private static KeyInfo made(KeyDriver driver, String label, KeyAlgorithm algorithm) {
        try {
            Optional<KeyInfo> existing = driver.keys().stream().filter(k -> k.name().equals(label)).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
            return driver.createKey(label, algorithm);
        } catch (KeyDriverException e) {
            throw KeyDrivers.failure(driver.name(), e);
        }
    }

    private TrustedKey version(KeyInfo info, String tenant, String name, int version, Instant validFrom,
                               boolean shared, String driver) {
        PublicKey key = PublicKeys.parseSpki(info.publicKey().value());
        return new TrustedKey(info.keyId(), name, info.algorithm(), PublicKeys.toPem(key), clock.instant(), null,
                tenant, shared, version, validFrom, null, null, null, driver);
    }

    /**
     * The label a driver knows a key version by: unique per (tenant, name, version) in every driver, and made of
     * characters every driver accepts (a PKCS#11 alias, a file name).
     */
    static String label(String tenant, String name, int version) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((tenant + "\0" + name).getBytes(StandardCharsets.UTF_8));
            String readable = name.length() <= 24 ? name : name.substring(0, 24);
            return "k" + HexFormat.of().formatHex(hash, 0, 8) + "." + readable + ".v" + version;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new AttestorException(KeyDriverException.INVALID_INPUT,
                    "a key name is 1 to 64 characters of [A-Za-z0-9._-]");
        }
    }

    static boolean isOperator(String tenant) {
        return Tenants.OPERATOR.equals(tenant);
    }
}
