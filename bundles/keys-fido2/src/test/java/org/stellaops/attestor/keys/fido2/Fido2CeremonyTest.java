package org.stellaops.attestor.keys.fido2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyInfo;

class Fido2CeremonyTest {

    @TempDir
    Path dir;

    @Test
    void refusesARegistrationFinishedByAnotherPrincipalAndLetsTheOwnerFinishIt() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        String answer = authenticator.register(ceremony.optionsJson(), bed.gesture(),
                SoftwareAuthenticator.Attestation.NONE);

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.BOB, ceremony.id(), answer));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(bed.driver.keys().isEmpty());
        assertEquals("key", bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer).name());
    }

    @Test
    void refusesASignatureCeremonyFinishedByAnotherPrincipal() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        String answer = authenticator.authenticate(ceremony.optionsJson(), bed.gesture());

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.BOB, ceremony.id(), answer));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("another principal"), e.getMessage());
    }

    @Test
    void refusesToFinishARegistrationTwice() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        String answer = bed.authenticator().register(ceremony.optionsJson(), bed.gesture(),
                SoftwareAuthenticator.Attestation.NONE);
        bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer);

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("unknown or already finished"), e.getMessage());
    }

    @Test
    void refusesToFinishASignatureCeremonyTwice() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(),
                authenticator.authenticate(ceremony.optionsJson(), bed.gesture()));
        String fresh = authenticator.authenticate(ceremony.optionsJson(), bed.gesture());

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(), fresh));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
    }

    @Test
    void consumesACeremonyEvenWhenItsAnswerFails() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        assertThrows(KeyDriverException.class, () -> bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(),
                authenticator.authenticate(ceremony.optionsJson(), bed.gesture().withUserPresent(false))));
        String good = authenticator.authenticate(ceremony.optionsJson(), bed.gesture());

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(), good));

        assertTrue(e.getMessage().contains("unknown or already finished"), e.getMessage());
    }

    @Test
    void refusesARegistrationFinishedAfterItExpired() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        String answer = bed.authenticator().register(ceremony.optionsJson(), bed.gesture(),
                SoftwareAuthenticator.Attestation.NONE);
        bed.clock.advance(Duration.ofSeconds(300));

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertTrue(bed.driver.keys().isEmpty());
    }

    @Test
    void refusesASignatureCeremonyFinishedAfterItExpired() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony ceremony = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        String answer = authenticator.authenticate(ceremony.optionsJson(), bed.gesture());
        bed.clock.advance(Duration.ofSeconds(301));

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.ALICE, ceremony.id(), answer));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void acceptsACeremonyFinishedJustBeforeItExpires() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        String answer = bed.authenticator().register(ceremony.optionsJson(), bed.gesture(),
                SoftwareAuthenticator.Attestation.NONE);
        bed.clock.advance(Duration.ofSeconds(299));

        assertEquals("key", bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer).name());
    }

    @Test
    void refusesARegistrationCeremonyIdUsedToFinishASignature() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Ceremony registration = bed.driver.startRegistration(Fido2TestBed.ALICE, "another");
        Ceremony signing = bed.driver.startSigning(Fido2TestBed.ALICE, key.keyId(), Fido2TestBed.MESSAGE);
        String answer = authenticator.authenticate(signing.optionsJson(), bed.gesture());

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishSigning(Fido2TestBed.ALICE, registration.id(), answer));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
    }

    @Test
    void forgetsOpenCeremoniesOnRestart() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        Ceremony ceremony = bed.driver.startRegistration(Fido2TestBed.ALICE, "key");
        String answer = bed.authenticator().register(ceremony.optionsJson(), bed.gesture(),
                SoftwareAuthenticator.Attestation.NONE);
        bed.restart();

        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> bed.driver.finishRegistration(Fido2TestBed.ALICE, ceremony.id(), answer));

        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
    }
}
