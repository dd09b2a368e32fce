package org.stellaops.attestor.sdk.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.internal.Bc;
import org.stellaops.attestor.sdk.internal.BcKeys;
import org.stellaops.attestor.sdk.internal.KeyKind;

/**
 * Private keys: PEM decoding (PKCS#8, SEC1 EC and PKCS#1 RSA), PKCS#8 encoding, and deriving the public key.
 */
public final class PrivateKeys {

    private static final String PKCS8 = "PRIVATE KEY";
    /** RFC 8410 id-Ed25519; BouncyCastle keeps its constant in a non-exported package. */
    private static final String SEC1 = "EC PRIVATE KEY";
    private static final String PKCS1 = "RSA PRIVATE KEY";

    private PrivateKeys() {
    }

    /**
     * Decodes an unencrypted private key in PEM form: {@code PRIVATE KEY} (PKCS#8), {@code EC PRIVATE KEY} (SEC1)
     * or {@code RSA PRIVATE KEY} (PKCS#1).
     *
     * @param pem the PEM text
     * @return a BouncyCastle private key
     * @throws AttestorException {@code key.malformed} if the text is not such a block,
     *         {@code key.unsupported_algorithm} for other key types
     */
    public static PrivateKey parsePem(String pem) {
        Pem block = Pem.decode(pem);
        try {
            PrivateKeyInfo info;
            switch (block.label()) {
                case PKCS8:
                    info = PrivateKeyInfo.getInstance(block.der());
                    break;
                case SEC1:
                    info = fromSec1(block.der());
                    break;
                case PKCS1:
                    info = new PrivateKeyInfo(
                            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                            RSAPrivateKey.getInstance(block.der()));
                    break;
                default:
                    throw Pem.malformed("unsupported PEM block \"" + block.label() + "\"");
            }
            String factory = Pem.keyFactoryFor(info.getPrivateKeyAlgorithm().getAlgorithm(), "private");
            return KeyFactory.getInstance(factory, Bc.PROVIDER)
                    .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw new AttestorException(ErrorCodes.KEY_MALFORMED, "invalid private key", e);
        }
    }

    /**
     * Encodes a private key as a PEM {@code PRIVATE KEY} (PKCS#8) block.
     *
     * @param key an extractable private key
     * @return the PEM text
     * @throws AttestorException {@code key.malformed} if the key has no PKCS#8 encoding
     */
    public static String toPem(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw Pem.malformed("private key is not extractable as PKCS#8");
        }
        return Pem.encode(PKCS8, der);
    }

    /**
     * Derives the public key of a private key.
     *
     * @param key an extractable EC, Ed25519 or RSA (CRT) private key
     * @return the BouncyCastle public key
     * @throws AttestorException {@code key.unsupported_algorithm} for other keys, {@code key.malformed} if the key
     *         cannot be read
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        PrivateKey bc = BcKeys.toBcOrNull(key);
        if (bc == null) {
            throw Pem.malformed("private key is not extractable");
        }
        try {
            if (bc instanceof org.bouncycastle.jce.interfaces.ECPrivateKey) {
                org.bouncycastle.jce.interfaces.ECPrivateKey ec = (org.bouncycastle.jce.interfaces.ECPrivateKey) bc;
                ECParameterSpec params = ec.getParameters();
                return KeyFactory.getInstance("EC", Bc.PROVIDER).generatePublic(
                        new ECPublicKeySpec(params.getG().multiply(ec.getD()).normalize(), params));
            }
            if (bc instanceof EdDSAPrivateKey && KeyKind.of(bc) == KeyKind.ED25519) {
                return ((EdDSAPrivateKey) bc).getPublicKey();
            }
            if (bc instanceof RSAPrivateCrtKey) {
                RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) bc;
                return KeyFactory.getInstance("RSA", Bc.PROVIDER)
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
        } catch (GeneralSecurityException e) {
            throw new AttestorException(ErrorCodes.KEY_MALFORMED, "cannot derive the public key", e);
        }
        throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM,
                "cannot derive the public key of a " + key.getAlgorithm() + " key");
    }

    private static PrivateKeyInfo fromSec1(byte[] der) throws IOException {
        ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
        if (sec1.getParametersObject() == null) {
            throw Pem.malformed("SEC1 EC key without curve parameters");
        }
        AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                sec1.getParametersObject());
        return new PrivateKeyInfo(alg, sec1);
    }

}
