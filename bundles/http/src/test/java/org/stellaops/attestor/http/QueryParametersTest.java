package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.EntryQuery;

class QueryParametersTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String KEY_ID = "cd".repeat(32);

    private static Map<String, String[]> params(String... nameValuePairs) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            m.put(nameValuePairs[i], new String[] {nameValuePairs[i + 1]});
        }
        return m;
    }

    private static final String TENANT = "default";
    private static final Tenancy.Caller CALLER = new Tenancy.Caller(TENANT, false);
    private static final Tenancy.Caller OPERATOR = new Tenancy.Caller("ops", true);

    private static EntryQuery search(String... nameValuePairs) {
        return QueryEndpoints.entryQuery(params(nameValuePairs), CALLER);
    }

    private static AuditQuery audit(String... nameValuePairs) {
        return QueryEndpoints.auditQuery(params(nameValuePairs), CALLER);
    }

    /** Requires a 400 {@code request.invalid} whose detail names the parameter. */
    private static void assertRefused(String parameter, Runnable query) {
        AttestorException e = assertThrows(AttestorException.class, query::run);
        assertEquals("request.invalid", e.code());
        assertEquals(400, Problems.status(e.code()));
        assertTrue(e.getMessage().startsWith("query parameter " + parameter + ":"), e::getMessage);
    }

    @Test
    void searchesEverythingNewestFirstWithoutParameters() {
        assertEquals(EntryQuery.all(TENANT, 100), search());
    }

    @Test
    void passesEveryFilterThrough() {
        String cursor = new EntryCursor(TENANT, Instant.parse("2026-03-01T00:00:00Z"), DIGEST).encode();
        EntryQuery q = search("subject", DIGEST, "predicateType", "https://slsa.dev/provenance/v1", "signer", KEY_ID,
                "since", "2026-03-01T00:00:00Z", "until", "2026-03-02T00:00:00Z", "limit", "1000", "cursor", cursor);
        assertEquals(new EntryQuery(TENANT, DIGEST, "https://slsa.dev/provenance/v1", KEY_ID,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"), 1000, cursor), q);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-03-01T12:00:00Z, 2026-03-01T12:00:00Z",
            "2026-03-01t12:00:00z, 2026-03-01T12:00:00Z",
            "2026-03-01T14:30:00+02:30, 2026-03-01T12:00:00Z",
            "2026-03-01T07:00:00-05:00, 2026-03-01T12:00:00Z",
            "2026-03-01T12:00:00.123456789Z, 2026-03-01T12:00:00.123456789Z",
            "2026-03-01T12:00:00.5+00:00, 2026-03-01T12:00:00.500Z"})
    void readsRfc3339TimesWithAnyOffset(String text, String instant) {
        assertEquals(Instant.parse(instant), search("since", text).since());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-03-01", "2026-03-01T12:00Z", "2026-03-01T12:00:00", "2026-03-01 12:00:00Z",
            "2026-02-30T12:00:00Z", "2026-03-01T25:00:00Z", "1740830400", "2026-03-01T12:00:00.1234567890Z",
            "2026-03-01T12:00:00+0200"})
    void refusesTimesThatAreNotRfc3339(String text) {
        assertRefused("until", () -> search("until", text));
    }

    @Test
    void explainsThatAPlusInAQueryStringArrivesAsASpace() {
        AttestorException e = assertThrows(AttestorException.class,
                () -> search("since", "2026-03-01T12:00:00 02:00"));
        assertTrue(e.getMessage().contains("%2B"), e::getMessage);
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        assertRefused("until", () -> search("since", "2026-03-02T00:00:00Z", "until", "2026-03-01T00:00:00Z"));
        assertRefused("until", () -> search("since", "2026-03-01T00:00:00Z", "until", "2026-03-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-1", "+5", "ten", "1e3", "99999999999"})
    void refusesLimitsOutsideOneToOneThousand(String limit) {
        assertRefused("limit", () -> search("limit", limit));
    }

    @Test
    void takesLimitsFromOneToOneThousand() {
        assertEquals(1, search("limit", "1").limit());
        assertEquals(1000, search("limit", "1000").limit());
    }

    @Test
    void refusesACursorItDidNotGiveOut() {
        assertRefused("cursor", () -> search("cursor", "not-a-cursor"));
        assertRefused("cursor", () -> search("cursor", "MTIzLjQ1Ng"));
    }

    @Test
    void lowercasesTheHexOfASubjectDigestButNotItsAlgorithm() {
        assertEquals(DIGEST, search("subject", DIGEST.toUpperCase().replace("SHA256", "sha256")).subjectDigest());
        assertEquals("gitCommit:" + "ab".repeat(20), search("subject", "gitCommit:" + "AB".repeat(20)).subjectDigest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdef", "sha256:", ":abcd", "sha256:xyz0", "sha256:abcd", "sha512:" + "ab",
            "sha256 :abcd"})
    void refusesSubjectsThatAreNotAlgorithmColonHex(String subject) {
        assertRefused("subject", () -> search("subject", subject));
    }

    @Test
    void normalisesSignerKeyIdsAndRefusesOtherText() {
        assertEquals(KEY_ID, search("signer", KEY_ID.toUpperCase()).signerKeyId());
        assertRefused("signer", () -> search("signer", "ci-signer"));
        assertRefused("signer", () -> search("signer", KEY_ID + "00"));
    }

    @Test
    void refusesUnknownRepeatedAndEmptyParameters() {
        assertRefused("predicate_type", () -> search("predicate_type", "x"));
        Map<String, String[]> repeated = Map.of("subject", new String[] {DIGEST, DIGEST});
        assertRefused("subject", () -> QueryEndpoints.entryQuery(repeated, CALLER));
        assertRefused("predicateType", () -> search("predicateType", ""));
        assertRefused("predicateType", () -> search("predicateType", "a\u0000b"));
    }

    @Test
    void passesFactFiltersThroughByNameWithoutThePrefix() {
        EntryQuery q = search("fact.sbom.format", "CycloneDX", "fact.scan.severity.critical", "0", "limit", "5");
        assertEquals(Map.of("sbom.format", "CycloneDX", "scan.severity.critical", "0"), q.facts());
        assertEquals(5, q.limit());
    }

    @Test
    void keepsValuesExactlyAsSentCaseAndSpacesIncluded() {
        assertEquals(Map.of("vex.status", "Not Affected "), search("fact.vex.status", "Not Affected ").facts());
    }

    @Test
    void refusesAFactParameterWithoutName() {
        assertRefused("fact.", () -> search("fact.", "x"));
    }

    @Test
    void refusesAnEmptyFactValue() {
        assertRefused("fact.sbom.format", () -> search("fact.sbom.format", ""));
    }

    @Test
    void refusesFactNamesAndValuesOverTheirLimits() {
        String longName = "n".repeat(129);
        AttestorException e = assertThrows(AttestorException.class, () -> search("fact." + longName, "x"));
        assertEquals("request.invalid", e.code());
        assertTrue(e.getMessage().startsWith("query parameter fact." + "n".repeat(75) + "…:"), e::getMessage);
        assertEquals(Map.of("n".repeat(128), "v".repeat(1024)),
                search("fact." + "n".repeat(128), "v".repeat(1024)).facts());
        assertRefused("fact.purl", () -> search("fact.purl", "v".repeat(1025)));
    }

    @Test
    void refusesControlCharactersInFactNamesAndValues() {
        assertRefused("fact.a?b", () -> search("fact.a\u0001b".translateEscapes(), "x"));
        assertRefused("fact.a", () -> search("fact.a", "x\ty".translateEscapes()));
    }

    @Test
    void takesEightFactParametersAndRefusesTheNinthByName() {
        String[] eight = new String[16];
        for (int i = 0; i < 8; i++) {
            eight[2 * i] = "fact.f" + i;
            eight[2 * i + 1] = "v";
        }
        assertEquals(8, search(eight).facts().size());
        String[] nine = java.util.Arrays.copyOf(eight, 18);
        nine[16] = "fact.f8";
        nine[17] = "v";
        assertRefused("fact.f8", () -> search(nine));
    }

    @Test
    void refusesARepeatedFactParameter() {
        Map<String, String[]> repeated = params("fact.vex.cves", "CVE-1");
        repeated.put("fact.vex.cves", new String[] {"CVE-1", "CVE-2"});
        assertRefused("fact.vex.cves", () -> QueryEndpoints.entryQuery(repeated, CALLER));
    }

    @Test
    void refusesFactParametersOnTheAuditTrail() {
        assertRefused("fact.sbom.format", () -> audit("fact.sbom.format", "CycloneDX"));
    }

    @Test
    void readsALimitOnlyAuditQueryAsTheNewestEvents() {
        assertEquals(AuditQuery.newest(TENANT, 7), audit("limit", "7"));
        assertEquals(AuditQuery.newest(TENANT, 100), audit());
    }

    @Test
    void passesEveryAuditFilterAndThePagePositionThrough() {
        AuditQuery q = audit("actor", "anonymous", "action", "entry.submit", "target",
                DIGEST, "outcome", "success", "since", "2026-03-01T00:00:00Z", "until", "2026-03-02T00:00:00Z",
                "limit", "10", "before", "42");
        assertEquals(new AuditQuery(TENANT, "anonymous", "entry.submit", DIGEST, "success",
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"), 10, 42), q);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "x", "99999999999999999999"})
    void refusesAnAuditPagePositionThatIsNotAPositiveNumber(String before) {
        assertRefused("before", () -> audit("before", before));
    }

    @Test
    void refusesSearchParametersOnTheAuditTrail() {
        assertRefused("subject", () -> audit("subject", DIGEST));
        assertNull(audit().actor());
    }

    @Test
    void refusesACursorOfAnotherTenantsSearch() {
        String theirs = new EntryCursor("tenant-b", Instant.parse("2026-03-01T00:00:00Z"), DIGEST).encode();
        assertRefused("cursor", () -> search("cursor", theirs));
    }

    @Test
    void refusesANamedTenantToAnyoneButTheOperator() {
        for (Runnable named : List.<Runnable>of(() -> search("tenant", "tenant-b"), () -> search("tenant", TENANT),
                () -> audit("tenant", "*"), () -> audit("tenant", "tenant-b"))) {
            AttestorException e = assertThrows(AttestorException.class, named::run);
            assertEquals(Tenancy.OPERATOR_ONLY, e.code());
            assertEquals(403, Problems.status(e.code()));
        }
    }

    @Test
    void letsTheOperatorSearchOneNamedTenant() {
        assertEquals(EntryQuery.all("tenant-b", 100), QueryEndpoints.entryQuery(params("tenant", "tenant-b"),
                OPERATOR));
        assertEquals(EntryQuery.all("ops", 100), QueryEndpoints.entryQuery(params(), OPERATOR));
        assertRefused("tenant", () -> QueryEndpoints.entryQuery(params("tenant", "*"), OPERATOR));
        assertRefused("tenant", () -> QueryEndpoints.entryQuery(params("tenant", "no spaces"), OPERATOR));
    }

    @Test
    void letsTheOperatorReadOneTenantsAuditTrailOrEveryTenantsWithAStar() {
        assertEquals(AuditQuery.newest(null, 100), QueryEndpoints.auditQuery(params("tenant", "*"), OPERATOR));
        assertEquals(AuditQuery.newest("tenant-b", 100), QueryEndpoints.auditQuery(params("tenant", "tenant-b"),
                OPERATOR));
        assertEquals(AuditQuery.newest("ops", 100), QueryEndpoints.auditQuery(params(), OPERATOR));
        assertRefused("tenant", () -> QueryEndpoints.auditQuery(params("tenant", "a/b"), OPERATOR));
    }
}
