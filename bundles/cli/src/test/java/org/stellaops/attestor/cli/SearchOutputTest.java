package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

class SearchOutputTest {

    static final String UUID_A = "a1".repeat(32);
    static final String UUID_B = "b2".repeat(32);

    static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }

    static JsonNode record(String uuid, String createdAt, String subjects) {
        return json("{\"uuid\":\"" + uuid + "\",\"status\":\"logged\",\"createdAt\":\"" + createdAt + "\","
                + "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"subjects\":" + subjects + "}");
    }

    @Test
    void aTableLineHasUuidCreatedTypeStatusAndEveryDigestOfEverySubject() {
        JsonNode record = record(UUID_A, "2026-05-01T09:00:00Z", "[{\"name\":\"app\",\"digest\":{\"sha256\":\"aa\","
                + "\"sha512\":\"bb\"}},{\"name\":\"lib\",\"digest\":{\"sha256\":\"cc\"}}]");
        assertEquals(UUID_A + "  2026-05-01T09:00:00Z  https://slsa.dev/provenance/v1  logged  "
                + "sha256:aa,sha512:bb,sha256:cc\n", SearchOutput.table(List.of(record)));
    }

    @Test
    void aTableShowsADashForWhatARecordLacks() {
        assertEquals("-  -  -  -  -", SearchOutput.line(json("{\"uuid\":null,\"subjects\":[]}")));
    }

    @Test
    void anEmptyTableSaysSo() {
        assertEquals("no records\n", SearchOutput.table(List.of()));
    }

    @Test
    void jsonMergesThePagesIntoTheServicesPageShape() {
        JsonNode merged = json(SearchOutput.json(List.of(record(UUID_A, "t2", "[]"), record(UUID_B, "t1", "[]")),
                "next"));
        assertEquals(2, merged.get("entries").size());
        assertEquals(UUID_B, merged.at("/entries/1/uuid").asText());
        assertEquals("next", merged.get("nextCursor").asText());
        assertTrue(json(SearchOutput.json(List.of(), null)).get("nextCursor").isNull());
    }

    @Test
    void ndjsonWritesOneCompactRecordPerLineAndNothingForNoRecords() {
        String text = SearchOutput.ndjson(List.of(record(UUID_A, "t2", "[]"), record(UUID_B, "t1", "[]")));
        String[] lines = text.split("\n");
        assertEquals(2, lines.length);
        assertTrue(text.endsWith("\n"));
        assertEquals(UUID_B, json(lines[1]).get("uuid").asText());
        assertTrue(lines[0].startsWith("{\"uuid\":\"" + UUID_A + "\","), lines[0]);
        assertEquals("", SearchOutput.ndjson(List.of()));
    }
}
