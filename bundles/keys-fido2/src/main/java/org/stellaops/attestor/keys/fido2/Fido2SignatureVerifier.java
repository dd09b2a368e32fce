package org.stellaops.attestor.keys.fido2;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.upokecenter.cbor.CBORException;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import com.yubico.webauthn.data.exception.Base64UrlException;
import com.yubico.webauthn.exception.AssertionFailedException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.stellaops.attestor.api.keys.SignatureVerifier;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/**
 * Verifies {@link KeyAlgorithm#WEBAUTHN_ES256} signatures (the {@link Fido2Signature} format) against a key's
 * public key alone, so any Attestor with the same relying-party settings can check them. webauthn-server-core does
 * the WebAuthn checks (client data type, challenge, origin, RP id hash, UP, UV when required, the ECDSA signature);
 * the signature counter is not checked here (it was enforced when the signature was made, and an old envelope must
 * keep verifying). Stateless apart from one read: if this machine registered the key, the credential id in the
 * signature must be the registered one.
 */
@Component(service = SignatureVerifier.class, configurationPid = Fido2KeyDriver.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = SignatureVerifier.ALGORITHM_PROPERTY + "=WEBAUTHN_ES256")
public final class Fido2SignatureVerifier implements SignatureVerifier {

    private static final String SIGNER = "signer";

    private final Fido2Settings settings;

    /**
     * Activates the component.
     *
     * @param context the bundle context, for {@value Fido2Settings#DATA_DIR_PROPERTY}
     * @param config the configuration (PID {@value Fido2KeyDriver#PID})
     */
    @Activate
    public Fido2SignatureVerifier(BundleContext context, Fido2Config config) {
        this(Fido2Settings.from(context, config));
    }

    /** @param settings the relying-party settings and the directory of locally registered credentials */
    public Fido2SignatureVerifier(Fido2Settings settings) {
        this.settings = settings;
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KeyAlgorithm.WEBAUTHN_ES256;
    }

    @Override
    public boolean verify(KeyInfo key, byte[] message, byte[] signature) {
        return check(key, message, signature).valid();
    }

    /**
     * Checks one signature and says why it fails. Never throws for bad input.
     *
     * @param key the trusted key the signature claims
     * @param message the signed bytes (the DSSE PAE)
     * @param signature the DSSE signature bytes
     * @return the outcome
     */
    public Fido2Verification check(KeyInfo key, byte[] message, byte[] signature) {
        if (key == null || message == null || signature == null) {
            return Fido2Verification.failed("key, message and signature are all needed");
        }
        if (key.algorithm() != KeyAlgorithm.WEBAUTHN_ES256) {
            return Fido2Verification.failed("key " + key.keyId() + " is a " + key.algorithm() + " key");
        }
        Fido2Signature parsed;
        try {
            parsed = Fido2Signature.parse(signature);
        } catch (Fido2Signature.MalformedSignatureException e) {
            return Fido2Verification.failed("malformed signature: " + e.getMessage());
        }
        try {
            byte[] spki = key.publicKey().value();
            byte[] point = P256Keys.uncompressedPoint(spki);
            if (!key.keyId().equals(P256Keys.keyId(spki))) {
                return Fido2Verification.failed("the key id is not the SHA-256 of the key's public key");
            }
            Optional<String> binding = checkLocalBinding(key, parsed);
            if (binding.isPresent()) {
                return Fido2Verification.failed(binding.get());
            }
            return assertion(key, point, message, parsed);
        } catch (GeneralSecurityException e) {
            return Fido2Verification.failed("the key is not an ES256 (P-256) key: " + e.getMessage());
        } catch (IOException | Base64UrlException | IllegalArgumentException | CBORException e) {
            return Fido2Verification.failed("the assertion cannot be decoded: " + e.getMessage());
        }
    }

