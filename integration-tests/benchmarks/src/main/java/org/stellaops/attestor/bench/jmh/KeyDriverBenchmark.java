package org.stellaops.attestor.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.bench.ProvenanceStatements;
import org.stellaops.attestor.keys.file.FileKeyDriver;
import org.stellaops.attestor.keys.pkcs11.Pkcs11KeyDriver;
import org.stellaops.attestor.keys.pkcs11.Pkcs11KeyDriverConfig;
import org.stellaops.attestor.sdk.dsse.Pae;
import org.stellaops.attestor.testing.Osgi;

/**
 * Signatures per second through a key driver, and verifications per second of those signatures with BouncyCastle,
 * over the PAE of a ~2 KB SLSA statement. {@code FILE_P256}: the file driver (in-process BouncyCastle ECDSA P-256).
 * {@code PKCS11_P256} and {@code PKCS11_RSA3072_PSS}: the PKCS#11 driver on a SoftHSM2 token the benchmark makes
 * itself ({@link BenchSoftHsm}), defaults of the driver (4 token workers, 5 s timeout), so every signature also pays
 * the hand-off to a token worker and back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyDriverBenchmark {

    /** Which driver and key kind signs. */
    @Param({"FILE_P256", "PKCS11_P256", "PKCS11_RSA3072_PSS"})
    public String signer;

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Path fileDirectory;
    private KeyDriver driver;
    private KeyInfo key;
    private byte[] pae;
    private byte[] signature;
    private PublicKey publicKey;
    private final ThreadLocal<Signature> verifiers = ThreadLocal.withInitial(this::newVerifier);

    /** Opens the driver, creates the key and signs the PAE once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, GeneralSecurityException {
        byte[] statement = new ProvenanceStatements("jmh", EnvelopeVerificationBenchmark.STATEMENT_BYTES).statement(1);
        pae = Pae.encode(Envelope.IN_TOTO_PAYLOAD_TYPE, statement);
        String name = "bench-" + Long.toHexString(System.nanoTime());
        switch (signer) {
            case "FILE_P256" -> {
                fileDirectory = Files.createTempDirectory("bench-keys-file-");
                driver = new FileKeyDriver(fileDirectory.resolve("keys"), "benchmark".toCharArray());
                key = driver.createKey(name, KeyAlgorithm.ECDSA_P256_SHA256);
            }
            case "PKCS11_P256" -> key = pkcs11().createKey(name, KeyAlgorithm.ECDSA_P256_SHA256);
            case "PKCS11_RSA3072_PSS" -> key = pkcs11().createKey(name, KeyAlgorithm.RSA_PSS_SHA256);
            default -> throw new IllegalArgumentException("unknown signer " + signer);
        }
        boolean rsa = key.algorithm() == KeyAlgorithm.RSA_PSS_SHA256;
        publicKey = KeyFactory.getInstance(rsa ? "RSA" : "EC", BC)
                .generatePublic(new X509EncodedKeySpec(key.publicKey().value()));
        signature = sign();
        if (!verify()) {
            throw new IllegalStateException(signer + ": the driver's signature does not verify");
        }
    }

    private KeyDriver pkcs11() {
        Map<String, Object> config = Map.of("library", BenchSoftHsm.LIBRARY, "tokenLabel", BenchSoftHsm.LABEL,
                "pinFile", BenchSoftHsm.pinFile().toString());
        driver = new Pkcs11KeyDriver(Osgi.config(Pkcs11KeyDriverConfig.class, config), config);
        return driver;
    }

    /** Closes the driver (logs out of the token) and deletes the file driver's keys. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (driver instanceof Pkcs11KeyDriver pkcs11) {
            pkcs11.close();
        } else if (driver instanceof FileKeyDriver file) {
            file.close();
        }
        if (fileDirectory != null) {
            try (Stream<Path> files = Files.walk(fileDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** @return a fresh signature of the PAE */
    @Benchmark
    public byte[] sign() {
        return driver.sign(key.keyId(), pae);
    }

    /** @return whether the signature made in the set-up verifies (always true) */
    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        Signature verifier = verifiers.get();
        verifier.initVerify(publicKey);
        verifier.update(pae);
        return verifier.verify(signature);
    }

    private Signature newVerifier() {
        try {
            if (key.algorithm() == KeyAlgorithm.RSA_PSS_SHA256) {
                Signature pss = Signature.getInstance("SHA256withRSAandMGF1", BC);
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                return pss;
            }
            return Signature.getInstance("SHA256withECDSA", BC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the key that signs, for tests */
    KeyInfo key() {
        return key;
    }
}
