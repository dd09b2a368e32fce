package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.AttestorException;

class IdsTest {

    private static final String HEX = "ab".repeat(32);

    @Test
    void acceptsALowercaseLeafHashAsUuid() {
        assertEquals(new Ids.Uuid(HEX), Ids.parse(HEX));
    }

    @Test
    void normalisesUppercaseHexToLowercase() {
        assertEquals(new Ids.Uuid(HEX), Ids.parse(HEX.toUpperCase()));
    }

    @Test
    void acceptsASha256EnvelopeDigest() {
        assertInstanceOf(Ids.EnvelopeDigest.class, Ids.parse("sha256:" + HEX));
    }

    @Test
    void rejectsShortHexWithBadIdCode() {
        AttestorException e = assertThrows(AttestorException.class, () -> Ids.parse("abcd"));
        assertEquals("request.bad_id", e.code());
    }

    @Test
    void rejectsOtherDigestAlgorithms() {
        assertThrows(AttestorException.class, () -> Ids.parse("sha512:" + HEX));
    }

    @Test
    void rejectsPathTraversalLookalikes() {
        assertThrows(AttestorException.class, () -> Ids.parse("../" + HEX));
    }
}
