package org.stellaops.attestor.bench.jmh;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.bench.BenchAlgorithm;
import org.stellaops.attestor.bench.KeyPool;
import org.stellaops.attestor.bench.ProvenanceStatements;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.dsse.Pae;

/**
 * The baseline of {@link EnvelopeVerificationBenchmark}: one {@code Signatures.verify} over the PAE of the same
 * ~2 KB statement, without parsing. The difference between the two is the cost of the envelope handling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureVerificationBenchmark {

    /** The signer's key kind; {@code ECDSA_P256} is the baseline the task asks for. */
    @Param({"ECDSA_P256", "ED25519", "RSA_3072"})
    public BenchAlgorithm algorithm;

    private PublicKey publicKey;
    private KeyAlgorithm keyAlgorithm;
    private byte[] pae;
    private byte[] signature;

    /** Signs the PAE once. */
    @Setup(Level.Trial)
    public void setUp() {
        KeyPair pair = KeyPool.keys(algorithm, 1).get(0);
        keyAlgorithm = algorithm.keyAlgorithm();
        byte[] statement = new ProvenanceStatements("jmh", EnvelopeVerificationBenchmark.STATEMENT_BYTES).statement(1);
        pae = Pae.encode(Envelope.IN_TOTO_PAYLOAD_TYPE, statement);
        signature = Signatures.sign(pair.getPrivate(), keyAlgorithm, pae);
        publicKey = PublicKeys.parsePem(PublicKeys.toPem(pair.getPublic()));
    }

    /** @return whether the signature verified (always true) */
    @Benchmark
    public boolean verify() {
        return Signatures.verify(publicKey, keyAlgorithm, pae, signature);
    }
}
