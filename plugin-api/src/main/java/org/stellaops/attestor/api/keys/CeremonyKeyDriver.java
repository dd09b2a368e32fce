package org.stellaops.attestor.api.keys;

import org.osgi.annotation.versioning.ConsumerType;
import org.stellaops.attestor.api.model.KeyInfo;

/**
 * A key driver whose keys sit in a person's authenticator (a FIDO2 security key): keys are registered, not created,
 * and every signature is approved by the person in a browser ceremony, so {@link #createKey} and {@link #sign} refuse
 * with {@code key.unsupported_operation} and these two-step ceremonies take their place. Keys belong to the principal
 * who registered them; only that principal may sign with them.
 */
@ConsumerType
public interface CeremonyKeyDriver extends KeyDriver {

    /**
     * Starts registering a new authenticator for a principal.
     *
     * @param principal the authenticated principal
     * @param name a human-readable name for the key, unique within the driver
     * @return the ceremony; its options go to {@code navigator.credentials.create}
     * @throws KeyDriverException {@code key.name_conflict} or {@code key.driver_failure}
     */
    Ceremony startRegistration(String principal, String name);

    /**
     * Finishes a registration with the browser's answer.
     *
     * @param principal the principal who started it
     * @param ceremonyId the ceremony
     * @param credentialJson the {@code PublicKeyCredential} as WebAuthn JSON
     * @return the registered key
     * @throws KeyDriverException {@code key.invalid_input} (unknown, expired or foreign ceremony; a response that
     *         does not verify)
     */
    KeyInfo finishRegistration(String principal, String ceremonyId, String credentialJson);

    /**
     * Starts the approval of one signature: the assertion's challenge binds the message (a DSSE PAE) and a nonce.
     *
     * @param principal the principal who owns the key
     * @param keyId the key to sign with
     * @param message the bytes to sign
     * @return the ceremony; its options go to {@code navigator.credentials.get}
     * @throws KeyDriverException {@code key.not_found} (also for another principal's key), {@code key.not_active}
     */
    Ceremony startSigning(String principal, String keyId, byte[] message);

    /**
     * Finishes a signature approval with the browser's answer.
     *
     * @param principal the principal who started it
     * @param ceremonyId the ceremony
     * @param credentialJson the {@code PublicKeyCredential} as WebAuthn JSON
     * @return the DSSE signature bytes (the encoded assertion)
     * @throws KeyDriverException {@code key.invalid_input} (unknown, expired or foreign ceremony; an assertion that
     *         does not verify, a counter that did not increase)
     */
    byte[] finishSigning(String principal, String ceremonyId, String credentialJson);
}
