package org.stellaops.attestor.core.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The service's own ECDSA P-256 key (it signs receipts and audit anchors), a key of the operator
 * ({@link Tenants#OPERATOR}) in the key registry, with versions like any other key. The version that signs is the
 * newest valid one held by the configured driver; when there is none (first start, a rotation, or the configuration
 * moved the service key to another driver) the next version is made in that driver, once. Older versions keep
 * verifying the receipts they signed until they are retired; a revoked version no longer verifies.
 *
 * <p>Before the registry existed the key lived in the driver only: such a key (named like the service key) is adopted
 * as version 1 rather than replaced, so existing receipts keep verifying.
 */
final class ServiceKeys {

    /** The service key version that signs now. */
    record ServiceKey(String keyId, PublicKey publicKey) {
    }

    private final String keyName;
    private final TrustRootStore store;
    private final TrustRoots trust;
    private final KeyDrivers drivers;
    private final Clock clock;
    private final Object provisionLock = new Object();
    private volatile String driverName;

    /**
     * @param store where new versions are written
     * @param trust the cached view versions are read from (no store round trip per receipt)
     */
    ServiceKeys(String keyName, String driverName, TrustRootStore store, TrustRoots trust, KeyDrivers drivers,
                Clock clock) {
        this.keyName = keyName;
        this.driverName = driverName;
        this.store = store;
        this.trust = trust;
        this.drivers = drivers;
        this.clock = clock;
    }

    /** @param name the driver new service key versions are made in (the configuration moved the key) */
    void useDriver(String name) {
        driverName = name;
    }

    /** @return the configured driver's name */
    String driverName() {
        return driverName;
    }

    /**
     * @return the service key version that signs now, made if the configured driver holds none
     * @throws AttestorException {@code key.driver_unavailable} without the driver or when the driver fails
     */
    ServiceKey current() {
        Instant now = clock.instant();
        Optional<TrustedKey> signing = signing(now);
        if (signing.isEmpty()) {
            synchronized (provisionLock) {
                signing = signing(now);
                if (signing.isEmpty()) {
                    signing = Optional.of(provision(now));
                }
            }
        }
        TrustedKey key = signing.get();
        return new ServiceKey(key.keyId(), PublicKeys.parsePem(key.publicKeyPem()));
    }

    /** @return every version of the service key, oldest first */
    List<TrustedKey> versions() {
        return trust.ownedBy(Tenants.OPERATOR).stream().filter(k -> k.name().equals(keyName))
                .sorted(Comparator.comparingInt(TrustedKey::version)).toList();
    }

    private Optional<TrustedKey> signing(Instant now) {
        String driver = driverName;
        return versions().stream().filter(k -> driver.equals(k.driver()) && k.signsAt(now))
                .max(Comparator.comparingInt(TrustedKey::version));
    }

    /** Adopts the driver's key of the same name (a pre-registry key, or one made before a crash) or makes one. */
    private TrustedKey provision(Instant now) {
        KeyDriver driver = requireDriver();
        List<TrustedKey> versions = versions();
        int version = versions.stream().mapToInt(TrustedKey::version).max().orElse(0) + 1;
        String label = version == 1 ? keyName : keyName + ".v" + version;
        try {
            Optional<KeyInfo> existing = driver.keys().stream()
                    .filter(k -> k.name().equals(label) && k.state() == KeyState.ACTIVE).findFirst();
            KeyInfo info = existing.isPresent() ? existing.get()
                    : driver.createKey(label, KeyAlgorithm.ECDSA_P256_SHA256);
            if (info.algorithm() != KeyAlgorithm.ECDSA_P256_SHA256) {
                throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE, "service key '" + label + "' in driver '"
                        + driver.name() + "' is " + info.algorithm() + "; receipts need an ECDSA P-256 key");
            }
            PublicKey publicKey = decode(info.publicKey().value());
            Instant created = existing.isPresent() && versions.isEmpty() ? info.createdAt() : now;
            TrustedKey key = new TrustedKey(info.keyId(), keyName, info.algorithm(), PublicKeys.toPem(publicKey),
                    created, null, Tenants.OPERATOR, false, version, created, null, null, null, driver.name());
            store.put(key);
            return key;
        } catch (KeyDriverException e) {
            throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE,
                    "key driver '" + driver.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param keyId a service key id
     * @return its public key if it is a service key version that is not revoked; empty otherwise
     */
    Optional<PublicKey> publicKey(String keyId) {
        return version(keyId).map(k -> PublicKeys.parsePem(k.publicKeyPem()));
    }

    /**
     * The cheap form of {@link #publicKey} (no key decoding), for the verification cache.
     *
     * @param keyId a service key id
     * @return whether {@link #publicKey} would find it
     */
    boolean usable(String keyId) {
        return version(keyId).isPresent();
    }

    private Optional<TrustedKey> version(String keyId) {
        adoptLegacy();
        return versions().stream().filter(k -> k.keyId().equals(keyId))
                .filter(k -> !k.revoked() && k.algorithm() == KeyAlgorithm.ECDSA_P256_SHA256).findFirst();
    }

    /** A deployment upgraded from before the registry verifies old receipts before it signs anything new. */
    private void adoptLegacy() {
        if (versions().isEmpty() && drivers.available(driverName)) {
            try {
                current();
            } catch (AttestorException e) {
                // the driver failed: receipts of its key are not verifiable now, which the caller reports
            }
        }
    }

    /** @return whether the configured driver is bound */
    boolean available() {
        return drivers.available(driverName);
    }

    /**
     * @param keyId a service key version
     * @param message the bytes to sign
     * @return the DER ECDSA signature, by the driver that holds that version
     */
    byte[] sign(String keyId, byte[] message) {
        TrustedKey key = versions().stream().filter(k -> k.keyId().equals(keyId)).findFirst().orElseThrow(() ->
                new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE, "no service key version " + keyId));
        KeyDriver driver = drivers.require(key.driver());
        try {
            return driver.sign(keyId, message);
        } catch (KeyDriverException e) {
            throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE,
                    "key driver '" + driver.name() + "' cannot sign: " + e.getMessage(), e);
        }
    }

    private KeyDriver requireDriver() {
        try {
            return drivers.require(driverName);
        } catch (AttestorException e) {
            throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE,
                    "no key driver is available to sign a service receipt: " + e.getMessage(), e);
        }
    }

    private static PublicKey decode(byte[] spki) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE, "the service key is not an EC public key",
                    e);
        }
    }
}
