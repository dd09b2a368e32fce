package org.stellaops.attestor.keys.fido2;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;

import org.stellaops.attestor.api.model.Bytes;

/**
 * The glue between this bundle's types and webauthn-server-core: the relying party both components use, and the
 * conversions of stored credentials into the library's records.
 */
final class WebAuthn {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private WebAuthn() {
    }

    /**
     * A relying party that offers and accepts ES256 only, asks for no attestation and accepts attestation it cannot
     * trace to a root (none, self, or an unknown vendor): a person registering a key is authenticated already, and
     * what matters afterwards is the key, not its make.
     *
     * @param settings the settings
     * @param credentials the credentials it sees
     * @param validateSignatureCounter whether an assertion's counter must exceed the stored one
     * @return the relying party
     */
    static RelyingParty relyingParty(Fido2Settings settings, CredentialRepository credentials,
                                     boolean validateSignatureCounter) {
        return RelyingParty.builder()
                .identity(RelyingPartyIdentity.builder().id(settings.rpId()).name(settings.rpName()).build())
                .credentialRepository(credentials)
                .origins(settings.origins())
                .preferredPubkeyParams(List.of(PublicKeyCredentialParameters.ES256))
                .attestationConveyancePreference(AttestationConveyancePreference.NONE)
                .allowUntrustedAttestation(true)
                .allowOriginPort(false)
                .allowOriginSubdomain(false)
                .validateSignatureCounter(validateSignatureCounter)
                .build();
    }

    /**
     * @param settings the settings
     * @return the user verification to ask for
     */
    static UserVerificationRequirement userVerification(Fido2Settings settings) {
        return settings.requireUserVerification() ? UserVerificationRequirement.REQUIRED
                : UserVerificationRequirement.PREFERRED;
    }

    /**
     * @param credential a stored credential
     * @return the library's view of it
     */
    static RegisteredCredential registered(StoredCredential credential) {
        return RegisteredCredential.builder()
                .credentialId(new ByteArray(credential.credentialId().value()))
                .userHandle(new ByteArray(credential.userHandle().value()))
                .publicKeyCose(new ByteArray(credential.publicKeyCose().value()))
                .signatureCount(credential.signatureCount())
                .backupEligible(credential.backupEligible())
                .build();
    }

    /**
     * @param credential a stored credential
     * @return the descriptor browsers get in {@code allowCredentials} / {@code excludeCredentials}
     */
    static PublicKeyCredentialDescriptor descriptor(StoredCredential credential) {
        Set<AuthenticatorTransport> transports = credential.transports().stream().map(AuthenticatorTransport::of)
                .collect(Collectors.toSet());
        PublicKeyCredentialDescriptor.PublicKeyCredentialDescriptorBuilder builder =
                PublicKeyCredentialDescriptor.builder().id(new ByteArray(credential.credentialId().value()));
        return transports.isEmpty() ? builder.build() : builder.transports(transports).build();
    }

    /**
     * The library writes browser options wrapped as {@code {"publicKey": …}}; the ceremony hands out the inner
     * object (the WebAuthn {@code PublicKeyCredentialCreationOptionsJSON} / {@code …RequestOptionsJSON} shape).
     *
     * @param wrapped the library's JSON
     * @return the inner options object
     */
    static String unwrapPublicKey(String wrapped) {
        try {
            JsonNode inner = JSON.readTree(wrapped).get("publicKey");
            return JSON.writeValueAsString(inner);
        } catch (IOException e) {
            throw new IllegalStateException("the library wrote options that are not JSON", e);
        }
    }

    /**
     * Whether the ceremony ran in a frame embedded by another origin ({@code "crossOrigin": true}). Attestor's pages
     * are never meant to be embedded, and webauthn-server-core does not look at the member, so such ceremonies are
     * refused here: they are what a page framing the console to trick a person into touching the key would produce.
     *
     * @param clientDataJson the client data JSON (already parsed successfully by the library)
     * @return whether {@code crossOrigin} is {@code true}
     */
    static boolean crossOrigin(byte[] clientDataJson) {
        try {
            JsonNode crossOrigin = JSON.readTree(clientDataJson).get("crossOrigin");
            return crossOrigin != null && crossOrigin.isBoolean() && crossOrigin.booleanValue();
        } catch (IOException e) {
            // unreachable after the library parsed the same bytes; treat unreadable client data as hostile
            return true;
        }
    }

    /** A repository over the credentials of a {@link CredentialStore}. */
    static final class StoreView implements CredentialRepository {

        private final CredentialStore store;

        StoreView(CredentialStore store) {
            this.store = store;
        }

        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String principal) {
            return store.ofPrincipal(principal).stream().map(WebAuthn::descriptor).collect(Collectors.toSet());
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String principal) {
            return java.util.Optional.of(new ByteArray(store.userHandle(principal).value()));
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
            return store.all().stream().filter(c -> c.userHandle().equals(bytes(userHandle)))
                    .map(StoredCredential::principal).findFirst();
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
            return store.byCredentialId(bytes(credentialId))
                    .filter(c -> c.userHandle().equals(bytes(userHandle)))
                    .map(WebAuthn::registered);
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
            return store.byCredentialId(bytes(credentialId)).map(WebAuthn::registered).stream()
                    .collect(Collectors.toSet());
        }

        private static Bytes bytes(ByteArray value) {
            return Bytes.of(value.getBytes());
        }
    }
}
