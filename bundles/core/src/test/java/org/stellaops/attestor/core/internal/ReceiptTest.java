package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Receipt;
import org.stellaops.attestor.store.SignatureCoverage;

class ReceiptTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair ed25519 = TestKeys.ed25519();
    private final TestLog primary = new TestLog("primary.test");

    @BeforeEach
    void start() {
        harness = new Harness(directory);
        harness.trust(ed25519);
        harness.addLog(primary, "primary");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private EntryRecord submitEd25519() {
        return harness.submit(Harness.envelope(ed25519, KeyAlgorithm.ED25519)).record();
    }

    @Test
    void coversAPureEd25519SignatureWithAServiceReceipt() {
        EntryRecord record = submitEd25519();
        assertEquals(List.of(SignatureCoverage.VIA_RECEIPT),
                record.signatures().stream().map(SignatureCoverage::via).toList());
        assertEquals(1, record.receipts().size());
        assertEquals(SignatureCoverage.VIA_RECEIPT, record.logs().get(0).entries().get(0).via());
        assertEquals(EntryRecord.LOGGED, record.status());
    }

    @Test
    void logsTheReceiptDigestSignedWithTheServiceKey() {
        EntryRecord record = submitEd25519();
        Receipt receipt = record.receipts().get(0);
        JsonNode body = StrictJson.parse(record.logEntries().get(0).canonicalizedBody().value(), JsonLimits.DEFAULT);
        JsonNode spec = body.path("spec").path("hashedRekordV002");
        assertArrayEquals(Receipts.sha256(receipt.body().value()),
                Base64.getDecoder().decode(spec.path("data").path("digest").asText()));
        assertEquals(receipt.signature().base64(), spec.path("signature").path("content").asText());
        assertEquals("PKIX_ECDSA_P256_SHA_256", spec.path("signature").path("verifier").path("keyDetails").asText());
        byte[] serviceSpki = Base64.getDecoder().decode(
                spec.path("signature").path("verifier").path("publicKey").path("rawBytes").asText());
        assertEquals(receipt.serviceKeyId(), PublicKeys.keyId(PublicKeys.parseSpki(serviceSpki)));
        assertEquals(record.uuid(), HashedRekord.uuid(record.logEntries().get(0).canonicalizedBody().value()));
    }

    @Test
    void receiptBindsTheEnvelopeDigestAndTheOriginalSignature() {
        EntryRecord record = submitEd25519();
        JsonNode receipt = StrictJson.parse(record.receipts().get(0).body().value(), JsonLimits.DEFAULT);
        assertEquals(Receipt.TYPE, receipt.path("_type").asText());
        assertEquals(record.envelopeDigest(), receipt.path("envelopeDigest").asText());
        assertEquals(0, receipt.path("signatureIndex").asInt());
        assertEquals("PKIX_ED25519", receipt.path("signerAlgorithm").asText());
        assertEquals(PublicKeys.keyId(ed25519.getPublic()), receipt.path("signerKeyId").asText());
        assertEquals(Base64.getEncoder().encodeToString(PublicKeys.spki(ed25519.getPublic())),
                receipt.path("signerPublicKey").asText());
    }

    @Test
    void verifiesARecordCoveredByAReceipt() {
        EntryRecord record = submitEd25519();
        VerificationReport report = harness.verify(record.envelopeDigest());
        assertTrue(report.verified(), report::toString);
        assertEquals(VerificationReport.LOGGED_ALL, report.logged());
        assertTrue(report.checks().stream().anyMatch(c -> c.check().equals("receipt[0]") && c.ok()));
        assertEquals(SignatureCoverage.VIA_RECEIPT, report.entries().get(0).via());
    }

    @Test
    void failsVerificationWhenTheStoredReceiptWasTamperedWith() {
        EntryRecord record = submitEd25519();
        Receipt original = record.receipts().get(0);
        String forged = new String(original.body().value(), StandardCharsets.UTF_8)
                .replace("\"signatureIndex\":0", "\"signatureIndex\":1");
        Receipt tampered = new Receipt(0, Bytes.of(forged.getBytes(StandardCharsets.UTF_8)), original.signature(),
                original.serviceKeyId());
        replaceReceipt(record, tampered);
        VerificationReport report = harness.verify(record.envelopeDigest());
        assertFalse(report.verified());
        assertTrue(report.checks().stream().anyMatch(c -> c.check().equals("receipt[0]") && !c.ok()),
                report::toString);
    }

    @Test
    void failsVerificationWhenTheReceiptSignatureIsNotTheServiceKeys() {
        EntryRecord record = submitEd25519();
        Receipt original = record.receipts().get(0);
        byte[] otherSignature = Signatures.sign(TestKeys.p256().getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                original.body().value());
        replaceReceipt(record, new Receipt(0, original.body(), Bytes.of(otherSignature), original.serviceKeyId()));
        assertFalse(harness.verify(record.envelopeDigest()).verified());
    }

    @Test
    void failsVerificationOnceTheServiceKeyIsRevoked() {
        EntryRecord record = submitEd25519();
        harness.revokeServiceKey(record.receipts().get(0).serviceKeyId());
        VerificationReport report = harness.verify(record.envelopeDigest());
        assertFalse(report.verified());
    }

    /** Receipts are publication state, so a compare-and-set may change them: the way to plant a forged one. */
    private void replaceReceipt(EntryRecord record, Receipt receipt) {
        EntryRecord stored = harness.stored(record.envelopeDigest());
        assertTrue(harness.entries.replaceIf(stored, withReceipt(stored, receipt)));
    }

    private static EntryRecord withReceipt(EntryRecord r, Receipt receipt) {
        return new EntryRecord(r.envelopeDigest(), r.uuid(), r.status(), r.casDigest(), r.payloadType(),
                r.statementType(), r.predicateType(), r.subjects(), r.signerKeyIds(), r.signatures(), r.logs(),
                List.of(receipt), r.facts(), r.derivedBy(), r.createdAt(), r.provenance());
    }
}
