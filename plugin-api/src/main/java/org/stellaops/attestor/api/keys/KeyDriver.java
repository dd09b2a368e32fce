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
}
