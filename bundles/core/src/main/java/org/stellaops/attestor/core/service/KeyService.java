package org.stellaops.attestor.core.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;
import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyMaterial;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustedKey;
import org.stellaops.attestor.store.TrustedKey.RevocationReason;

/**
 * The key registry: signing keys held by key drivers and trusted keys of external signers, each with versions,
 * validity windows and a state (see {@link TrustedKey}). Every method acts for the tenant of its {@link Provenance}
 * ({@link org.stellaops.attestor.store.Tenants#OPERATOR} for the operator's own keys, such as the service key) and
 * every change is an audit event and an EventAdmin event ({@code org/stellaops/attestor/key/CREATED}, {@code ROTATED},
 * {@code RETIRED}, {@code REVOKED}, {@code COMPROMISED}, {@code IMPORTED}, {@code EXPORTED}, {@code REGISTERED};
 * a compromise also posts {@code org/stellaops/attestor/alert/KEY_COMPROMISED}).
 *
 * <p>Errors are {@link org.stellaops.attestor.sdk.AttestorException}s with codes: {@code key.not_found},
 * {@code key.name_conflict}, {@code key.invalid_input}, {@code key.unsupported_algorithm},
 * {@code key.unsupported_operation}, {@code key.not_active} (no version may sign now), {@code key.already_revoked},
 * {@code key.driver_unavailable} (the driver is not running: fail fast), {@code key.driver_timeout},
 * {@code key.driver_failure}, {@code request.malformed}.
 */
@ProviderType
public interface KeyService {

    /** The action (and EventAdmin topic) names. */
    String CREATED = "key.created";
    /** A new version. */
    String ROTATED = "key.rotated";
    /** A version retired (possibly scheduled). */
    String RETIRED = "key.retired";
    /** A version revoked. */
    String REVOKED = "key.revoked";
    /** A version revoked for compromise (also an alert). */
    String COMPROMISED = "key.compromised";
    /** A key imported into a driver. */
    String IMPORTED = "key.imported";
    /** A key exported from a driver. */
    String EXPORTED = "key.exported";
    /** A security key registered through a ceremony. */
    String REGISTERED = "key.registered";
    /** A statement signed with a key. */
    String SIGNED = "key.signed";

    /**
     * A key driver as bound now.
     *
     * @param name its {@code attestor.key.driver} name
     * @param capabilities what it can do
     * @param ceremonies whether it signs through browser ceremonies (a FIDO2 security key)
     */
    record DriverStatus(String name, KeyDriverCapabilities capabilities, boolean ceremonies) {
    }

    /**
     * A new signing key, version 1.
     *
     * @param name the key's name, unique within the tenant: {@code [A-Za-z0-9._-]{1,64}}
     * @param driver the driver to create it in
     * @param algorithm its algorithm
     * @param validFrom when it starts to sign and verify (null: now)
     * @param shared whether every tenant trusts it (operator only; the front end checks)
     */
    record CreateKey(String name, String driver, KeyAlgorithm algorithm, Instant validFrom, boolean shared) {
        /** @throws NullPointerException without name or driver */
        public CreateKey {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(driver, "driver");
        }
    }

    /**
     * A rotation: a new version of a key.
     *
     * @param at when the new version starts to sign and verify (null: now; a later time schedules the rotation)
     * @param publicKeyPem for a key whose private half is elsewhere (an external signer): the new public key; null
     *                     for a driver key (the driver makes the new key pair)
     * @param algorithm for a driver key, the new version's algorithm (null: the current one's)
     * @param retirePreviousAt when the previous versions stop verifying (null: they stay valid until retired)
     */
    record Rotation(Instant at, String publicKeyPem, KeyAlgorithm algorithm, Instant retirePreviousAt) {
    }

