package org.stellaops.attestor.keys.fido2;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.yubico.webauthn.RelyingParty;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.CeremonyKeyDriver;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/**
 * FIDO2 security keys as signing keys. A person registers an authenticator in a browser ceremony; afterwards every
 * signature is a WebAuthn assertion the person approves on the authenticator, in a second ceremony whose challenge
 * binds the message (see {@code docs/fido2-signatures.md}). The server never holds a private key, so
 * {@link #createKey} and {@link #sign} refuse. Registered credentials are kept in
 * {@code <directory>/credentials/<keyId>.json} (0600, directory 0700); open ceremonies only in memory.
 */
@Component(service = {KeyDriver.class, CeremonyKeyDriver.class}, immediate = true, configurationPid = Fido2KeyDriver.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = KeyDriver.DRIVER_PROPERTY + "=" + Fido2KeyDriver.NAME)
@Designate(ocd = Fido2Config.class)
public final class Fido2KeyDriver implements CeremonyKeyDriver {

    /** The ConfigAdmin PID, shared with {@link Fido2SignatureVerifier}. */
    public static final String PID = "org.stellaops.attestor.keys.fido2";
    /** The driver name, also its {@value KeyDriver#DRIVER_PROPERTY} service property. */
    public static final String NAME = "fido2";
    /** The longest key name accepted. */
    public static final int MAX_NAME_LENGTH = 200;

    private static final KeyDriverCapabilities CAPABILITIES =
            new KeyDriverCapabilities(Set.of(KeyAlgorithm.WEBAUTHN_ES256), false, true, true);

    private final Fido2Settings settings;
    private final CredentialStore store;
    private final RegistrationCeremonies registrations;
    private final SignatureCeremonies signatures;

    /**
     * Activates the component.
     *
     * @param context the bundle context, for {@value Fido2Settings#DATA_DIR_PROPERTY}
     * @param config the configuration
     */
    @Activate
    public Fido2KeyDriver(BundleContext context, Fido2Config config) {
        this(Fido2Settings.from(context, config), Clock.systemUTC());
    }

    /**
     * Opens (creating if needed) the state directory and loads the registered credentials.
     *
     * @param settings the settings
     * @param clock the time source of ceremony expiry and registration times
     * @throws KeyDriverException {@code key.driver_failure} on I/O failure or a damaged credential file
     */
    public Fido2KeyDriver(Fido2Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        SecureRandom random = new SecureRandom();
        this.store = new CredentialStore(settings.directory(), random);
        RelyingParty relyingParty = WebAuthn.relyingParty(settings, new WebAuthn.StoreView(store), true);
        this.registrations = new RegistrationCeremonies(settings, store, relyingParty, clock, random);
        this.signatures = new SignatureCeremonies(settings, store, relyingParty, clock, random);
    }

    /** Forgets the open ceremonies. */
    @Deactivate
    public void close() {
        registrations.clear();
        signatures.clear();
    }

    /** @return the absolute state directory */
    public Path directory() {
        return settings.directory();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KeyDriverCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<KeyInfo> keys() {
        return store.all().stream().map(StoredCredential::info).toList();
    }

    @Override
    public Optional<KeyInfo> key(String keyId) {
        return store.byKeyId(keyId).map(StoredCredential::info);
    }

    /**
     * Refuses: a security key's key is made on the authenticator, through {@link #startRegistration}.
     *
     * @throws KeyDriverException always, {@code key.unsupported_operation}
     */
    @Override
    public KeyInfo createKey(String name, KeyAlgorithm algorithm) {
        throw new KeyDriverException(KeyDriverException.UNSUPPORTED_OPERATION,
                "the fido2 driver registers authenticators through a ceremony instead of creating keys");
    }

    /**
     * Refuses: every signature needs a person's approval, through {@link #startSigning}.
     *
     * @throws KeyDriverException always, {@code key.unsupported_operation}
     */
    @Override
    public byte[] sign(String keyId, byte[] message) {
        throw new KeyDriverException(KeyDriverException.UNSUPPORTED_OPERATION,
                "the fido2 driver signs only through a ceremony approved on the authenticator");
    }

    @Override
    public Ceremony startRegistration(String principal, String name) {
        requirePrincipal(principal);
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "a key name of 1 to " + MAX_NAME_LENGTH + " characters is needed");
        }
        return registrations.start(principal, name);
    }

    @Override
    public KeyInfo finishRegistration(String principal, String ceremonyId, String credentialJson) {
        requirePrincipal(principal);
        return registrations.finish(principal, ceremonyId, credentialJson);
    }

    @Override
    public Ceremony startSigning(String principal, String keyId, byte[] message) {
        requirePrincipal(principal);
        Objects.requireNonNull(message, "message");
        return signatures.start(principal, keyId, message);
    }

    @Override
    public byte[] finishSigning(String principal, String ceremonyId, String credentialJson) {
        requirePrincipal(principal);
        return signatures.finish(principal, ceremonyId, credentialJson);
    }

    private static void requirePrincipal(String principal) {
        if (principal == null || principal.isBlank()) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT, "an authenticated principal is needed");
        }
    }
}
