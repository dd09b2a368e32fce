package org.stellaops.attestor.sdk.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.internal.Bc;
import org.stellaops.attestor.sdk.internal.BcKeys;
import org.stellaops.attestor.sdk.internal.Curves;
import org.stellaops.attestor.sdk.internal.KeyKind;

/**
 * Signing and verification of raw messages. Verification always runs on BouncyCastle with a fresh
 * {@link Signature} per call, so it holds no lock and shares no mutable state between threads.
 */
public final class Signatures {

    private static final PSSParameterSpec PSS = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            32, 1);
    private static final int ED25519_SIGNATURE_LENGTH = 64;
    private static final int MAX_ECDSA_DER_LENGTH = 2 * (66 + 3) + 4;

    private Signatures() {
    }

    /**
     * Verifies a signature over a message.
     *
     * @param key the public key
     * @param alg the algorithm; ECDSA signatures are ASN.1 DER, RSA-PSS uses SHA-256, MGF1-SHA-256 and a 32-byte salt
     * @param message the signed bytes (for DSSE, the PAE)
     * @param signature the signature bytes
     * @return true if the signature is valid; false for a wrong or malformed signature
     * @throws AttestorException {@code key.unsupported_algorithm} or {@code key.too_weak} if the key cannot be used
     *         with the algorithm
     */
    public static boolean verify(PublicKey key, KeyAlgorithm alg, byte[] message, byte[] signature) {
        PublicKeys.checkCompatible(key, alg);
        if (signature == null || !plausibleLength(key, alg, signature)) {
            return false;
        }
        Signature verifier = bcInstance(alg);
        try {
            verifier.initVerify(BcKeys.toBc(key));
        } catch (InvalidKeyException e) {
            throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM, "key rejected for " + alg, e);
        }
        try {
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException | RuntimeException e) {
            // A signature whose encoding BouncyCastle cannot decode is simply not a valid signature.
            return false;
        }
    }

    /**
     * Signs a message. Extractable keys are signed with BouncyCastle; keys that cannot leave their provider (an
     * HSM, for example) are signed by whichever installed provider accepts them.
     *
     * @param key the private key
     * @param alg the algorithm
     * @param message the bytes to sign
     * @return the signature (ECDSA in ASN.1 DER)
     * @throws AttestorException {@code key.unsupported_algorithm} if the key cannot sign with the algorithm
     */
    public static byte[] sign(PrivateKey key, KeyAlgorithm alg, byte[] message) {
        checkPrivateCompatible(key, alg);
        PrivateKey bc = BcKeys.toBcOrNull(key);
        try {
            Signature signer = bc != null ? bcInstance(alg) : jcaInstance(alg);
            signer.initSign(bc != null ? bc : key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM,
                    key.getAlgorithm() + " key cannot sign with " + alg, e);
        }
    }

    private static void checkPrivateCompatible(PrivateKey key, KeyAlgorithm alg) {
        KeyKind kind = KeyKind.of(key);
        boolean ok;
        switch (alg) {
            case ECDSA_P256_SHA256:
                ok = kind == KeyKind.EC && Curves.P256.equals(Curves.nameOf((ECKey) key));
                break;
            case ECDSA_P384_SHA384:
                ok = kind == KeyKind.EC && Curves.P384.equals(Curves.nameOf((ECKey) key));
                break;
            case ED25519:
                ok = kind == KeyKind.ED25519;
                break;
            default:
                ok = kind == KeyKind.RSA;
                if (ok && ((RSAKey) key).getModulus().bitLength() < PublicKeys.MIN_RSA_BITS) {
                    throw new AttestorException(ErrorCodes.KEY_TOO_WEAK, "RSA key below "
                            + PublicKeys.MIN_RSA_BITS + " bits");
                }
        }
        if (!ok) {
            throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM,
                    key.getAlgorithm() + " key cannot sign with " + alg);
        }
    }

    /** Cheap shape checks that spare a full verification for signatures that cannot belong to this key. */
    private static boolean plausibleLength(PublicKey key, KeyAlgorithm alg, byte[] signature) {
        switch (alg) {
            case ED25519:
                return signature.length == ED25519_SIGNATURE_LENGTH;
            case RSA_PKCS1_SHA256:
            case RSA_PSS_SHA256:
                return signature.length == (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8;
            default:
                return signature.length >= 8 && signature.length <= MAX_ECDSA_DER_LENGTH && signature[0] == 0x30;
        }
    }

    private static Signature bcInstance(KeyAlgorithm alg) {
        try {
            switch (alg) {
                case ECDSA_P256_SHA256:
                    return Signature.getInstance("SHA256withECDSA", Bc.PROVIDER);
                case ECDSA_P384_SHA384:
                    return Signature.getInstance("SHA384withECDSA", Bc.PROVIDER);
                case ED25519:
                    return Signature.getInstance("Ed25519", Bc.PROVIDER);
                case RSA_PKCS1_SHA256:
                    return Signature.getInstance("SHA256withRSA", Bc.PROVIDER);
                case RSA_PSS_SHA256:
                    Signature pss = Signature.getInstance("SHA256withRSAandMGF1", Bc.PROVIDER);
                    pss.setParameter(PSS);
                    return pss;
                default:
                    throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM, "unsupported algorithm " + alg);
            }
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("BouncyCastle lacks " + alg, e);
        }
    }

    private static Signature jcaInstance(KeyAlgorithm alg) throws GeneralSecurityException {
        switch (alg) {
            case ECDSA_P256_SHA256:
                return Signature.getInstance("SHA256withECDSA");
            case ECDSA_P384_SHA384:
                return Signature.getInstance("SHA384withECDSA");
            case ED25519:
                return Signature.getInstance("Ed25519");
            case RSA_PKCS1_SHA256:
                return Signature.getInstance("SHA256withRSA");
            case RSA_PSS_SHA256:
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(PSS);
                return pss;
            default:
                throw new AttestorException(ErrorCodes.KEY_UNSUPPORTED_ALGORITHM, "unsupported algorithm " + alg);
        }
    }
}
