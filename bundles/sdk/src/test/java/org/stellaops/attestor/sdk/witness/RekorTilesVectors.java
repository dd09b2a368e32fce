package org.stellaops.attestor.sdk.witness;

/**
 * A real checkpoint of a local rekor-tiles instance (sigstore/rekor-tiles e2e setup), signed by the log key and
 * cosigned by the e2e witness, with both keys as published in rekor-tiles tests/testdata/witness.
 */
final class RekorTilesVectors {

    static final String CHECKPOINT_TEXT = "rekor-local\n11\nVNORC1iO2BcsWjqyVIVD44LY8zp7DAw3ZmvuW5zm2To=\n";
    static final String WITNESS_LINE = "\u2014 rekor-witness-test KI+4DwAAAABqQpR+JVpT8MYMWMvrMNLplduf8ZyaYHC6X5IjxY"
            + "vix8NEBwZvQc6Tnlqe3ERpXPviwLsIPYMD/DWWUItmKXOlrxWRCA==\n";
    static final String LOG_LINE = "\u2014 rekor-local 2AtEIA8mfiDu3bsom69h3ZLYTo16RWMVK1vdzgSwOgMiEPuWmthg6GCTxnTA5FR"
            + "syG3cVCw3gMMoOeGpN/Gm1KdA6AI=\n";
    static final String CHECKPOINT = CHECKPOINT_TEXT + "\n" + LOG_LINE + WITNESS_LINE;
    /** tests/testdata/witness/policy.yaml: the witness as a type 0x01 vkey. */
    static final String WITNESS_POLICY_VKEY = "rekor-witness-test+a478f5cd+AUtKAvrTeY7srtAMfP5JCUOkZoU+A7F5VA094y5LGr89";
    /** tests/testdata/witness/config.yaml: the log key. */
    static final String LOG_VKEY = "rekor-local+d80b4420+AURLycjWRo1+gdwwCLg9wU4PayMFdNBmPF4ORVPiBQ1E";
    static final long WITNESS_TIMESTAMP = 1782748286L;

    private RekorTilesVectors() {
    }
}
