package org.stellaops.attestor.keys.fido2;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.exception.RegistrationFailedException;

import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

/**
 * Registration of an authenticator: {@code navigator.credentials.create} options out, the browser's
 * {@code PublicKeyCredential} in, verified by webauthn-server-core and stored.
 */
final class RegistrationCeremonies {

    /** The longest credential JSON accepted from a browser, in characters. */
    static final int MAX_RESPONSE_LENGTH = 64 * 1024;

    private record PendingRegistration(String name, PublicKeyCredentialCreationOptions options) {
    }

    private final Fido2Settings settings;
    private final CredentialStore store;
    private final RelyingParty relyingParty;
    private final CeremonyBook<PendingRegistration> book;
    private final Clock clock;

    RegistrationCeremonies(Fido2Settings settings, CredentialStore store, RelyingParty relyingParty, Clock clock,
                           SecureRandom random) {
        this.settings = settings;
        this.store = store;
        this.relyingParty = relyingParty;
        this.book = new CeremonyBook<>("registration", clock, settings.ceremonyTimeout(), random);
        this.clock = clock;
    }

    /** Forgets the open ceremonies. */
    void clear() {
        book.clear();
    }

    Ceremony start(String principal, String name) {
        if (store.nameTaken(name)) {
            throw new KeyDriverException(KeyDriverException.NAME_CONFLICT, "a key named '" + name + "' already exists");
        }
        UserIdentity user = UserIdentity.builder().name(principal).displayName(principal)
                .id(new ByteArray(store.userHandle(principal).value())).build();
        PublicKeyCredentialCreationOptions options = relyingParty.startRegistration(StartRegistrationOptions.builder()
                .user(user)
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.DISCOURAGED)
                        .userVerification(WebAuthn.userVerification(settings))
                        .build())
                .timeout(book.timeout().toMillis())
                .build());
        try {
            return book.open(principal, new PendingRegistration(name, options),
                    WebAuthn.unwrapPublicKey(options.toCredentialsCreateJson()));
        } catch (JsonProcessingException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE, "cannot write the creation options", e);
        }
    }

    KeyInfo finish(String principal, String ceremonyId, String credentialJson) {
        PendingRegistration pending = book.take(principal, ceremonyId);
        PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> response =
                parse(credentialJson);
        RegistrationResult result;
        try {
            result = relyingParty.finishRegistration(FinishRegistrationOptions.builder()
                    .request(pending.options()).response(response).build());
        } catch (RegistrationFailedException e) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the registration does not verify: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // the library reports some malformed input (e.g. an attestation signature that is not DER) unchecked
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the registration cannot be checked: " + e.getMessage(), e);
        }
        if (WebAuthn.crossOrigin(response.getResponse().getClientDataJSON().getBytes())) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the registration was made in a cross-origin frame (crossOrigin: true)");
        }
        byte[] spki = checkedSpki(result);
        Set<String> transports = result.getKeyId().getTransports().stream().flatMap(Set::stream)
                .map(AuthenticatorTransport::getId).collect(Collectors.toSet());
        StoredCredential credential = new StoredCredential(P256Keys.keyId(spki), pending.name(), principal,
                Bytes.of(result.getKeyId().getId().getBytes()), Bytes.of(pending.options().getUser().getId().getBytes()),
                Bytes.of(result.getPublicKeyCose().getBytes()), Bytes.of(spki), result.getSignatureCount(),
                result.isBackupEligible(), transports, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                KeyState.ACTIVE);
        store.add(credential);
        return credential.info();
    }

    private static PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> parse(
            String credentialJson) {
        if (credentialJson == null || credentialJson.length() > MAX_RESPONSE_LENGTH) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the credential JSON is missing or longer than " + MAX_RESPONSE_LENGTH + " characters");
        }
        try {
            return PublicKeyCredential.parseRegistrationResponseJson(credentialJson);
        } catch (IOException | RuntimeException e) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the credential JSON is not a WebAuthn registration response: " + e.getMessage(), e);
        }
    }

    private static byte[] checkedSpki(RegistrationResult result) {
        try {
            byte[] spki = result.getParsedPublicKey().getEncoded();
            // the library checked the COSE alg is ES256; this also pins the curve to P-256
            P256Keys.parse(spki);
            return spki;
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the credential public key is not an ES256 (P-256) key", e);
        }
    }
}
