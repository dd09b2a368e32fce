package org.stellaops.attestor.sdk.jose;

import java.io.IOException;
import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.util.BigIntegers;

/** Converts ECDSA signatures between JOSE's fixed-length R‖S form (RFC 7518 §3.4) and ASN.1 DER. */
final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    /**
     * @param raw R‖S, each {@code size} bytes
     * @param size the coordinate length of the curve
     * @return the DER form, or null when the length is wrong or R or S is zero
     */
    static byte[] toDer(byte[] raw, int size) {
        if (raw.length != 2 * size) {
            return null;
        }
        BigInteger r = BigIntegers.fromUnsignedByteArray(raw, 0, size);
        BigInteger s = BigIntegers.fromUnsignedByteArray(raw, size, size);
        if (r.signum() == 0 || s.signum() == 0) {
            return null;
        }
        ASN1EncodableVector v = new ASN1EncodableVector(2);
        v.add(new ASN1Integer(r));
        v.add(new ASN1Integer(s));
        try {
            return new DERSequence(v).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding in memory cannot fail", e);
        }
    }

    /**
     * @param der an ECDSA signature as a provider returns it
     * @param size the coordinate length of the curve
     * @return R‖S, each left-padded to {@code size} bytes
     */
    static byte[] toRaw(byte[] der, int size) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue();
        byte[] out = new byte[2 * size];
        System.arraycopy(BigIntegers.asUnsignedByteArray(size, r), 0, out, 0, size);
        System.arraycopy(BigIntegers.asUnsignedByteArray(size, s), 0, out, size, size);
        return out;
    }
}
