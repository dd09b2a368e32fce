package org.stellaops.attestor.sdk.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/**
 * ECMAScript {@code Number.prototype.toString} for doubles (ECMA-262 Number::toString, as RFC 8785 requires). Java
 * 17's {@link Double#toString(double)} does not always produce the shortest digits (it prints 4.9E-324 for
 * 5e-324), so the shortest round-tripping digit string is searched directly: for a length k, the two k-digit
 * decimals around the exact binary value are the only candidates that can round-trip.
 */
final class EcmaNumbers {

    private static final double EXACT_LONG_LIMIT = 9.007199254740992E15;
    private static final int MAX_DIGITS = 17;
    private static final int UNIQUE_DIGITS = 15;

    private EcmaNumbers() {
    }

    static String format(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new AttestorException(ErrorCodes.JSON_MALFORMED, "number is not a finite IEEE 754 double");
        }
        if (d == 0) {
            return "0";
        }
        if (d < 0) {
            return "-" + format(-d);
        }
        if (d < EXACT_LONG_LIMIT && d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        BigDecimal shortest = shortestRoundTrip(d).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        return layout(digits, digits.length() - shortest.scale());
    }

    /**
     * Finds the shortest decimal that reads back as {@code d} (positive). Having a round-tripping k-digit form is
     * monotonic in k, so the length is found by binary search. For normal doubles and k ≤ 15 at most one k-digit
     * decimal reads back as {@code d} (DBL_DIG is 15), and whether one exists can be decided from any decimal that
     * reads back as {@code d}, such as Java's own output; only 16 and 17 digits need the exact binary value to pick
     * the closest candidate. Subnormals have less precision, so they always use the exact value.
     */
    private static BigDecimal shortestRoundTrip(double d) {
        BigDecimal exact = null;
        BigDecimal reference;
        int limit;
        if (d < Double.MIN_NORMAL) {
            exact = new BigDecimal(d);
            reference = exact;
            limit = MAX_DIGITS;
        } else {
            reference = new BigDecimal(Double.toString(d));
            limit = Math.min(reference.stripTrailingZeros().precision(), UNIQUE_DIGITS);
        }
        if (candidate(reference, d, limit) != null) {
            int lo = 1;
            int hi = limit;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (candidate(reference, d, mid) != null) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return candidate(reference, d, lo);
        }
        exact = new BigDecimal(d);
        BigDecimal sixteen = candidate(exact, d, UNIQUE_DIGITS + 1);
        return sixteen != null ? sixteen : candidate(exact, d, MAX_DIGITS);
    }

    /**
     * The k-digit decimal next to {@code around} that reads back as d, the closer one to {@code around} if both do
     * (even digits on a tie), or null. With {@code around} the exact value this is ECMAScript's choice.
     */
    private static BigDecimal candidate(BigDecimal around, double d, int k) {
        BigDecimal down = around.round(new MathContext(k, RoundingMode.FLOOR));
        BigDecimal up = around.round(new MathContext(k, RoundingMode.CEILING));
        boolean downOk = Double.parseDouble(down.toString()) == d;
        boolean upOk = Double.parseDouble(up.toString()) == d;
        if (downOk && upOk) {
            int cmp = around.subtract(down).compareTo(up.subtract(around));
            if (cmp != 0) {
                return cmp < 0 ? down : up;
            }
            return down.unscaledValue().testBit(0) ? up : down;
        }
        return downOk ? down : upOk ? up : null;
    }

    /** Number::toString steps 6-10 for digits s (k of them) and decimal exponent n: value = 0.s × 10^n. */
    private static String layout(String s, int n) {
        int k = s.length();
        if (k <= n && n <= 21) {
            return s + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return s.substring(0, n) + "." + s.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + s;
        }
        int e = n - 1;
        String exponent = (e < 0 ? "-" : "+") + Math.abs(e);
        String mantissa = k == 1 ? s : s.charAt(0) + "." + s.substring(1);
        return mantissa + "e" + exponent;
    }
}
