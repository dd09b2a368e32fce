package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.sdk.AttestorException;

class VerifyRequestsTest {

    private static VerifyRequest parse(String json) {
        return VerifyRequests.of(VerifyRequests.object(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String refusedCode(String json) {
        return assertThrows(AttestorException.class, () -> parse(json)).code();
    }

    @Test
    void readsAStoredRecordsId() {
        VerifyRequest r = parse("{\"uuid\":\"sha256:abc\"}");
        assertEquals("sha256:abc", r.id());
        assertNull(r.envelopeJson());
        assertTrue(r.tlogEntries().isEmpty());
    }

    @Test
    void readsAnEnvelopeWithoutEntries() {
        VerifyRequest r = parse("{\"envelope\":{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[]}}");
        assertNull(r.id());
        assertArrayEquals("{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[]}".getBytes(StandardCharsets.UTF_8),
                r.envelopeJson());
        assertTrue(r.tlogEntries().isEmpty());
    }

    @Test
    void readsAnEnvelopeWithItsOfflineEntries() {
        VerifyRequest r = parse("{\"envelope\":{},\"tlogEntries\":[{\"logIndex\":\"1\"},{\"logIndex\":\"2\"}]}");
        assertEquals(2, r.tlogEntries().size());
        assertEquals("{\"logIndex\":\"2\"}", new String(r.tlogEntries().get(1), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"uuid\":\"a\",\"envelope\":{}}", "{\"uuid\":1}", "{\"uuid\":\"a\",\"tlogEntries\":[{}]}",
            "{\"envelope\":{},\"tlogEntries\":{}}", "{\"envelope\":{},\"tlogEntries\":[]}",
            "{\"envelope\":{},\"tlogEntries\":[1]}", "[]"})
    void refusesAnotherShapeAsMalformedRequest(String json) {
        assertEquals("request.malformed", refusedCode(json));
    }

    @Test
    void refusesSixtyFiveEntries() {
        assertEquals("request.malformed", refusedCode("{\"envelope\":{},\"tlogEntries\":[" + "{},".repeat(64) + "{}]}"));
    }

    @Test
    void readsTheSigstoreBundleShapeOfRfc3161Timestamps() {
        VerifyRequest r = parse("{\"uuid\":\"a\",\"rfc3161Timestamps\":[{\"signedTimestamp\":\"MAMCAQA=\"}]}");
        assertEquals(1, r.rfc3161Timestamps().size());
        assertArrayEquals(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}, r.rfc3161Timestamps().get(0));
        assertTrue(parse("{\"uuid\":\"a\"}").rfc3161Timestamps().isEmpty());
    }

    @Test
    void refusesDuplicateMembersAndBrokenJson() {
        assertEquals("json.duplicate_member", refusedCode("{\"uuid\":\"a\",\"uuid\":\"b\"}"));
        assertEquals("json.malformed", refusedCode("{\"uuid\":"));
    }
}