    private Optional<String> checkLocalBinding(KeyInfo key, Fido2Signature signature) throws IOException {
        Optional<StoredCredential> local = CredentialStore.read(settings.directory(), key.keyId());
        if (local.isEmpty()) {
            // registered elsewhere: the public key alone binds the signature to the key
            return Optional.empty();
        }
        if (!local.get().publicKey().equals(key.publicKey())) {
            return Optional.of("the local credential of key " + key.keyId() + " has another public key");
        }
        if (!local.get().credentialId().equals(signature.credentialId())) {
            return Optional.of("the credential id is not the one registered for key " + key.keyId());
        }
        return Optional.empty();
    }

    private Fido2Verification assertion(KeyInfo key, byte[] point, byte[] message, Fido2Signature signature)
            throws IOException, Base64UrlException {
        ByteArray credentialId = new ByteArray(signature.credentialId().value());
        // the library looks credentials up by user handle; the key id serves as one for this single-key view
        ByteArray userHandle = new ByteArray(P256Keys.sha256(key.publicKey().value()));
        RegisteredCredential credential = RegisteredCredential.builder().credentialId(credentialId)
                .userHandle(userHandle).publicKeyEs256Raw(new ByteArray(point)).build();
        AssertionRequest request = request(credentialId, userHandle,
                SigningChallenge.derive(signature.nonce().value(), message));
        PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> response =
                PublicKeyCredential.<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>builder()
                        .id(credentialId)
                        .response(AuthenticatorAssertionResponse.builder()
                                .authenticatorData(new ByteArray(signature.authenticatorData().value()))
                                .clientDataJSON(new ByteArray(signature.clientDataJson().value()))
                                .signature(new ByteArray(signature.signature().value()))
                                .build())
                        .clientExtensionResults(ClientAssertionExtensionOutputs.builder().build())
                        .build();
        try {
            AssertionResult result = WebAuthn.relyingParty(settings, new SingleCredential(credential), false)
                    .finishAssertion(FinishAssertionOptions.builder().request(request).response(response).build());
            if (!result.isSuccess()) {
                return Fido2Verification.failed("the assertion does not verify");
            }
            return WebAuthn.crossOrigin(signature.clientDataJson().value())
                    ? Fido2Verification.failed("the assertion was made in a cross-origin frame (crossOrigin: true)")
                    : Fido2Verification.ok();
        } catch (AssertionFailedException e) {
            return Fido2Verification.failed("the assertion does not verify: " + e.getMessage());
        } catch (RuntimeException e) {
            // the library wraps the JCA's complaints in unchecked exceptions; a signature it cannot check is invalid
            return Fido2Verification.failed("the assertion cannot be checked: " + e);
        }
    }

    /** @return the request the assertion must answer: what a signing ceremony for this message would have sent */
    private AssertionRequest request(ByteArray credentialId, ByteArray userHandle, byte[] challenge) {
        PublicKeyCredentialRequestOptions options = PublicKeyCredentialRequestOptions.builder()
                .challenge(new ByteArray(challenge))
                .rpId(settings.rpId())
                .allowCredentials(List.of(PublicKeyCredentialDescriptor.builder().id(credentialId).build()))
                .userVerification(WebAuthn.userVerification(settings))
                .build();
        return AssertionRequest.builder().publicKeyCredentialRequestOptions(options).userHandle(userHandle).build();
    }

    /** The library's view of the one credential a signature claims. */
    private record SingleCredential(RegisteredCredential credential) implements CredentialRepository {

        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
            return SIGNER.equals(username)
                    ? Set.of(PublicKeyCredentialDescriptor.builder().id(credential.getCredentialId()).build())
                    : Set.of();
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String username) {
            return SIGNER.equals(username) ? Optional.of(credential.getUserHandle()) : Optional.empty();
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
            return credential.getUserHandle().equals(userHandle) ? Optional.of(SIGNER) : Optional.empty();
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
            return credential.getCredentialId().equals(credentialId) && credential.getUserHandle().equals(userHandle)
                    ? Optional.of(credential) : Optional.empty();
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
            return credential.getCredentialId().equals(credentialId) ? Set.of(credential) : Set.of();
        }
    }
}
