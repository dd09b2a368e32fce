package org.stellaops.attestor.bench.jmh;

import java.security.KeyPair;
import java.util.List;
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
import org.stellaops.attestor.bench.BenchAlgorithm;
import org.stellaops.attestor.bench.KeyPool;
import org.stellaops.attestor.bench.ProvenanceStatements;
import org.stellaops.attestor.bench.SignedEnvelopes;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerifier;
import org.stellaops.attestor.sdk.dsse.ParsedEnvelope;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.json.JsonLimits;

/**
 * What the service does with every submitted envelope before anything else: strict parse (including JCS and the
 * envelope digest) and signature verification against the trust roots. One signature over a ~2 KB SLSA v1
 * statement. The signer is the last key of the trusted set, so {@code 10-unhinted} (no {@code keyid}) is the worst
 * case: nine wrong keys are tried first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvelopeVerificationBenchmark {

    /** Size of the in-toto statement, the DSSE payload. */
    static final int STATEMENT_BYTES = 2048;

    /** The signer's key kind. */
    @Param({"ECDSA_P256", "ED25519", "RSA_3072"})
    public BenchAlgorithm algorithm;

    /**
     * The trusted set: {@code 1} key, {@code 10} keys with the signature's {@code keyid} hint naming the signer, or
     * {@code 10-unhinted} with no hint.
     */
    @Param({"1", "10", "10-unhinted"})
    public String trust;

    private byte[] envelopeJson;
    private List<TrustedSigner> trusted;
    private String signerKeyId;

    /** Generates (or reuses) the keys and signs the envelope. */
    @Setup(Level.Trial)
    public void setUp() {
        int size = trustedSetSize(trust);
        List<KeyPair> keys = KeyPool.keys(algorithm, size);
        KeyPair signer = keys.get(size - 1);
        signerKeyId = PublicKeys.keyId(signer.getPublic());
        byte[] statement = new ProvenanceStatements("jmh", STATEMENT_BYTES).statement(1);
        envelopeJson = SignedEnvelopes.sign(statement, signer, algorithm.keyAlgorithm(), !trust.endsWith("-unhinted"));
        // Trust roots reach the service as PEM; parse them the same way so the key objects are the service's kind.
        trusted = keys.stream()
                .map(k -> PublicKeys.parsePem(PublicKeys.toPem(k.getPublic())))
                .map(k -> new TrustedSigner(PublicKeys.keyId(k), k, algorithm.keyAlgorithm()))
                .toList();
    }

    /** @return the verification result (the set of trusted key ids that verified) */
    @Benchmark
    public EnvelopeVerification parseAndVerify() {
        ParsedEnvelope parsed = DsseEnvelopes.parse(envelopeJson, JsonLimits.DEFAULT);
        return EnvelopeVerifier.verify(parsed.envelope(), trusted);
    }

    String signerKeyId() {
        return signerKeyId;
    }

    byte[] envelopeJson() {
        return envelopeJson.clone();
    }

    private static int trustedSetSize(String trust) {
        switch (trust) {
            case "1":
                return 1;
            case "10":
            case "10-unhinted":
                return 10;
            default:
                throw new IllegalArgumentException("trust must be 1, 10 or 10-unhinted, not " + trust);
        }
    }
}