    /**
     * A revocation.
     *
     * @param reason why; {@link RevocationReason#KEY_COMPROMISE} fails every signature without trusted time before
     *               {@code compromisedAt}
     * @param compromisedAt when the compromise began (null: now); only for a compromise
     */
    record Revocation(RevocationReason reason, Instant compromisedAt) {
        /** @throws NullPointerException without a reason */
        public Revocation {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A statement to sign.
     *
     * @param key the key: a key id (that version) or a name (its version that signs now)
     * @param payloadType the DSSE payload type (normally {@code application/vnd.in-toto+json})
     * @param payload the payload bytes
     * @param submit whether to submit the envelope at once
     */
    record SignRequest(String key, String payloadType, byte[] payload, boolean submit) {
        /** @throws NullPointerException without key, payload type or payload */
        public SignRequest {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(payloadType, "payloadType");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A signed envelope.
     *
     * @param envelopeJson the DSSE envelope, canonical JSON
     * @param key the key version that signed
     * @param submission the submission, when one was asked for; else null
     */
    record Signed(byte[] envelopeJson, TrustedKey key, AttestationService.Submission submission) {
    }

    /** @return the drivers bound now, by name */
    List<DriverStatus> drivers();

    /**
     * @param tenant a tenant, or the operator
     * @return the tenant's own key versions (for a tenant, also the shared ones it trusts), every state
     */
    List<TrustedKey> keys(String tenant);

    /**
     * @param tenant a tenant, or the operator
     * @param name a key name
     * @return its versions, oldest first (empty if none)
     */
    List<TrustedKey> versions(String tenant, String name);

    /**
     * Creates a signing key in a driver.
     *
     * @param request what to create
     * @param who who asks, for which tenant
     * @return version 1
     */
    TrustedKey create(CreateKey request, Provenance who);

    /**
     * Adds a version to a key: new signatures use it from {@code at}; older versions keep verifying until retired.
     *
     * @param name the key name
     * @param rotation how
     * @param who who asks
     * @return the new version
     */
    TrustedKey rotate(String name, Rotation rotation, Provenance who);

    /**
     * Retires a version: signatures with a trusted time from {@code at} on no longer count.
     *
     * @param keyId the version
     * @param at when (null: now; later schedules it)
     * @param who who asks
     * @return the version
     */
    TrustedKey retire(String keyId, Instant at, Provenance who);

    /**
     * Revokes a version, now.
     *
     * @param keyId the version
     * @param revocation why
     * @param who who asks
     * @return the version
     */
    TrustedKey revoke(String keyId, Revocation revocation, Provenance who);

    /**
     * Imports a key pair into a driver as version 1 of a new key.
     *
     * @param name the key's name
     * @param driver the driver
     * @param material the key (its password is cleared afterwards)
     * @param shared whether every tenant trusts it
     * @param who who asks
     * @return the key
     */
    TrustedKey importKey(String name, String driver, KeyMaterial material, boolean shared, Provenance who);

    /**
     * Exports a key pair from its driver.
     *
     * @param keyId the version
     * @param format the format
     * @param password the export password (cleared afterwards)
     * @param who who asks
     * @return the material
     */
    KeyMaterial exportKey(String keyId, String format, char[] password, Provenance who);

    /**
     * Signs a payload server-side with a driver key (not a ceremony driver's) into a DSSE envelope.
     *
     * @param request what and with which key
     * @param who who asks
     * @return the envelope, submitted if asked
     */
    Signed sign(SignRequest request, Provenance who);

    /**
     * Starts registering a security key of the asking principal in a ceremony driver.
     *
     * @param driver the ceremony driver
     * @param name the new key's name
     * @param who who asks
     * @return the ceremony
     */
    Ceremony startRegistration(String driver, String name, Provenance who);

    /**
     * Finishes a registration; the key becomes a key of the tenant, version 1.
     *
     * @param driver the ceremony driver
     * @param ceremonyId from {@link #startRegistration}
     * @param credentialJson the browser's {@code PublicKeyCredential}
     * @param who the same principal
     * @return the key
     */
    TrustedKey finishRegistration(String driver, String ceremonyId, String credentialJson, Provenance who);

    /**
     * Starts the signature of a payload by a security key: the principal approves it in the browser.
     *
     * @param request what and with which key
     * @param who the key's owner
     * @return the ceremony
     */
    Ceremony startSigning(SignRequest request, Provenance who);

    /**
     * Finishes a ceremony signature into a DSSE envelope, submitted if the request asked.
     *
     * @param ceremonyId from {@link #startSigning}
     * @param credentialJson the browser's {@code PublicKeyCredential}
     * @param who the same principal
     * @return the envelope
     */
    Signed finishSigning(String ceremonyId, String credentialJson, Provenance who);
}
