package org.stellaops.attestor.sdk.dsse;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The result of verifying an envelope against trusted signers.
 *
 * @param checks one entry per envelope signature, in envelope order
 * @param verifiedKeyIds the distinct trusted key IDs that verified at least one signature; thresholds count these
 */
public record EnvelopeVerification(List<SignatureCheck> checks, SortedSet<String> verifiedKeyIds) {

    /**
     * Copies both collections into unmodifiable ones.
     *
     * @param checks not null
     * @param verifiedKeyIds not null
     */
    public EnvelopeVerification {
        checks = List.copyOf(checks);
        verifiedKeyIds = Collections.unmodifiableSortedSet(new TreeSet<>(verifiedKeyIds));
    }

    /** @return true if at least one trusted key verified a signature */
    public boolean anyVerified() {
        return !verifiedKeyIds.isEmpty();
    }
}
