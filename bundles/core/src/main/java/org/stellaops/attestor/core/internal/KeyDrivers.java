package org.stellaops.attestor.core.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.stellaops.attestor.api.keys.CeremonyKeyDriver;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.keys.SignatureVerifier;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The key drivers and custom signature verifiers bound now, by name and by algorithm. Drivers come and go with their
 * bundles; a request that needs a missing driver fails at once with {@code key.driver_unavailable} (HTTP 503), and
 * driver failures are turned into core errors with the driver's own code kept.
 */
final class KeyDrivers {

    private final Map<String, KeyDriver> drivers = new ConcurrentHashMap<>();
    private final Map<KeyAlgorithm, SignatureVerifier> verifiers = new ConcurrentHashMap<>();

    void bind(KeyDriver driver) {
        drivers.put(driver.name(), driver);
    }

    void unbind(KeyDriver driver) {
        drivers.remove(driver.name(), driver);
    }

    void bind(SignatureVerifier verifier) {
        verifiers.put(verifier.algorithm(), verifier);
    }

    void unbind(SignatureVerifier verifier) {
        verifiers.remove(verifier.algorithm(), verifier);
    }

    /**
     * @param name a driver name
     * @return whether it is bound
     */
    boolean available(String name) {
        return name != null && drivers.containsKey(name);
    }

    /**
     * @param name a driver name
     * @return the driver
     * @throws AttestorException {@code key.driver_unavailable} if it is not running
     */
    KeyDriver require(String name) {
        KeyDriver driver = name == null ? null : drivers.get(name);
        if (driver == null) {
            throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE, "key driver '" + name
                    + "' is not available" + (drivers.isEmpty() ? "" : "; running: " + drivers.keySet()));
        }
        return driver;
    }

    /**
     * @param name a driver name
     * @return the ceremony driver
     * @throws AttestorException {@code key.driver_unavailable}, or {@code key.unsupported_operation} if the driver
     *         does not sign through ceremonies
     */
    CeremonyKeyDriver requireCeremonies(String name) {
        if (require(name) instanceof CeremonyKeyDriver ceremonies) {
            return ceremonies;
        }
        throw new AttestorException(KeyDriverException.UNSUPPORTED_OPERATION, "key driver '" + name
                + "' signs without ceremonies");
    }

    /** @return the drivers as the key API lists them */
    List<KeyService.DriverStatus> statuses() {
        return drivers.values().stream()
                .map(d -> new KeyService.DriverStatus(d.name(), d.capabilities(), d instanceof CeremonyKeyDriver))
                .sorted(java.util.Comparator.comparing(KeyService.DriverStatus::name)).toList();
    }

    /**
     * The check of a key whose signatures are not bare signatures: looks the verifier up at each call, so a verifier
     * that goes away makes such signatures fail (closed) and one that comes back makes them verify again.
     *
     * @param key a key version
     * @return the custom check, or null if the key's algorithm signs plainly
     */
    TrustedSigner.Verifier customVerifier(TrustedKey key) {
        if (key.algorithm() != KeyAlgorithm.WEBAUTHN_ES256) {
            return null;
        }
        KeyInfo info = info(key);
        return (message, signature) -> {
            SignatureVerifier verifier = verifiers.get(key.algorithm());
            return verifier != null && verifier.verify(info, message, signature);
        };
    }

    /** @return a driver failure as a core error that keeps the driver's code */
    static AttestorException failure(String driver, KeyDriverException e) {
        return new AttestorException(e.code(), "key driver '" + driver + "': " + e.getMessage(), e);
    }

    /** @return the SPI view of a key version */
    static KeyInfo info(TrustedKey key) {
        return new KeyInfo(key.keyId(), key.name(), key.algorithm(),
                org.stellaops.attestor.api.model.Bytes.of(PublicKeys.parsePem(key.publicKeyPem()).getEncoded()),
                key.revoked() ? KeyState.REVOKED : KeyState.ACTIVE, key.createdAt(), key.revokedAt());
    }
}
