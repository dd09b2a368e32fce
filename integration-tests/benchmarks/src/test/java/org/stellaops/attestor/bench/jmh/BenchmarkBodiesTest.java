package org.stellaops.attestor.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.stellaops.attestor.bench.BenchAlgorithm;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.MerkleProofException;
import org.stellaops.attestor.sdk.merkle.Rfc6962;

/**
 * Runs every benchmark body once, for every declared parameter value, and checks that it computes the right thing.
 * Correctness only: nothing here is timed.
 */
class BenchmarkBodiesTest {

    @Test
    void everyEnvelopeVerificationCaseVerifiesExactlyTheSigner() throws Exception {
        for (String algorithm : params(EnvelopeVerificationBenchmark.class, "algorithm")) {
            for (String trust : params(EnvelopeVerificationBenchmark.class, "trust")) {
                EnvelopeVerificationBenchmark b = new EnvelopeVerificationBenchmark();
                b.algorithm = BenchAlgorithm.valueOf(algorithm);
                b.trust = trust;
                b.setUp();
                EnvelopeVerification result = b.parseAndVerify();
                assertTrue(result.anyVerified(), algorithm + "/" + trust);
                assertEquals(Set.of(b.signerKeyId()), result.verifiedKeyIds(), algorithm + "/" + trust);
            }
        }
    }

    @Test
    void verifiedEnvelopesCarryAStatementOfAboutTwoKilobytes() {
        EnvelopeVerificationBenchmark b = new EnvelopeVerificationBenchmark();
        b.algorithm = BenchAlgorithm.ECDSA_P256;
        b.trust = "1";
        b.setUp();
        int payload = DsseEnvelopes.parse(b.envelopeJson(), JsonLimits.DEFAULT).envelope().payload().length();
        assertTrue(payload >= 2048 && payload < 2400, "statement of " + payload + " bytes");
    }

    @Test
    void signatureBaselineAcceptsTheSignatureOfEveryAlgorithm() throws Exception {
        for (String algorithm : params(SignatureVerificationBenchmark.class, "algorithm")) {
            SignatureVerificationBenchmark b = new SignatureVerificationBenchmark();
            b.algorithm = BenchAlgorithm.valueOf(algorithm);
            b.setUp();
            assertTrue(b.verify(), algorithm);
        }
    }

    @Test
    void bothJcsPathsGiveTheParsersCanonicalFormOfATwoKilobyteEnvelope() {
        JcsBenchmark b = new JcsBenchmark();
        b.setUp();
        byte[] json = b.envelopeJson();
        assertTrue(json.length >= 2048 && json.length < 2300, "envelope of " + json.length + " bytes");
        byte[] expected = DsseEnvelopes.parse(json, JsonLimits.DEFAULT).canonicalJson();
        assertArrayEquals(expected, b.canonicalizeBytes());
        assertArrayEquals(expected, b.canonicalizeTree());
    }

    @Test
    void inclusionProofOfEveryBenchmarkedLeafVerifiesInTheMillionLeafTree() throws Exception {
        for (String leaf : params(InclusionProofBenchmark.class, "leafIndex")) {
            InclusionProofBenchmark b = inclusion(Long.parseLong(leaf));
            b.verify();
            assertFalse(b.proof().isEmpty(), "leaf " + leaf);
            assertTrue(b.proof().size() <= 20, "a tree of 10^6 leaves has depth 20");
        }
    }

    @Test
    void inclusionProofOfTheSyntheticTreeRejectsAnotherLeaf() {
        InclusionProofBenchmark b = inclusion(765_431);
        byte[] other = Rfc6962.leafHash("another leaf".getBytes(StandardCharsets.UTF_8));
        assertThrows(MerkleProofException.class,
                () -> InclusionProofs.verify(765_431, 1_000_000, other, b.proof(), b.root()));
        assertThrows(MerkleProofException.class,
                () -> InclusionProofs.verify(765_430, 1_000_000, b.leafHash(), b.proof(), b.root()));
    }

    private static InclusionProofBenchmark inclusion(long leaf) {
        InclusionProofBenchmark b = new InclusionProofBenchmark();
        b.treeSize = 1_000_000;
        b.leafIndex = leaf;
        b.setUp();
        return b;
    }

    private static String[] params(Class<?> benchmark, String field) throws NoSuchFieldException {
        return benchmark.getField(field).getAnnotation(Param.class).value();
    }
}
