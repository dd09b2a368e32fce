package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.core.service.AttestationService.VerifyOutcome;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.store.EntryRecord;

class VerifyBatchTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();

    @BeforeEach
    void start() {
        harness = new Harness(directory, Harness.Settings.defaults().with("batchMaxItems", 3));
        harness.trust(signer);
        harness.addLog(new TestLog("primary.test"), "primary");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void verifiesEachItemAsItWouldBeVerifiedOnItsOwn() {
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        EntryRecord record = harness.submit(envelope).record();
        LogEntry entry = record.logEntries().get(0);
        byte[] tle = RekorV2.entryJson(entry, HexFormat.of().parseHex(entry.logId()));
        List<VerifyOutcome> outcomes = harness.core.verifyBatch(List.of(
                new VerifyRequest(record.uuid(), null, null),
                new VerifyRequest(null, envelope, null),
                new VerifyRequest(null, envelope, List.of(tle))), Harness.WHO);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, outcomes.get(i).index());
            assertNull(outcomes.get(i).failure());
            assertTrue(outcomes.get(i).report().verified(), outcomes.get(i)::toString);
        }
    }

    @Test
    void capturesAnUnknownIdWithoutFailingTheOthers() {
        EntryRecord record = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record();
        List<VerifyOutcome> outcomes = harness.core.verifyBatch(List.of(
                new VerifyRequest("sha256:" + "0".repeat(64), null, null),
                new VerifyRequest(record.envelopeDigest(), null, null)), Harness.WHO);
        assertEquals(ErrorCodes.ENTRY_NOT_FOUND, ((AttestorException) outcomes.get(0).failure()).code());
        assertTrue(outcomes.get(1).report().verified());
        Harness.await("both verifications audited", () -> harness.audit.actions().stream()
                .filter(CoreCodes.ENTRY_VERIFY::equals).count() == 2);
    }

    @Test
    void refusesABatchLargerThanTheLimit() {
        VerifyRequest request = new VerifyRequest("sha256:" + "0".repeat(64), null, null);
        AttestorException e = assertThrows(AttestorException.class, () -> harness.core.verifyBatch(
                List.of(request, request, request, request), Harness.WHO));
        assertEquals(CoreCodes.BATCH_TOO_LARGE, e.code());
        assertFalse(harness.audit.actions().isEmpty());
    }
}
