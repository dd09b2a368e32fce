package org.stellaops.attestor.api.keys;

import java.util.Set;

import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * What a key driver can do.
 *
 * @param algorithms the algorithms it can create and sign with
 * @param exportable whether private keys can leave the driver
 * @param hardwareBacked whether keys live in hardware (HSM, security key)
 * @param humanPresence whether each signature needs a person to approve it (then {@link KeyDriver#sign} refuses
 *                      and signing goes through a {@link CeremonyKeyDriver} ceremony)
 * @param importFormats the {@link KeyMaterial} formats {@link KeyDriver#importKey} accepts
 * @param exportFormats the {@link KeyMaterial} formats {@link KeyDriver#exportKey} writes
 */
public record KeyDriverCapabilities(Set<KeyAlgorithm> algorithms, boolean exportable, boolean hardwareBacked,
                                    boolean humanPresence, Set<String> importFormats, Set<String> exportFormats) {
    /**
     * Copies the sets.
     *
     * @param algorithms not null
     * @param exportable flag
     * @param hardwareBacked flag
     * @param humanPresence flag
     * @param importFormats not null
     * @param exportFormats not null
     */
    public KeyDriverCapabilities {
        algorithms = Set.copyOf(algorithms);
        importFormats = Set.copyOf(importFormats);
        exportFormats = Set.copyOf(exportFormats);
    }

    /**
     * A driver that neither imports nor exports keys.
     *
     * @param algorithms not null
     * @param exportable flag
     * @param hardwareBacked flag
     * @param humanPresence flag
     */
    public KeyDriverCapabilities(Set<KeyAlgorithm> algorithms, boolean exportable, boolean hardwareBacked,
                                 boolean humanPresence) {
        this(algorithms, exportable, hardwareBacked, humanPresence, Set.of(), Set.of());
    }
}
