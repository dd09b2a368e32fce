package org.stellaops.attestor.sdk.jose;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.util.BigIntegers;
import org.stellaops.attestor.sdk.internal.Bc;
import org.stellaops.attestor.sdk.internal.BcKeys;

/** RSA JWKs (RFC 7518 §6.3), two-prime only. */
final class RsaJwks {

    /** Refuses moduli whose arithmetic alone would be a denial of service. */
    static final int MAX_BITS = 16384;
    /**
     * The largest public exponent accepted (NIST SP 800-56B: below 2^256). A caller-chosen huge exponent would make
     * every verification with the key, and the private-part check, cost seconds of CPU.
     */
    static final int MAX_EXPONENT_BITS = 256;
    private static final List<String> CRT = List.of("p", "q", "dp", "dq", "qi");
    private static final BigInteger PROBE = BigInteger.valueOf(2);

    private RsaJwks() {
    }

    static KeyMaterial decode(JwkMembers m) {
        BigInteger n = m.unsigned("n");
        BigInteger e = m.unsigned("e");
        if (!n.testBit(0) || n.bitLength() > MAX_BITS || n.bitLength() < 512) {
            throw JwkMembers.malformed("RSA modulus is not a plausible modulus");
        }
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || e.compareTo(n) >= 0
                || e.bitLength() > MAX_EXPONENT_BITS) {
            throw JwkMembers.malformed("RSA public exponent is invalid");
        }
        PublicKey pub = EcJwks.generate(() -> KeyFactory.getInstance("RSA", Bc.PROVIDER)
                .generatePublic(new RSAPublicKeySpec(n, e)));
        PrivateKey priv = m.has("d") ? decodePrivate(m, n, e) : null;
        if (priv == null && (m.has("oth") || CRT.stream().anyMatch(m::has))) {
            throw JwkMembers.malformed("RSA private members without \"d\"");
        }
        return encode(pub, priv);
    }

    private static PrivateKey decodePrivate(JwkMembers m, BigInteger n, BigInteger e) {
        if (m.has("oth")) {
            throw JwkMembers.malformed("multi-prime RSA keys are not supported");
        }
        BigInteger d = m.unsigned("d");
        if (d.compareTo(n) >= 0 || PROBE.modPow(e, n).modPow(d, n).compareTo(PROBE) != 0) {
            throw JwkMembers.malformed("RSA private exponent does not match the public key");
        }
        long crtMembers = CRT.stream().filter(m::has).count();
        if (crtMembers == 0) {
            return EcJwks.generate(() -> KeyFactory.getInstance("RSA", Bc.PROVIDER)
                    .generatePrivate(new RSAPrivateKeySpec(n, d)));
        }
        if (crtMembers != CRT.size()) {
            throw JwkMembers.malformed("RSA CRT members must be given all together");
        }
        BigInteger p = m.unsigned("p");
        BigInteger q = m.unsigned("q");
        if (!p.multiply(q).equals(n)) {
            throw JwkMembers.malformed("RSA primes do not match the modulus");
        }
        RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(n, e, d, p, q, m.unsigned("dp"), m.unsigned("dq"),
                m.unsigned("qi"));
        return EcJwks.generate(() -> KeyFactory.getInstance("RSA", Bc.PROVIDER).generatePrivate(spec));
    }

    static KeyMaterial encode(PublicKey key, PrivateKey priv) {
        RSAPublicKey rsa = (RSAPublicKey) BcKeys.toBc(key);
        if (rsa.getModulus().bitLength() > MAX_BITS) {
            throw JwkMembers.malformed("RSA modulus is too large");
        }
        Map<String, String> pub = new LinkedHashMap<>();
        pub.put("n", b64(rsa.getModulus()));
        pub.put("e", b64(rsa.getPublicExponent()));
        Map<String, String> secret = new LinkedHashMap<>();
        PrivateKey bc = priv == null ? null : BcKeys.toBcOrNull(priv);
        if (bc instanceof RSAPrivateKey) {
            secret.put("d", b64(((RSAPrivateKey) bc).getPrivateExponent()));
        }
        if (bc instanceof RSAPrivateCrtKey) {
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) bc;
            secret.put("p", b64(crt.getPrimeP()));
            secret.put("q", b64(crt.getPrimeQ()));
            secret.put("dp", b64(crt.getPrimeExponentP()));
            secret.put("dq", b64(crt.getPrimeExponentQ()));
            secret.put("qi", b64(crt.getCrtCoefficient()));
        }
        return new KeyMaterial("RSA", null, rsa, priv, pub, secret);
    }

    /** Minimal big-endian octets, as RFC 7518 §6.3 requires (and RFC 7638 thumbprints depend on). */
    private static String b64(BigInteger value) {
        return Base64Url.encode(BigIntegers.asUnsignedByteArray(value));
    }
}
