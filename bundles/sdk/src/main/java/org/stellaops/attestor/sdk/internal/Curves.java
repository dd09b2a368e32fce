package org.stellaops.attestor.sdk.internal;

import java.math.BigInteger;
import java.security.interfaces.ECKey;
import java.security.spec.ECParameterSpec;

/**
 * Recognises the NIST curves by their group order, which is unique among curves in practical use and cheap to
 * compare on every verification.
 */
public final class Curves {

    /** P-256 (secp256r1). */
    public static final String P256 = "P-256";
    /** P-384 (secp384r1). */
    public static final String P384 = "P-384";
    /** P-521 (secp521r1). */
    public static final String P521 = "P-521";

    private static final BigInteger P256_ORDER = new BigInteger(
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final BigInteger P384_ORDER = new BigInteger(
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973", 16);
    private static final BigInteger P521_ORDER = new BigInteger(
            "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
            16);

    private Curves() {
    }

    /**
     * Names the curve of an EC key.
     *
     * @param key an EC public or private key
     * @return {@link #P256}, {@link #P384}, {@link #P521}, or null for any other curve
     */
    public static String nameOf(ECKey key) {
        ECParameterSpec params = key.getParams();
        if (params == null) {
            return null;
        }
        BigInteger order = params.getOrder();
        if (P256_ORDER.equals(order)) {
            return P256;
        }
        if (P384_ORDER.equals(order)) {
            return P384;
        }
        if (P521_ORDER.equals(order)) {
            return P521;
        }
        return null;
    }
}
