package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SearchQueryTest {

    @Test
    void withoutFiltersAFirstPageOfTheDefaultSizeHasNoQuery() {
        assertEquals("", new SearchQuery(null, null, null, null, null, Map.of(), null).query(null, null));
    }

    @Test
    void putsEveryParameterPercentEncodedInAFixedOrder() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("sbom.format", "CycloneDX");
        facts.put("sbom.licenses", "Apache-2.0 OR MIT");
        SearchQuery query = new SearchQuery("sha256:ab", "https://slsa.dev/provenance/v1", "cd",
                "2026-03-01T12:00:00Z", "2026-04-01T00:00:00Z", facts, 50);
        assertEquals("?subject=sha256%3Aab&predicateType=https%3A%2F%2Fslsa.dev%2Fprovenance%2Fv1&signer=cd"
                + "&since=2026-03-01T12%3A00%3A00Z&until=2026-04-01T00%3A00%3A00Z&fact.sbom.format=CycloneDX"
                + "&fact.sbom.licenses=Apache-2.0%20OR%20MIT&limit=20&cursor=c%2B1%2F%3D",
                query.query(20, "c+1/="));
    }

    @Test
    void refusesAWindowWhoseEndIsNotAfterItsStart() {
        CliException e = assertThrows(CliException.class, () -> new SearchQuery(null, null, null,
                "2026-03-01T12:00:00Z", "2026-03-01T12:00:00Z", Map.of(), null));
        assertEquals("usage.bad_time", e.code());
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }

    @Test
    void asksForTheChosenPageSizeUnlessFewerRecordsStillFitUnderTheCap() {
        assertNull(SearchPages.pageLimit(null, 10_000));
        assertEquals(40, SearchPages.pageLimit(null, 40));
        assertEquals(200, SearchPages.pageLimit(200, 500));
        assertEquals(150, SearchPages.pageLimit(200, 150));
    }
}
