package org.stellaops.attestor.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttestorExceptionTest {

    @Test
    void carriesItsCodeMessageAndCause() {
        IllegalStateException cause = new IllegalStateException("root");
        AttestorException e = new AttestorException("json.malformed", "bad", cause);
        assertEquals("json.malformed", e.code());
        assertEquals("bad", e.getMessage());
        assertSame(cause, e.getCause());
        assertTrue(e.toString().contains("[json.malformed]"));
    }

    @Test
    void refusesANullCode() {
        assertThrows(NullPointerException.class, () -> new AttestorException(null, "x"));
    }
}
