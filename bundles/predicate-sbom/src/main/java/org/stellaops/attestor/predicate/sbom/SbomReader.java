package org.stellaops.attestor.predicate.sbom;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.DigestClaim;

/**
 * What a handler needs from one SBOM format beyond its schema. Every method accepts any predicate tree, whether or not
 * it passed the schema, and never throws for its shape.
 */
interface SbomReader {

    /**
     * @param predicate the predicate
     * @return how many inventory entries it has, compared with the configured cap before anything else is checked
     */
    long size(JsonNode predicate);

    /**
     * @param size what {@link #size} returned
     * @param max the configured cap
     * @return the error saying the SBOM is over the cap
     */
    ValidationError tooLarge(long size, int max);

    /**
     * @param predicate the predicate
     * @return violations of the format's rules that its schema cannot express (unique identifiers)
     */
    List<ValidationError> rules(JsonNode predicate);

    /**
     * @param predicate a predicate that passed the schema and {@link #rules}
     * @param schema the version it was validated as
     * @return the facts
     */
    Map<String, Object> facts(JsonNode predicate, SbomSchema schema);

    /**
     * @param predicate the predicate
     * @return the digests it gives for the artifacts it describes, with comparable (in-toto) algorithm names
     */
    List<DigestClaim> described(JsonNode predicate);
}
