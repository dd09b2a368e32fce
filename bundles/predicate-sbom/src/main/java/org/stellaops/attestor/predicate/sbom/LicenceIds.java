package org.stellaops.attestor.predicate.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.stellaops.attestor.predicate.support.PredicateSchema;

/**
 * What a CycloneDX BOM is told about a licence id outside the SPDX licence list the CycloneDX schemas enumerate: what
 * to do instead, not the first values of the 700-odd-entry list that the shared schema support would show.
 */
final class LicenceIds {

    /** The enumeration of SPDX licence ids that {@code license.id} refers to, in every CycloneDX version shipped. */
    static final String ENUM = "http://cyclonedx.org/schema/spdx.schema.json#/enum";

    private static final String RESOURCE = "/schemas/cyclonedx/spdx.schema.json";

    private LicenceIds() {
    }

    /**
     * @param schema a CycloneDX BOM schema
     * @return the schema, with the message for a licence id outside the list
     */
    static PredicateSchema explained(PredicateSchema schema) {
        return schema.withMessage(ENUM, "is not an id of the SPDX licence list that the CycloneDX schema allows ("
                + count() + " ids, case-sensitive, for example Apache-2.0 or MIT): correct the id, or give a licence "
                + "that has no SPDX id as license.name instead");
    }

    private static int count() {
        try (InputStream in = LicenceIds.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the bundle: " + RESOURCE);
            }
            return new ObjectMapper().readTree(in).path("enum").size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + RESOURCE, e);
        }
    }
}
