package org.stellaops.attestor.sdk.witness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stellaops.attestor.sdk.AttestorException;

class AddCheckpointRequestTest {

    /** The example request body of C2SP tlog-witness. */
    private static final String SPEC_CHECKPOINT = "example.com/behind-the-sofa\n20852163\n"
            + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
            + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gG"
            + "zGku9nTo+zyWE+xeMcTOAYQ8=\n"
            + "\u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UE"
            + "jw6QUXTS5Rovnzv++qbSzm9Q=\n";
    private static final String SPEC_BODY = "old 20852014\n"
            + "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
            + "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
            + "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
            + "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n"
            + "\n" + SPEC_CHECKPOINT;

    @Test
    void parsesTheSpecExampleBody() {
        AddCheckpointRequest req = AddCheckpointRequest.parse(utf8(SPEC_BODY));
        assertEquals(20852014L, req.oldSize());
        assertEquals(4, req.proof().size());
        assertArrayEquals(Base64.getDecoder().decode("PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw="),
                req.proof().get(0));
        assertEquals(SPEC_CHECKPOINT, req.checkpoint());
    }

    @Test
    void formatReproducesTheSpecExampleBody() {
        assertEquals(SPEC_BODY, AddCheckpointRequest.parse(utf8(SPEC_BODY)).format());
    }

    @Test
    void parsesOldSizeZeroWithoutProof() {
        AddCheckpointRequest req = AddCheckpointRequest.parse(utf8("old 0\n\n" + SPEC_CHECKPOINT));
        assertEquals(0, req.oldSize());
        assertTrue(req.proof().isEmpty());
    }

    @Test
    void formattedRequestParsesBackToAnEqualRequest() {
        List<byte[]> proof = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            byte[] h = new byte[32];
            h[0] = (byte) i;
            proof.add(h);
        }
        AddCheckpointRequest req = new AddCheckpointRequest(7, proof, SPEC_CHECKPOINT);
        assertEquals(req, AddCheckpointRequest.parse(utf8(req.format())));
    }

    @Test
    void keepsTheCheckpointVerbatimIncludingItsSignatureLines() {
        String body = "old 1\n\n" + SPEC_CHECKPOINT;
        assertEquals(SPEC_CHECKPOINT, AddCheckpointRequest.parse(utf8(body)).checkpoint());
    }

    @Test
    void rejectsOldSizeWithLeadingZero() {
        assertMalformed(() -> AddCheckpointRequest.parse(utf8("old 012\n\n" + SPEC_CHECKPOINT)));
    }

    @Test
    void rejectsOldSizeThatIsNotDecimal() {
        assertMalformed(() -> AddCheckpointRequest.parse(utf8("old -1\n\n" + SPEC_CHECKPOINT)));
    }

    @Test
    void rejectsOldSizeBeyondSixtyFourBits() {
        assertMalformed(() -> AddCheckpointRequest.parse(utf8("old 9223372036854775808\n\n" + SPEC_CHECKPOINT)));
    }

    @Test
    void rejectsBodyWithoutOldLine() {
        assertMalformed(() -> AddCheckpointRequest.parse(utf8("\n" + SPEC_CHECKPOINT)));
    }

    @Test
    void rejectsOldLineWithTwoSpaces() {
        assertMalformed(() -> AddCheckpointRequest.parse(utf8("old  5\n\n" + SPEC_CHECKPOINT)));
    }

    @Test
    void rejectsSixtyFourProofLines() {
        String line = Base64.getEncoder().encodeToString(new byte[32]) + "\n";
        String body = "old 5\n" + String.join("", Collections.nCopies(64, line)) + "\n" + SPEC_CHECKPOINT;
        assertMalformed(() -> AddCheckpointRequest.parse(utf8(body)));
    }

    @Test
    void rejectsProofLineOfThirtyOneBytes() {
        String body = "old 5\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n\n" + SPEC_CHECKPOINT;
        assertMalformed(() -> AddCheckpointRequest.parse(utf8(body)));
    }

    @Test
    void rejectsProofLineInUrlSafeBase64() {
        String body = "old 5\n5-pKlUdi2LeF_BcMHBn-Ku6yhPGNCswZZD1X_6QgPd8=\n\n" + SPEC_CHECKPOINT;
        assertMalformed(() -> AddCheckpointRequest.parse(utf8(body)));
    }

    @Test
    void rejectsProofLineWithoutPadding() {
        String body = "old 5\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw\n\n" + SPEC_CHECKPOINT;
        assertMalformed(() -> AddCheckpointRequest.parse(utf8(body)));
    }

    @Test
    void rejectsBodyWithoutEmptyLine() {
        assertMalformed(() -> AddCheckpointRequest.parse(utf8("old 5\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n")));
    }

    @Test
    void rejectsBodyWithNothingAfterTheEmptyLine() {
        assertMalformed(() -> AddCheckpointRequest.parse(utf8("old 5\n\n")));
    }

    @Test
    void rejectsBodyThatIsNotUtf8() {
        byte[] body = utf8("old 5\n\n" + SPEC_CHECKPOINT);
        body[body.length - 3] = (byte) 0xff;
        assertMalformed(() -> AddCheckpointRequest.parse(body));
    }

    @Test
    void rejectsCarriageReturnLineEndings() {
        assertMalformed(() -> AddCheckpointRequest.parse(utf8("old 5\r\n\r\n" + SPEC_CHECKPOINT)));
    }

    @Test
    void proofListCannotBeChangedThroughTheAccessor() {
        AddCheckpointRequest req = AddCheckpointRequest.parse(utf8(SPEC_BODY));
        req.proof().get(0)[0] ^= 1;
        assertEquals(AddCheckpointRequest.parse(utf8(SPEC_BODY)), req);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertMalformed(Executable call) {
        assertEquals("witness.malformed", assertThrows(AttestorException.class, call).code());
    }
}
