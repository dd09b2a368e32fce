package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class VerifyReportTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void printsOneAlignedLinePerCheckAndAVerifiedSummary() throws Exception {
        VerifyReport report = VerifyReport.parse(json("""
                {"verified": true, "envelopeDigest": "sha256:0f1e",
                 "checks": [{"check": "signature", "ok": true, "detail": "1 trusted key verified"},
                            {"check": "inclusion", "ok": true, "detail": "log index 41"}]}"""));

        assertEquals(List.of(
                "ok    signature  1 trusted key verified",
                "ok    inclusion  log index 41",
                "VERIFIED sha256:0f1e (2 of 2 checks passed)"), report.lines());
        assertEquals(ExitCodes.OK, report.exitCode());
    }

    @Test
    void exitsWith1WhenTheServiceSaysNotVerified() throws Exception {
        VerifyReport report = VerifyReport.parse(json("""
                {"verified": false, "envelopeDigest": "sha256:0f1e",
                 "checks": [{"check": "signature", "ok": false, "detail": "no trusted key verified"}]}"""));

        assertEquals(List.of("FAIL  signature  no trusted key verified", "NOT VERIFIED sha256:0f1e (0 of 1 checks passed)"),
                report.lines());
        assertEquals(ExitCodes.FAILED, report.exitCode());
    }

    @Test
    void rejectsAnAnswerWithoutAVerdictAsNotTheApi() throws Exception {
        CliException e = assertThrows(CliException.class, () -> VerifyReport.parse(json("{\"status\": \"ok\"}")));

        assertEquals(ExitCodes.UNAVAILABLE, e.exitCode());
    }
}
