package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.EntryRecord;

/** The append-only (AOC) invariants of stored attestations, observed through the core's service API. */
class AttestationInvariantsTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");
    private final TestLog mirror = new TestLog("mirror.test");

    @BeforeEach
    void start() {
        harness = new Harness(directory, Harness.Settings.defaults().primaryDeadline(Duration.ofMillis(50)));
        harness.trust(signer);
        harness.addLog(primary, "primary");
    }

    @AfterEach
    void stop() {
        primary.mode(TestLog.Mode.UP);
        harness.close();
    }

    /** The envelope with the whitespace and member order a client may send: not its canonical (JCS) form. */
    private byte[] asAClientSendsIt() {
        String canonical = new String(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256), StandardCharsets.UTF_8);
        return ("\n  " + canonical.replace(",", ",\n    ") + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private long auditCount(String action) {
        return harness.audit.actions().stream().filter(action::equals).count();
    }

    @Test
    void archivesTheEnvelopeBytesExactlyAsReceived() {
        byte[] request = asAClientSendsIt();
        assertFalse(java.util.Arrays.equals(request, Jcs.canonicalize(request, JsonLimits.DEFAULT)));
        EntryRecord record = harness.core.submit(request, Harness.WHO).record();
        assertArrayEquals(request, harness.core.fetch(Harness.TENANT, record.envelopeDigest()).orElseThrow().envelopeJson());
        assertEquals(MemoryStores.sha256(request), record.casDigest());
    }

    @Test
    void answersAResubmissionWithTheSameRecordAndNoSecondCreationEvent() {
        byte[] request = asAClientSendsIt();
        Submission first = harness.core.submit(request, Harness.WHO);
        Submission again = harness.core.submit(request, Harness.WHO);
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.record(), again.record());
        assertEquals(1, harness.entries.count());
        assertEquals(1, auditCount("entry.submit"));
        assertEquals(1, auditCount("entry.resubmit"));
    }

    @Test
    void recordsHowTheAttestationArrived() {
        Instant before = Instant.now();
        EntryRecord record = harness.core.submit(asAClientSendsIt(), Harness.WHO).record();
        assertEquals("POST /api/v1/rekor/entries", record.provenance().api());
        assertEquals("alice", record.provenance().principal());
        assertEquals(Harness.TENANT, record.tenant());
        assertEquals("192.0.2.1", record.provenance().remoteAddress());
        assertFalse(record.createdAt().isBefore(before));
        assertFalse(record.createdAt().isAfter(Instant.now()));
    }

    @Test
    void marksDerivedFactsWithThePredicateHandlerAndTheCore() {
        EntryRecord record = harness.core.submit(asAClientSendsIt(), Harness.WHO).record();
        assertEquals(Map.of("subjects", 1), record.facts());
        assertEquals("test/1.0.0 " + Harness.CORE, record.derivedBy());
    }

    @Test
    void keepsEveryEnvelopeDerivedFieldWhilePublishing() {
        harness.addLog(mirror, "mirror");
        mirror.mode(TestLog.Mode.DOWN);
        EntryRecord created = harness.core.submit(asAClientSendsIt(), Harness.WHO).record();
        mirror.mode(TestLog.Mode.UP);
        EntryRecord logged = harness.awaitRecord(created.envelopeDigest(), "logged in both logs",
                r -> EntryRecord.LOGGED.equals(r.status()));
        assertNotEquals(created.logs(), logged.logs());
        created.checkReplacement(logged);
    }

    @Test
    void refusesAStoreUpdateThatChangesMoreThanThePublicationState() {
        EntryRecord record = harness.core.submit(asAClientSendsIt(), Harness.WHO).record();
        EntryRecord stored = harness.stored(record.envelopeDigest());
        EntryRecord rewritten = new EntryRecord(stored.envelopeDigest(), stored.uuid(), stored.status(),
                stored.casDigest(), stored.payloadType(), stored.statementType(), stored.predicateType(),
                stored.subjects(), stored.signerKeyIds(), stored.signatures(), stored.logs(), stored.receipts(),
                Map.of("subjects", 99), stored.derivedBy(), stored.createdAt(), stored.provenance());
        assertThrows(IllegalArgumentException.class, () -> harness.entries.replaceIf(stored, rewritten));
        assertEquals(stored, harness.stored(record.envelopeDigest()));
    }
}
