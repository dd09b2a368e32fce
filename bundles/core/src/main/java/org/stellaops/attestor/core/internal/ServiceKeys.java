package org.stellaops.attestor.core.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * The service's own ECDSA P-256 key, held by a {@link KeyDriver} and found by name (the key the embedded log also
 * signs its checkpoints with). If the driver has no active key of that name it is created, once. Receipts name the
 * key by id, so verification keeps working after the key is retired; a revoked key no longer verifies.
 */
final class ServiceKeys {

    /** The active service key. */
    record ServiceKey(String keyId, PublicKey publicKey) {
    }

    private final String keyName;
    private final Object createLock = new Object();
    private volatile KeyDriver driver;

    ServiceKeys(String keyName) {
        this.keyName = keyName;
    }

    void bind(KeyDriver keyDriver) {
        driver = keyDriver;
    }

    void unbind(KeyDriver keyDriver) {
        if (driver == keyDriver) {
            driver = null;
        }
    }

    /**
     * @return the active service key, created if the driver has none of that name
     * @throws AttestorException {@code key.driver_unavailable} without a driver or when the driver fails
     */
    ServiceKey current() {
        KeyDriver d = requireDriver();
        try {
            Optional<KeyInfo> found = active(d);
            if (found.isEmpty()) {
                synchronized (createLock) {
                    found = active(d);
                    if (found.isEmpty()) {
                        found = Optional.of(d.createKey(keyName, KeyAlgorithm.ECDSA_P256_SHA256));
                    }
                }
            }
            KeyInfo info = found.get();
            if (info.algorithm() != KeyAlgorithm.ECDSA_P256_SHA256) {
                throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE, "service key '" + keyName + "' is "
                        + info.algorithm() + "; receipts need an ECDSA P-256 key");
            }
            return new ServiceKey(info.keyId(), decode(info.publicKey().value()));
        } catch (KeyDriverException e) {
            throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE,
                    "key driver '" + d.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param keyId a service key id
     * @return its public key if the driver holds it and it is not revoked; empty without a driver
     */
    Optional<PublicKey> publicKey(String keyId) {
        KeyDriver d = driver;
        if (d == null) {
            return Optional.empty();
        }
        return d.key(keyId).filter(k -> k.state() != KeyState.REVOKED)
                .filter(k -> k.algorithm() == KeyAlgorithm.ECDSA_P256_SHA256)
                .map(k -> decode(k.publicKey().value()));
    }

    /**
     * The cheap form of {@link #publicKey} (no key decoding), for the verification cache.
     *
     * @param keyId a service key id
     * @return whether {@link #publicKey} would find it
     */
    boolean usable(String keyId) {
        KeyDriver d = driver;
        return d != null && d.key(keyId).filter(k -> k.state() != KeyState.REVOKED)
                .filter(k -> k.algorithm() == KeyAlgorithm.ECDSA_P256_SHA256).isPresent();
    }

    /** @return whether a driver is bound */
    boolean available() {
        return driver != null;
    }

    /**
     * @param keyId the key
     * @param message the bytes to sign
     * @return the DER ECDSA signature
     */
    byte[] sign(String keyId, byte[] message) {
        KeyDriver d = requireDriver();
        try {
            return d.sign(keyId, message);
        } catch (KeyDriverException e) {
            throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE,
                    "key driver '" + d.name() + "' cannot sign: " + e.getMessage(), e);
        }
    }

    private Optional<KeyInfo> active(KeyDriver d) {
        return d.keys().stream().filter(k -> k.name().equals(keyName) && k.state() == KeyState.ACTIVE).findFirst();
    }

    private KeyDriver requireDriver() {
        KeyDriver d = driver;
        if (d == null) {
            throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE,
                    "no key driver is available to sign a service receipt");
        }
        return d;
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
