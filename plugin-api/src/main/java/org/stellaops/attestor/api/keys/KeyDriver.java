package org.stellaops.attestor.api.keys;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/**
 * Holds signing keys and signs with them: a file-based KMS, an HSM, a FIDO2 authenticator bridge …
 *
 * <p>Register as an OSGi service with the service property {@value #DRIVER_PROPERTY} naming the driver. Drivers come
 * and go at runtime; the platform fails requests that need a missing driver fast, with a clear error.
 * Implementations must be thread-safe.
 */
@ConsumerType
public interface KeyDriver {

    /** Service property naming the driver, for example {@code file} or {@code pkcs11}. */
    String DRIVER_PROPERTY = "attestor.key.driver";

    /** @return the driver name, equal to its {@value #DRIVER_PROPERTY} service property */
    String name();

    /** @return what the driver can do */
    KeyDriverCapabilities capabilities();

    /** @return every key the driver holds, in a stable order */
    List<KeyInfo> keys();

    /**
     * Looks up one key.
     *
     * @param keyId lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo
     * @return the key, or empty if this driver does not hold it
     */
    Optional<KeyInfo> key(String keyId);

    /**
     * Creates a new key.
     *
     * @param name a human-readable name, unique within the driver
     * @param algorithm the algorithm; must be in {@link KeyDriverCapabilities#algorithms()}
     * @return the new key
     * @throws KeyDriverException with code {@code key.unsupported_algorithm} or {@code key.driver_failure}
     */
    KeyInfo createKey(String name, KeyAlgorithm algorithm);

    /**
     * Signs a message with the key's algorithm (the driver hashes it as the algorithm requires; for ECDSA the
     * result is an ASN.1 DER signature).
     *
     * @param keyId the key to sign with
     * @param message the bytes to sign, for example a DSSE PAE or a checkpoint note body
     * @return the signature bytes
     * @throws KeyDriverException with code {@code key.not_found}, {@code key.not_active} or {@code key.driver_failure}
     */
    byte[] sign(String keyId, byte[] message);

    /**
     * Imports a key pair, for example a cosign key, as a new key of this driver. Drivers that keep keys in hardware
     * or cannot hold foreign keys leave the default, which refuses.
     *
     * @param name a human-readable name, unique within the driver
     * @param material the key in one of {@link KeyDriverCapabilities#importFormats()}
     * @return the new key
     * @throws KeyDriverException {@code key.unsupported_operation}, {@code key.invalid_input} (unknown format, wrong
     *         password, damaged material), {@code key.unsupported_algorithm}, {@code key.name_conflict} or
     *         {@code key.driver_failure}
     */
    default KeyInfo importKey(String name, KeyMaterial material) {
        throw new KeyDriverException(KeyDriverException.UNSUPPORTED_OPERATION,
                "the " + name() + " driver cannot import keys");
    }

    /**
     * Exports a key pair, encrypted under a password, for example as an encrypted {@code cosign.key}. Only drivers
     * whose capabilities say {@code exportable} offer this.
     *
     * @param keyId the key
     * @param format one of {@link KeyDriverCapabilities#exportFormats()}, for example {@link KeyMaterial#COSIGN}
     * @param password the password that encrypts the export; the caller clears it afterwards
     * @return the exported key in that format
     * @throws KeyDriverException {@code key.unsupported_operation}, {@code key.not_found}, {@code key.invalid_input}
     *         or {@code key.driver_failure}
     */
    default KeyMaterial exportKey(String keyId, String format, char[] password) {
        throw new KeyDriverException(KeyDriverException.UNSUPPORTED_OPERATION,
                "the " + name() + " driver cannot export keys");
    }
}
