package org.stellaops.attestor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Real key pairs of every supported type, written as PEM files the way other tools write them. */
enum TestKeys {
    EC_P256("EC", new ECGenParameterSpec("secp256r1"), 0),
    EC_P384("EC", new ECGenParameterSpec("secp384r1"), 0),
    ED25519("Ed25519", null, 0),
    RSA_2048("RSA", null, 2048),
    RSA_3072("RSA", null, 3072);

    private final String algorithm;
    private final ECGenParameterSpec curve;
    private final int bits;

    TestKeys(String algorithm, ECGenParameterSpec curve, int bits) {
        this.algorithm = algorithm;
        this.curve = curve;
        this.bits = bits;
    }

    KeyPair generate() {
        return generate(algorithm, curve, bits);
    }

    static KeyPair generate(String algorithm, ECGenParameterSpec curve, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(curve);
            } else if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 "PRIVATE KEY", as openssl genpkey writes it. */
    static Path writePkcs8(Path dir, KeyPair pair) throws IOException {
        return writePem(dir.resolve("key-pkcs8.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /**
     * The traditional forms, as {@code openssl ecparam -genkey} and {@code openssl genrsa -traditional} write them:
     * SEC1 "EC PRIVATE KEY" with the named curve and the public key, or PKCS#1 "RSA PRIVATE KEY".
     */
    static Path writeTraditional(Path dir, KeyPair pair) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
        if (pair.getPrivate() instanceof ECPrivateKey ec) {
            org.bouncycastle.asn1.sec.ECPrivateKey inner =
                    org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            DERBitString publicKey = new DERBitString(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded())
                    .getPublicKeyData().getBytes());
            byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(), inner.getKey(),
                    publicKey, info.getPrivateKeyAlgorithm().getParameters()).getEncoded("DER");
            return writePem(dir.resolve("key-sec1.pem"), "EC PRIVATE KEY", sec1);
        }
        byte[] pkcs1 = info.parsePrivateKey().toASN1Primitive().getEncoded("DER");
        return writePem(dir.resolve("key-pkcs1.pem"), "RSA PRIVATE KEY", pkcs1);
    }

    static Path writePem(Path file, String label, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
        return file;
    }
}
