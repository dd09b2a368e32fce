package org.stellaops.attestor.sdk.witness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.Hashing;

class CosignerTest {

    private static final KeyPair JDK_ED25519 = TestKeys.jdk("Ed25519", null);

    @Test
    void keyHintIsTheFirstFourBytesOfSha256OverNameNewlineTypeFourAndRawKey() {
        Cosigner c = new Cosigner("witness.example/w1", TestKeys.ED25519.getPublic());
        byte[] expected = Arrays.copyOf(Hashing.sha256("witness.example/w1\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x04}, c.rawKey()), 4);
        assertArrayEquals(expected, c.keyHint());
    }

    @Test
    void vkeyHasNameHexHintAndBase64OfTypeFourAndKey() {
        Cosigner c = new Cosigner("witness.example/w1", TestKeys.ED25519.getPublic());
        String[] parts = c.vkey().split("\\+", 3);
        assertEquals("witness.example/w1", parts[0]);
        assertEquals(HexFormat.of().formatHex(c.keyHint()), parts[1]);
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        assertEquals(0x04, typed[0]);
        assertArrayEquals(c.rawKey(), Arrays.copyOfRange(typed, 1, typed.length));
    }

    @Test
    void vkeyRoundTripsThroughParseVkey() {
        Cosigner c = new Cosigner("witness.example/w1", TestKeys.ED25519.getPublic());
        assertEquals(c, Cosigner.parseVkey(c.vkey()));
    }

    @Test
    void parsesTheRekorTilesWitnessKeyGivenInTypeOneForm() {
        Cosigner c = Cosigner.parseVkey(RekorTilesVectors.WITNESS_POLICY_VKEY);
        assertEquals("rekor-witness-test", c.name());
        assertEquals("288fb80f", HexFormat.of().formatHex(c.keyHint()));
    }

    @Test
    void cosignersWithTheSameKeyFromDifferentProvidersAreEqual() {
        Cosigner jdk = new Cosigner("w", JDK_ED25519.getPublic());
        Cosigner bc = new Cosigner("w", PublicKeys.parseSpki(JDK_ED25519.getPublic().getEncoded()));
        assertEquals(jdk, bc);
        assertEquals(jdk.hashCode(), bc.hashCode());
    }

    @Test
    void rejectsVkeyWhoseKeyIdDoesNotMatchItsKey() {
        String vkey = new Cosigner("w", TestKeys.ED25519.getPublic()).vkey();
        String other = "w+00000000+" + vkey.split("\\+", 3)[2];
        assertCode("witness.bad_key", () -> Cosigner.parseVkey(other));
    }

    @Test
    void rejectsVkeyWhoseNameWasChanged() {
        String vkey = new Cosigner("w1", TestKeys.ED25519.getPublic()).vkey();
        assertCode("witness.bad_key", () -> Cosigner.parseVkey("w2" + vkey.substring(2)));
    }

    @Test
    void rejectsVkeyOfAnEcdsaNoteKey() {
        String vkey = VerifierKeys.ecdsaVkey("w", TestKeys.P256.getPublic());
        assertCode("witness.bad_key", () -> Cosigner.parseVkey(vkey));
    }

    @Test
    void rejectsVkeyWithTruncatedKey() {
        byte[] typed = new byte[32];
        typed[0] = 0x04;
        String vkey = "w+00000000+" + Base64.getEncoder().encodeToString(typed);
        assertCode("witness.bad_key", () -> Cosigner.parseVkey(vkey));
    }

    @Test
    void rejectsVkeyThatIsNotThreePlusSeparatedParts() {
        assertCode("witness.bad_key", () -> Cosigner.parseVkey("just-a-name"));
    }

    @Test
    void rejectsNameWithSpace() {
        assertCode("witness.bad_key", () -> new Cosigner("bad name", TestKeys.ED25519.getPublic()));
    }

    @Test
    void rejectsNameWithPlus() {
        assertCode("witness.bad_key", () -> new Cosigner("a+b", TestKeys.ED25519.getPublic()));
    }

    @Test
    void rejectsKeyThatIsNotEd25519() {
        AttestorException e = assertThrows(AttestorException.class,
                () -> new Cosigner("w", TestKeys.P256.getPublic()));
        assertEquals("witness.bad_key", e.code());
        assertTrue(e.getMessage().contains("Ed25519"));
    }

    private static void assertCode(String code, org.junit.jupiter.api.function.Executable call) {
        assertEquals(code, assertThrows(AttestorException.class, call).code());
    }
}
