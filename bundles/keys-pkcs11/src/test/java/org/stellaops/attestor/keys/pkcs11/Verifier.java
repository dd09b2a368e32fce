package org.stellaops.attestor.keys.pkcs11;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/**
 * Verifies signatures the way the platform's verifier side does: from the KeyInfo's SubjectPublicKeyInfo alone,
 * with the JDK's own providers (not the BouncyCastle instance the driver uses for its probes) and standard
 * parameters: ECDSA as ASN.1 DER, RSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt.
 */
final class Verifier {

    private Verifier() {
    }

    static boolean verifies(KeyInfo key, byte[] message, byte[] signature) throws Exception {
        boolean rsa = key.algorithm() == KeyAlgorithm.RSA_PKCS1_SHA256 || key.algorithm() == KeyAlgorithm.RSA_PSS_SHA256;
        PublicKey publicKey = KeyFactory.getInstance(rsa ? "RSA" : "EC")
                .generatePublic(new X509EncodedKeySpec(key.publicKey().value()));
        Signature verifier = switch (key.algorithm()) {
            case ECDSA_P256_SHA256 -> Signature.getInstance("SHA256withECDSA");
            case ECDSA_P384_SHA384 -> Signature.getInstance("SHA384withECDSA");
            case RSA_PKCS1_SHA256 -> Signature.getInstance("SHA256withRSA");
            case RSA_PSS_SHA256 -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            default -> throw new IllegalArgumentException(key.algorithm().toString());
        };
        verifier.initVerify(publicKey);
        verifier.update(message);
        return verifier.verify(signature);
    }
}
