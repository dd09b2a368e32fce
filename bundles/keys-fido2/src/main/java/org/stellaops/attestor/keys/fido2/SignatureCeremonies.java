package org.stellaops.attestor.keys.fido2;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.InvalidSignatureCountException;

import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyState;

/**
 * Approval of one signature: {@code navigator.credentials.get} options whose challenge binds the message and a
 * nonce (see {@link SigningChallenge}) out, the browser's {@code PublicKeyCredential} in, verified by
 * webauthn-server-core (including the signature counter, which is then stored), and returned as a
 * {@link Fido2Signature}.
 */
final class SignatureCeremonies {

    private record PendingSignature(String keyId, byte[] nonce, AssertionRequest request) {
    }

    private final Fido2Settings settings;
    private final CredentialStore store;
    private final RelyingParty relyingParty;
    private final CeremonyBook<PendingSignature> book;
    private final SecureRandom random;
    // the counter check and the counter update must not interleave between two ceremonies of one key
    private final Object counterLock = new Object();

    SignatureCeremonies(Fido2Settings settings, CredentialStore store, RelyingParty relyingParty, Clock clock,
                        SecureRandom random) {
        this.settings = settings;
        this.store = store;
        this.relyingParty = relyingParty;
        this.book = new CeremonyBook<>("signature", clock, settings.ceremonyTimeout(), random);
        this.random = random;
    }

    /** Forgets the open ceremonies. */
    void clear() {
        book.clear();
    }

    Ceremony start(String principal, String keyId, byte[] message) {
        StoredCredential credential = store.byKeyId(keyId).filter(c -> c.principal().equals(principal))
                .orElseThrow(() -> new KeyDriverException(KeyDriverException.NOT_FOUND,
                        "the FIDO2 driver holds no key " + keyId + " of this principal"));
        if (credential.state() != KeyState.ACTIVE) {
            throw new KeyDriverException(KeyDriverException.NOT_ACTIVE,
                    "key " + keyId + " is " + credential.state() + " and may not sign");
        }
        byte[] nonce = new byte[SigningChallenge.NONCE_LENGTH];
        random.nextBytes(nonce);
        PublicKeyCredentialRequestOptions options = PublicKeyCredentialRequestOptions.builder()
                .challenge(new ByteArray(SigningChallenge.derive(nonce, message)))
                .rpId(settings.rpId())
                .allowCredentials(List.of(WebAuthn.descriptor(credential)))
                .userVerification(WebAuthn.userVerification(settings))
                .timeout(book.timeout().toMillis())
                .build();
        AssertionRequest request = AssertionRequest.builder().publicKeyCredentialRequestOptions(options)
                .userHandle(new ByteArray(credential.userHandle().value())).build();
        try {
            return book.open(principal, new PendingSignature(keyId, nonce, request),
                    WebAuthn.unwrapPublicKey(options.toCredentialsGetJson()));
        } catch (JsonProcessingException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE, "cannot write the request options", e);
        }
    }

    byte[] finish(String principal, String ceremonyId, String credentialJson) {
        PendingSignature pending = book.take(principal, ceremonyId);
        PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> response =
                parse(credentialJson);
        synchronized (counterLock) {
            AssertionResult result = verify(pending, response);
            store.updateSignatureCount(pending.keyId(), result.getSignatureCount());
        }
        AuthenticatorAssertionResponse assertion = response.getResponse();
        byte[] encoded = new Fido2Signature(Bytes.of(assertion.getAuthenticatorData().getBytes()),
                Bytes.of(assertion.getClientDataJSON().getBytes()), Bytes.of(response.getId().getBytes()),
                Bytes.of(pending.nonce()), Bytes.of(assertion.getSignature().getBytes())).encode();
        if (encoded.length > Fido2Signature.MAX_LENGTH) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the assertion is too large for the signature format (" + encoded.length + " bytes)");
        }
        return encoded;
    }

    private AssertionResult verify(PendingSignature pending,
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> response) {
        if (!P256Keys.isDerSignature(response.getResponse().getSignature().getBytes())) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the assertion signature is not a strict DER ECDSA P-256 signature");
        }
        try {
            AssertionResult result = relyingParty.finishAssertion(FinishAssertionOptions.builder()
                    .request(pending.request()).response(response).build());
            if (!result.isSuccess()) {
                throw new KeyDriverException(KeyDriverException.INVALID_INPUT, "the assertion does not verify");
            }
            if (WebAuthn.crossOrigin(response.getResponse().getClientDataJSON().getBytes())) {
                throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                        "the assertion was made in a cross-origin frame (crossOrigin: true)");
            }
            return result;
        } catch (InvalidSignatureCountException e) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT, "the signature counter did not increase "
                    + "(expected at least " + e.getExpectedMinimum() + ", got " + e.getReceived()
                    + "): a replayed assertion or a cloned authenticator", e);
        } catch (AssertionFailedException e) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the assertion does not verify: " + e.getMessage(), e);
        } catch (KeyDriverException e) {
            throw e;
        } catch (RuntimeException e) {
            // the library reports some malformed input unchecked (see Fido2SignatureVerifier)
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the assertion cannot be checked: " + e.getMessage(), e);
        }
    }

    private static PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> parse(
            String credentialJson) {
        if (credentialJson == null || credentialJson.length() > RegistrationCeremonies.MAX_RESPONSE_LENGTH) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT, "the credential JSON is missing or longer "
                    + "than " + RegistrationCeremonies.MAX_RESPONSE_LENGTH + " characters");
        }
        try {
            return PublicKeyCredential.parseAssertionResponseJson(credentialJson);
        } catch (IOException | RuntimeException e) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "the credential JSON is not a WebAuthn assertion response: " + e.getMessage(), e);
        }
    }
}
