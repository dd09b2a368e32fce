package org.stellaops.attestor.keys.fido2;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.testing.MutableClock;

/**
 * A state directory, a clock the test moves, and the driver and verifier over them, with shortcuts for whole
 * ceremonies done by a {@link SoftwareAuthenticator}.
 */
final class Fido2TestBed {

    static final String ORIGIN = "https://localhost:8443";
    static final String RP_ID = "localhost";
    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    static final byte[] MESSAGE = "DSSEv1 28 application/vnd.in-toto+json 2 {}".getBytes(StandardCharsets.UTF_8);

    final Path directory;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final SecureRandom random = new SecureRandom();
    final boolean requireUserVerification;
    Fido2KeyDriver driver;
    Fido2SignatureVerifier verifier;

    Fido2TestBed(Path directory) {
        this(directory, false);
    }

    Fido2TestBed(Path directory, boolean requireUserVerification) {
        this.directory = directory;
        this.requireUserVerification = requireUserVerification;
        restart();
    }

    /** Replaces driver and verifier by fresh instances over the same directory, as after a restart. */
    void restart() {
        driver = new Fido2KeyDriver(settings(), clock);
        verifier = new Fido2SignatureVerifier(settings());
    }

    Fido2Settings settings() {
        return settings(directory, requireUserVerification);
    }

    static Fido2Settings settings(Path directory, boolean requireUserVerification) {
        return new Fido2Settings(RP_ID, "StellaOps Attestor", Set.of(ORIGIN, "http://localhost:8080"),
                requireUserVerification, Duration.ofSeconds(300), directory);
    }

    SoftwareAuthenticator authenticator() {
        return new SoftwareAuthenticator(random);
    }

    SoftwareAuthenticator.Gesture gesture() {
        return SoftwareAuthenticator.Gesture.at(ORIGIN).withUserVerified(requireUserVerification);
    }

    KeyInfo register(String principal, String name, SoftwareAuthenticator authenticator) {
        Ceremony ceremony = driver.startRegistration(principal, name);
        return driver.finishRegistration(principal, ceremony.id(), authenticator.register(ceremony.optionsJson(),
                gesture(), SoftwareAuthenticator.Attestation.NONE));
    }

    byte[] sign(String principal, KeyInfo key, byte[] message, SoftwareAuthenticator authenticator) {
        return sign(principal, key, message, authenticator, gesture());
    }

    byte[] sign(String principal, KeyInfo key, byte[] message, SoftwareAuthenticator authenticator,
                SoftwareAuthenticator.Gesture gesture) {
        Ceremony ceremony = driver.startSigning(principal, key.keyId(), message);
        return driver.finishSigning(principal, ceremony.id(), authenticator.authenticate(ceremony.optionsJson(),
                gesture));
    }

    /**
     * Makes a FIDO2 signature without the driver, so that it can carry what the driver would refuse (a wrong
     * origin, a wrong RP id, missing flags).
     */
    byte[] forge(SoftwareAuthenticator authenticator, byte[] message, String rpId,
                 SoftwareAuthenticator.Gesture gesture) {
        byte[] nonce = new byte[SigningChallenge.NONCE_LENGTH];
        random.nextBytes(nonce);
        SoftwareAuthenticator.Assertion assertion = authenticator.assertion(SigningChallenge.derive(nonce, message),
                rpId, gesture);
        return new Fido2Signature(Bytes.of(assertion.authenticatorData()),
                Bytes.of(assertion.clientDataJson()),
                Bytes.of(authenticator.credentialId()),
                Bytes.of(nonce),
                Bytes.of(assertion.signature())).encode();
    }
}
