package org.stellaops.attestor.sdk.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DigestTextTest {

    private static final String HEX = "0123456789abcdef".repeat(4);

    @Test
    void lowercasesTheHexAndKeepsTheAlgorithmAsGiven() {
        assertEquals("sha256:" + HEX, DigestText.canonical("sha256:" + HEX.toUpperCase()));
        assertEquals("gitCommit:abcdef", DigestText.canonical("gitCommit:ABCDEF"));
    }

    @Test
    void refusesADigestOfTheWrongLengthForAKnownAlgorithm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DigestText.canonical("sha256:" + HEX.substring(2)));
        assertEquals("sha256 digests have 64 hex digits, not 62", e.getMessage());
    }

    @Test
    void refusesTextWithoutAlgorithmOrWithNonHexDigits() {
        for (String text : new String[] {HEX, ":" + HEX, "sha256:", "sha256:" + "g".repeat(64), "1sha:ab"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DigestText.canonical(text), text);
            assertEquals("must be <algorithm>:<hex>, e.g. sha256:<64 hex digits>", e.getMessage());
        }
    }
}
