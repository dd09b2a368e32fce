package org.stellaops.attestor.tlog.embedded.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPairGenerator;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.witness.Cosigner;

class WitnessSettingsTest {

    private static String vkey(String name) throws Exception {
        return new Cosigner(name, KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()).vkey();
    }

    @Test
    void parsesOneWitnessPerLineAndSkipsBlankLines() throws Exception {
        String a = vkey("w.example/a");
        WitnessSettings settings = WitnessSettings.parse(new String[] {a + "  https://w.example/a/add-checkpoint", " ",
            vkey("w.example/b") + " http://127.0.0.1:9/add-checkpoint"}, 1000, 10_000);
        assertEquals(2, settings.witnesses().size());
        assertEquals("w.example/a", settings.witnesses().get(0).name());
        assertEquals(a, settings.witnesses().get(0).vkey());
        assertEquals("https://w.example/a/add-checkpoint", settings.witnesses().get(0).addCheckpoint().toString());
    }

    @Test
    void refusesALineWithoutAUrl() throws Exception {
        String line = vkey("w.example/a");
        assertThrows(IllegalArgumentException.class, () -> WitnessSettings.parse(new String[] {line}, 1000, 1000));
    }

    @Test
    void refusesAKeyThatIsNotACosignerKey() {
        assertThrows(IllegalArgumentException.class, () -> WitnessSettings.parse(
                new String[] {"w.example/a+00000000+AAAA https://w.example/add-checkpoint"}, 1000, 1000));
    }

    @Test
    void refusesANonHttpUrl() throws Exception {
        String line = vkey("w.example/a") + " file:///etc/passwd";
        assertThrows(IllegalArgumentException.class, () -> WitnessSettings.parse(new String[] {line}, 1000, 1000));
    }

    @Test
    void refusesTheSameWitnessTwice() throws Exception {
        String a = vkey("w.example/a");
        assertThrows(IllegalArgumentException.class, () -> WitnessSettings.parse(
                new String[] {a + " https://x.example/add-checkpoint", a + " https://y.example/add-checkpoint"}, 1000, 1000));
    }
}
