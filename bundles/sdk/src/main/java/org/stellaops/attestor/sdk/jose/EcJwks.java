package org.stellaops.attestor.sdk.jose;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.stellaops.attestor.sdk.internal.Bc;
import org.stellaops.attestor.sdk.internal.BcKeys;
import org.stellaops.attestor.sdk.internal.Curves;

/** EC JWKs (RFC 7518 §6.2) on P-256, P-384 and P-521. */
final class EcJwks {

    private EcJwks() {
    }

    static KeyMaterial decode(JwkMembers m) {
        String crv = m.text("crv");
        int size = coordinateBytes(crv);
        if (size == 0) {
            throw JwkMembers.malformed("unsupported EC curve \"" + JwsAlgorithm.printable(crv) + "\"");
        }
        ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec(crv);
        BigInteger x = new BigInteger(1, m.bytes("x", size));
        BigInteger y = new BigInteger(1, m.bytes("y", size));
        ECPoint q;
        try {
            // validatePoint refuses coordinates outside the field and points not on the curve (invalid-curve attacks).
            q = spec.getCurve().validatePoint(x, y);
        } catch (IllegalArgumentException e) {
            throw JwkMembers.malformed("EC point is not on " + crv, e);
        }
        PrivateKey priv = null;
        if (m.has("d")) {
            BigInteger d = new BigInteger(1, m.bytes("d", size));
            if (d.signum() == 0 || d.compareTo(spec.getN()) >= 0) {
                throw JwkMembers.malformed("EC private key is out of range");
            }
            if (!spec.getG().multiply(d).normalize().equals(q)) {
                throw JwkMembers.malformed("EC private key does not match the public key");
            }
            priv = generate(() -> KeyFactory.getInstance("EC", Bc.PROVIDER)
                    .generatePrivate(new ECPrivateKeySpec(d, spec)));
        }
        PublicKey pub = generate(() -> KeyFactory.getInstance("EC", Bc.PROVIDER)
                .generatePublic(new ECPublicKeySpec(q, spec)));
        return encode(pub, priv);
    }

    static KeyMaterial encode(PublicKey key, PrivateKey priv) {
        ECPublicKey ec = (ECPublicKey) BcKeys.toBc(key);
        String crv = Curves.nameOf(ec);
        int size = crv == null ? 0 : coordinateBytes(crv);
        if (size == 0) {
            throw JwkMembers.malformed("EC keys must be on P-256, P-384 or P-521");
        }
        Map<String, String> pub = new LinkedHashMap<>();
        pub.put("x", Base64Url.encode(BigIntegers.asUnsignedByteArray(size, ec.getW().getAffineX())));
        pub.put("y", Base64Url.encode(BigIntegers.asUnsignedByteArray(size, ec.getW().getAffineY())));
        Map<String, String> secret = new LinkedHashMap<>();
        if (priv != null) {
            PrivateKey bc = BcKeys.toBcOrNull(priv);
            if (bc instanceof ECPrivateKey) {
                secret.put("d", Base64Url.encode(BigIntegers.asUnsignedByteArray(size, ((ECPrivateKey) bc).getS())));
            }
        }
        return new KeyMaterial("EC", crv, ec, priv, pub, secret);
    }

    private static int coordinateBytes(String crv) {
        switch (crv) {
            case Curves.P256:
                return 32;
            case Curves.P384:
                return 48;
            case Curves.P521:
                return 66;
            default:
                return 0;
        }
    }

    /** A key factory call that can only fail on inputs the checks above already refused. */
    interface KeyCall<K> {
        K call() throws GeneralSecurityException;
    }

    static <K> K generate(KeyCall<K> call) {
        try {
            return call.call();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw JwkMembers.malformed("invalid key", e);
        }
    }
}
