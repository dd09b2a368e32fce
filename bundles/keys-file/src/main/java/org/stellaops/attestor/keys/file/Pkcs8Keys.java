package org.stellaops.attestor.keys.file;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * PKCS#8 private keys moving in and out of the driver: reading a foreign key (deriving its public key and its
 * {@link KeyAlgorithm}) and writing a held key in the exact shape Go's {@code x509.MarshalPKCS8PrivateKey} gives,
 * which is what cosign writes and reads.
 */
final class Pkcs8Keys {

    /** Below this an RSA key is refused as too weak (NIST SP 800-131A). */
    static final int RSA_MIN_BITS = 2048;
    /** Above this an RSA key is refused: nothing issues such keys, and they only make signing slow. */
    static final int RSA_MAX_BITS = 8192;

    /** RFC 8410 id-Ed25519 (BouncyCastle keeps its constant in a package it does not export). */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private Pkcs8Keys() {
    }

    /**
     * A key read from PKCS#8.
     *
     * @param algorithm the algorithm it will sign with (RSA keys sign with PKCS#1 v1.5, as cosign does)
     * @param privateKey the private key
     * @param publicKey the public key derived from it
     */
    record Parsed(KeyAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
        @Override
        public String toString() {
            return "Parsed[" + algorithm + "]";
        }
    }

