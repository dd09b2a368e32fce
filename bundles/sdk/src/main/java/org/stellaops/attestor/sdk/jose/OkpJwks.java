package org.stellaops.attestor.sdk.jose;

import java.io.IOException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.stellaops.attestor.sdk.crypto.PrivateKeys;
import org.stellaops.attestor.sdk.internal.Bc;
import org.stellaops.attestor.sdk.internal.BcKeys;
import org.stellaops.attestor.sdk.internal.Ed25519Keys;

/** Octet key pair JWKs (RFC 8037), Ed25519 only. */
final class OkpJwks {

    private static final String ED25519 = "Ed25519";
    /** PKCS#8 (RFC 8410) of an Ed25519 private key up to its 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private OkpJwks() {
    }

    static KeyMaterial decode(JwkMembers m) {
        String crv = m.text("crv");
        if (!ED25519.equals(crv)) {
            throw JwkMembers.malformed("unsupported OKP curve \"" + JwsAlgorithm.printable(crv) + "\"");
        }
        byte[] x = m.bytes("x", Ed25519Keys.RAW_LENGTH);
        PublicKey pub = EcJwks.generate(() -> Ed25519Keys.fromRaw(x));
        PrivateKey priv = null;
        if (m.has("d")) {
            byte[] d = m.bytes("d", Ed25519Keys.RAW_LENGTH);
            byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + d.length);
            System.arraycopy(d, 0, der, PKCS8_PREFIX.length, d.length);
            PrivateKey candidate = EcJwks.generate(() -> KeyFactory.getInstance(ED25519, Bc.PROVIDER)
                    .generatePrivate(new PKCS8EncodedKeySpec(der)));
            if (!Arrays.equals(Ed25519Keys.raw(PrivateKeys.publicKeyOf(candidate)), x)) {
                throw JwkMembers.malformed("Ed25519 private key does not match the public key");
            }
            priv = candidate;
        }
        return encode(pub, priv);
    }

    static KeyMaterial encode(PublicKey key, PrivateKey priv) {
        Map<String, String> pub = new LinkedHashMap<>();
        pub.put("x", Base64Url.encode(Ed25519Keys.raw(key)));
        Map<String, String> secret = new LinkedHashMap<>();
        PrivateKey bc = priv == null ? null : BcKeys.toBcOrNull(priv);
        if (bc != null) {
            secret.put("d", Base64Url.encode(seed(bc)));
        }
        return new KeyMaterial("OKP", ED25519, BcKeys.toBc(key), priv, pub, secret);
    }

    private static byte[] seed(PrivateKey key) {
        try {
            return ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey())
                    .getOctets();
        } catch (IOException | RuntimeException e) {
            throw JwkMembers.malformed("Ed25519 private key cannot be encoded", e);
        }
    }
}
