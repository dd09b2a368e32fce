package org.stellaops.attestor.sdk.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Lists of byte arrays (proof hashes) in value records: defensive copies and element-wise equality. */
public final class ByteLists {

    private ByteLists() {
    }

    /**
     * @param arrays the arrays
     * @return an unmodifiable list of copies
     */
    public static List<byte[]> copy(List<byte[]> arrays) {
        List<byte[]> out = new ArrayList<>(arrays.size());
        arrays.forEach(a -> out.add(a.clone()));
        return List.copyOf(out);
    }

    /**
     * @param a a list
     * @param b another list
     * @return whether both hold equal arrays in the same order
     */
    public static boolean equal(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
