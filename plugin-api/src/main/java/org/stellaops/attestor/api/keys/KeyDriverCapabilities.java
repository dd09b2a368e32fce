package org.stellaops.attestor.api.keys;

import java.util.Set;

import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * What a key driver can do.
 *
 * @param algorithms the algorithms it can create and sign with
 * @param exportable whether private keys can leave the driver
 * @param hardwareBacked whether keys live in hardware (HSM, security key)
 * @param humanPresence whether each signature needs a person to approve it
 */
public record KeyDriverCapabilities(Set<KeyAlgorithm> algorithms, boolean exportable, boolean hardwareBacked,
                                    boolean humanPresence) {
    /**
     * Copies the algorithm set.
     *
     * @param algorithms not null
     * @param exportable flag
     * @param hardwareBacked flag
     * @param humanPresence flag
     */
    public KeyDriverCapabilities {
        algorithms = Set.copyOf(algorithms);
    }
}