    /**
     * @param pkcs8 a DER PrivateKeyInfo
     * @return the key, its derived public key and its algorithm
     * @throws KeyDriverException {@code key.invalid_input} for anything that is not a well-formed key,
     *         {@code key.unsupported_algorithm} for a key type, curve or size the driver does not take
     */
    static Parsed parse(byte[] pkcs8) {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(pkcs8));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw invalid("the decrypted content is not a PKCS#8 private key", e);
        }
        ASN1ObjectIdentifier type = info.getPrivateKeyAlgorithm().getAlgorithm();
        try {
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(type)) {
                return complete(pkcs8, ecdsa(info));
            }
            if (ID_ED25519.equals(type)) {
                return complete(pkcs8, ed25519(info));
            }
            if (PKCSObjectIdentifiers.rsaEncryption.equals(type)) {
                return complete(pkcs8, rsa(info));
            }
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw invalid("the PKCS#8 private key is malformed (" + e.getMessage() + ")", e);
        }
        throw unsupported("a private key of type " + type.getId()
                + " cannot be imported (the file driver takes ECDSA P-256/P-384, Ed25519 and RSA keys)");
    }

    /** The algorithm and the DER SubjectPublicKeyInfo, before the JCA objects exist. */
    private record Derived(KeyAlgorithm algorithm, byte[] spki) {
    }

    private static Derived ecdsa(PrivateKeyInfo info) throws IOException {
        ECPrivateKey ec = ECPrivateKey.getInstance(info.parsePrivateKey());
        ASN1Encodable params = info.getPrivateKeyAlgorithm().getParameters();
        if (params == null || params instanceof DERNull) {
            params = ec.getParametersObject();
        }
        if (!(params instanceof ASN1ObjectIdentifier curve)) {
            throw unsupported("an EC key without a named curve cannot be imported");
        }
        KeyAlgorithm algorithm;
        if (SECObjectIdentifiers.secp256r1.equals(curve)) {
            algorithm = KeyAlgorithm.ECDSA_P256_SHA256;
        } else if (SECObjectIdentifiers.secp384r1.equals(curve)) {
            algorithm = KeyAlgorithm.ECDSA_P384_SHA384;
        } else {
            String name = ECNamedCurveTable.getName(curve);
            throw unsupported("EC curve " + (name == null ? curve.getId() : name)
                    + " is not supported (the file driver takes P-256 and P-384)");
        }
        X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
        BigInteger d = ec.getKey();
        if (d.signum() <= 0 || d.compareTo(x9.getN()) >= 0) {
            throw invalid("the EC private scalar is out of range", null);
        }
        ECPoint q = x9.getG().multiply(d).normalize();
        ASN1BitString embedded = ec.getPublicKey();
        if (embedded != null && !x9.getCurve().decodePoint(embedded.getOctets()).equals(q)) {
            throw invalid("the public key embedded in the private key does not belong to it", null);
        }
        return new Derived(algorithm, spki(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                q.getEncoded(false)));
    }

    private static Derived ed25519(PrivateKeyInfo info) throws IOException {
        byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        try {
            if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
                throw invalid("an Ed25519 private key must be 32 bytes, not " + seed.length, null);
            }
            byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            ASN1BitString embedded = info.getPublicKeyData();
            if (embedded != null && !Arrays.equals(embedded.getOctets(), publicKey)) {
                throw invalid("the public key embedded in the private key does not belong to it", null);
            }
            return new Derived(KeyAlgorithm.ED25519,
                    spki(new AlgorithmIdentifier(ID_ED25519), publicKey));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static Derived rsa(PrivateKeyInfo info) throws IOException {
        RSAPrivateKey rsa = RSAPrivateKey.getInstance(info.parsePrivateKey());
        int bits = rsa.getModulus().bitLength();
        if (bits < RSA_MIN_BITS) {
            throw unsupported("an RSA key of " + bits + " bits is too weak (at least " + RSA_MIN_BITS + ")");
        }
        if (bits > RSA_MAX_BITS) {
            throw unsupported("an RSA key of " + bits + " bits is larger than the " + RSA_MAX_BITS + " supported");
        }
        return new Derived(KeyAlgorithm.RSA_PKCS1_SHA256,
                spki(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        new RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()).getEncoded(ASN1Encoding.DER)));
    }

    /** Builds the JCA keys and proves they are one pair by signing and verifying a probe. */
    private static Parsed complete(byte[] pkcs8, Derived derived) {
        try {
            PrivateKey privateKey = Algorithms.privateKey(derived.algorithm(), pkcs8);
            PublicKey publicKey = Algorithms.publicKey(derived.algorithm(), derived.spki());
            if (!Algorithms.isPair(privateKey, publicKey, derived.algorithm())) {
                throw invalid("the private key does not produce signatures its public key verifies", null);
            }
            return new Parsed(derived.algorithm(), privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw invalid("the private key cannot be used (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * Encodes a held key as Go's {@code x509.MarshalPKCS8PrivateKey} does: version 0 without attributes; EC with the
     * named curve in the algorithm identifier and the public point inside; Ed25519 as the bare 32-byte seed.
     *
     * @param key the key
     * @return the DER PrivateKeyInfo; the caller wipes it
     * @throws KeyDriverException {@code key.driver_failure} if the held key cannot be encoded
     */
    static byte[] encode(StoredKey key) {
        try {
            PrivateKeyInfo held = PrivateKeyInfo.getInstance(key.privateKey().getEncoded());
            PrivateKeyInfo out = switch (key.info().algorithm()) {
                case ECDSA_P256_SHA256 -> ecdsaInfo(held, SECObjectIdentifiers.secp256r1, key);
                case ECDSA_P384_SHA384 -> ecdsaInfo(held, SECObjectIdentifiers.secp384r1, key);
                case ED25519 -> new PrivateKeyInfo(new AlgorithmIdentifier(ID_ED25519),
                        new DEROctetString(ASN1OctetString.getInstance(held.parsePrivateKey()).getOctets()));
                case RSA_PKCS1_SHA256, RSA_PSS_SHA256 -> new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        RSAPrivateKey.getInstance(held.parsePrivateKey()));
                case WEBAUTHN_ES256 -> throw new IOException("the file driver holds no " + key.info().algorithm()
                        + " keys");
            };
            return out.getEncoded(ASN1Encoding.DER);
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "cannot encode key " + key.info().keyId() + " as PKCS#8", e);
        }
    }

    private static PrivateKeyInfo ecdsaInfo(PrivateKeyInfo held, ASN1ObjectIdentifier curve, StoredKey key)
            throws IOException {
        BigInteger d = ECPrivateKey.getInstance(held.parsePrivateKey()).getKey();
        int orderBits = ECNamedCurveTable.getByOID(curve).getN().bitLength();
        ASN1BitString point = SubjectPublicKeyInfo.getInstance(key.info().publicKey().value()).getPublicKeyData();
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                new ECPrivateKey(orderBits, d, new DERBitString(point.getOctets()), null));
    }

    private static byte[] spki(AlgorithmIdentifier algorithm, byte[] publicKey) {
        try {
            return new SubjectPublicKeyInfo(algorithm, publicKey).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding in memory cannot fail", e);
        }
    }

    private static KeyDriverException invalid(String message, Throwable cause) {
        return new KeyDriverException(KeyDriverException.INVALID_INPUT, message, cause);
    }

    private static KeyDriverException unsupported(String message) {
        return new KeyDriverException(KeyDriverException.UNSUPPORTED_ALGORITHM, message);
    }
}
