package org.stellaops.attestor.bench.jmh;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.stellaops.attestor.bench.BenchAlgorithm;
import org.stellaops.attestor.bench.KeyPool;
import org.stellaops.attestor.bench.ProvenanceStatements;
import org.stellaops.attestor.bench.SignedEnvelopes;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * RFC 8785 canonicalisation of a ~2 KB DSSE envelope, which the service does once per submission to compute the
 * envelope digest: from bytes (strict parse + canonical write) and from an already parsed tree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JcsBenchmark {

    /** The smallest envelope size wanted. */
    static final int ENVELOPE_BYTES = 2048;

    private static final int STATEMENT_STEP = 32;

    private byte[] envelopeJson;
    private JsonNode envelopeTree;

    /** Signs a statement just large enough for a 2 KB envelope. */
    @Setup(Level.Trial)
    public void setUp() {
        var signer = KeyPool.keys(BenchAlgorithm.ECDSA_P256, 1).get(0);
        // base64 grows the payload by a third; find the statement size that gives a 2 KB envelope.
        for (int statementBytes = ENVELOPE_BYTES / 2; ; statementBytes += STATEMENT_STEP) {
            byte[] statement = new ProvenanceStatements("jmh", statementBytes).statement(1);
            envelopeJson = SignedEnvelopes.sign(statement, signer, BenchAlgorithm.ECDSA_P256.keyAlgorithm(), true);
            if (envelopeJson.length >= ENVELOPE_BYTES) {
                break;
            }
        }
        envelopeTree = StrictJson.parse(envelopeJson, JsonLimits.DEFAULT);
    }

    /** @return the canonical bytes, from the raw envelope bytes */
    @Benchmark
    public byte[] canonicalizeBytes() {
        return Jcs.canonicalize(envelopeJson, JsonLimits.DEFAULT);
    }

    /** @return the canonical bytes, from the parsed tree */
    @Benchmark
    public byte[] canonicalizeTree() {
        return Jcs.canonicalize(envelopeTree);
    }

    byte[] envelopeJson() {
        return envelopeJson.clone();
    }
}
