package org.stellaops.attestor.predicate.vex;

import java.util.List;
import java.util.Map;

import org.stellaops.attestor.predicate.support.DigestClaim;

/**
 * What a format reader extracts from a predicate.
 *
 * @param facts the facts
 * @param claims the digests the predicate gives for the artifact(s) it describes
 */
record Reading(Map<String, Object> facts, List<DigestClaim> claims) {

    Reading {
        facts = Map.copyOf(facts);
        claims = List.copyOf(claims);
    }
}
