package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;

/** Verification of an envelope against log entries the caller brings (offline proofs). */
class SuppliedEntriesTest {

    private static final Provenance WHO = Harness.WHO;

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");

    @BeforeEach
    void start() {
        harness = new Harness(directory, Harness.Settings.defaults());
        harness.trust(signer);
        harness.addLog(primary, "primary");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private VerificationReport verify(byte[] envelopeJson, List<byte[]> entries) {
        var parsed = DsseEnvelopes.parse(envelopeJson, JsonLimits.DEFAULT);
        String digest = SubmissionPipeline.digestOf(parsed);
        EntryRecord supplied = SuppliedEntries.asRecord(digest, parsed.envelope(), entries, JsonLimits.DEFAULT, WHO);
        return harness.verifier.verify(WHO.tenant(), digest, parsed.envelope(), Optional.of(supplied));
    }

    /** Submits an envelope and returns its primary entry as a TransparencyLogEntry document. */
    private byte[] loggedEntryOf(byte[] envelope) {
        EntryRecord record = harness.submit(envelope).record();
        return tle(record.logEntries().get(0));
    }

    private static byte[] tle(LogEntry entry) {
        return RekorV2.entryJson(entry, HexFormat.of().parseHex(entry.logId()));
    }

    @Test
    void verifiesAnEnvelopeAgainstTheEntryTheLogReturnedForIt() {
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        VerificationReport report = verify(envelope, List.of(loggedEntryOf(envelope)));
        assertTrue(report.verified(), report::toString);
        assertEquals("primary.test", report.entries().get(0).origin());
    }

    @Test
    void refusesAnEntryThatLogsAnotherEnvelope() {
        byte[] logged = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        byte[] other = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        VerificationReport report = verify(other, List.of(loggedEntryOf(logged)));
        assertFalse(report.verified(), report::toString);
        assertTrue(report.checks().stream().anyMatch(c -> c.check().endsWith(".body") && !c.ok()), report::toString);
    }

    @Test
    void refusesAnEntryWhoseInclusionProofWasAltered() {
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)); // a sibling, so the path has hashes
        LogEntry entry = harness.submit(envelope).record().logEntries().get(0);
        InclusionProof proof = entry.inclusionProof();
        List<Bytes> hashes = new ArrayList<>(proof.hashes());
        byte[] first = hashes.get(0).value();
        first[0] ^= 1;
        hashes.set(0, Bytes.of(first));
        LogEntry altered = new LogEntry(entry.logId(), entry.origin(), entry.logIndex(), entry.uuid(),
                entry.canonicalizedBody(), new InclusionProof(proof.logIndex(), proof.treeSize(), proof.rootHash(),
                        hashes, proof.checkpoint()));
        VerificationReport report = verify(envelope, List.of(tle(altered)));
        assertFalse(report.verified(), report::toString);
        assertFalse(report.entries().get(0).inclusion(), report::toString);
    }

    @Test
    void refusesAnEntryOfALogThatWasNeverRegisteredHere() {
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        byte[] fromStranger;
        Harness elsewhere = new Harness(directory.resolve("elsewhere"), Harness.Settings.defaults());
        try {
            elsewhere.trust(signer);
            elsewhere.addLog(new TestLog("stranger.test"), "primary");
            fromStranger = tle(elsewhere.submit(envelope).record().logEntries().get(0));
        } finally {
            elsewhere.close();
        }
        VerificationReport report = verify(envelope, List.of(fromStranger));
        assertFalse(report.verified(), report::toString);
        assertFalse(report.entries().get(0).checkpoint(), report::toString);
    }

    @Test
    void namesTheEntryThatIsNotATransparencyLogEntry() {
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        AttestorException e = assertThrows(AttestorException.class, () -> verify(envelope,
                List.of(loggedEntryOf(envelope), "{\"logIndex\":\"x\"}".getBytes(StandardCharsets.UTF_8))));
        assertEquals(SuppliedEntries.MALFORMED, e.code());
        assertTrue(e.getMessage().startsWith("tlogEntries[1]"), e.getMessage());
    }

    @Test
    void refusesAnEmptyListOfEntries() {
        byte[] envelope = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        AttestorException e = assertThrows(AttestorException.class, () -> verify(envelope, List.of()));
        assertEquals(SuppliedEntries.MALFORMED, e.code());
    }
}
