package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The option checks of {@code stella attest search}: the service's own rules, as usage errors. */
class SearchArgsTest {

    private static final String HEX = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    private static void assertUsage(String code, String text, Executable check) {
        CliException e = assertThrows(CliException.class, check);
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertEquals(code, e.code());
        assertTrue(e.getMessage().contains(text), e::getMessage);
    }

    @Test
    void subjectKeepsItsAlgorithmAndLowercasesTheHex() {
        assertEquals("sha256:" + HEX, SearchArgs.subject("sha256:" + HEX.toUpperCase()));
        assertEquals("gitCommit:abcdef", SearchArgs.subject("gitCommit:ABCDEF"));
    }

    @Test
    void refusesASubjectDigestOfTheWrongLengthForItsAlgorithm() {
        assertUsage("usage.bad_subject", "sha256 digests have 64 hex digits, not 62",
                () -> SearchArgs.subject("sha256:" + HEX.substring(2)));
    }

    @Test
    void refusesASubjectWithoutAlgorithmOrWithNonHexDigits() {
        assertUsage("usage.bad_subject", "<algorithm>:<hex>", () -> SearchArgs.subject(HEX));
        assertUsage("usage.bad_subject", "<algorithm>:<hex>", () -> SearchArgs.subject("sha256:" + "g".repeat(64)));
    }

    @Test
    void signerMustBeAKeyIdAndIsLowercased() {
        assertEquals(HEX, SearchArgs.signer(HEX.toUpperCase()));
        assertUsage("usage.bad_signer", "64 hex digits", () -> SearchArgs.signer("release"));
    }

    @Test
    void absentOptionsStayAbsent() {
        assertNull(SearchArgs.subject(null));
        assertNull(SearchArgs.signer(null));
        assertNull(SearchArgs.text("--cursor", "usage.bad_cursor", null));
        assertNull(SearchArgs.limit(null));
        assertTrue(SearchArgs.facts(null).isEmpty());
    }

    @Test
    void aFactNameEndsAtTheFirstEqualsSignSoTheValueMayHoldMore() {
        Map<String, String> facts = SearchArgs.facts(List.of("sbom.purls=pkg:maven/a/b@1?type=jar&x=y",
                "scan.severity.critical=0"));
        assertEquals(List.of("sbom.purls", "scan.severity.critical"), new ArrayList<>(facts.keySet()));
        assertEquals("pkg:maven/a/b@1?type=jar&x=y", facts.get("sbom.purls"));
        assertEquals("0", facts.get("scan.severity.critical"));
    }

    @Test
    void refusesAFactWithoutEqualsSign() {
        assertUsage("usage.bad_fact", "<name>=<value>", () -> SearchArgs.facts(List.of("sbom.format")));
    }

    @Test
    void refusesAFactWithoutName() {
        assertUsage("usage.bad_fact", "needs a fact name", () -> SearchArgs.facts(List.of("=CycloneDX")));
    }

    @Test
    void refusesAFactWithAnEmptyValue() {
        assertUsage("usage.bad_fact", "the value must be 1 to 1024", () -> SearchArgs.facts(List.of("sbom.format=")));
    }

    @Test
    void factNamesMayHave128CharactersButNotMore() {
        assertEquals(1, SearchArgs.facts(List.of("n".repeat(128) + "=v")).size());
        assertUsage("usage.bad_fact", "the name must be 1 to 128",
                () -> SearchArgs.facts(List.of("n".repeat(129) + "=v")));
    }

    @Test
    void factValuesMayHave1024CharactersButNotMore() {
        assertEquals(1, SearchArgs.facts(List.of("n=" + "v".repeat(1024))).size());
        assertUsage("usage.bad_fact", "the value must be 1 to 1024",
                () -> SearchArgs.facts(List.of("n=" + "v".repeat(1025))));
    }

    @Test
    void refusesControlCharactersInFactNamesAndValues() {
        assertUsage("usage.bad_fact", "without control characters", () -> SearchArgs.facts(List.of("a\tb=v")));
        assertUsage("usage.bad_fact", "without control characters", () -> SearchArgs.facts(List.of("n=line\n")));
    }

    @Test
    void refusesTheSameFactNameTwice() {
        assertUsage("usage.bad_fact", "given more than once",
                () -> SearchArgs.facts(List.of("vex.vulnerabilities=CVE-1", "vex.vulnerabilities=CVE-2")));
    }

    @Test
    void takesEightFactsButNotNine() {
        List<String> facts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            facts.add("f" + i + "=v");
        }
        assertEquals(8, SearchArgs.facts(facts).size());
        facts.add("f8=v");
        assertUsage("usage.bad_fact", "at most 8", () -> SearchArgs.facts(facts));
    }

    @Test
    void limitIsAPageSizeFrom1To1000() {
        assertEquals(1000, SearchArgs.limit(1000));
        assertUsage("usage.bad_limit", "from 1 to 1000", () -> SearchArgs.limit(0));
        assertUsage("usage.bad_limit", "from 1 to 1000", () -> SearchArgs.limit(1001));
    }

    @Test
    void maxRecordsMustBePositive() {
        assertEquals(1, SearchArgs.maxRecords(1));
        assertUsage("usage.bad_max_records", "at least 1", () -> SearchArgs.maxRecords(0));
    }

    @Test
    void outputIsTableJsonOrNdjson() {
        assertEquals("ndjson", SearchArgs.output("ndjson"));
        assertUsage("usage.bad_output", "table, json, ndjson", () -> SearchArgs.output("yaml"));
    }

    @Test
    void refusesAnEmptyPredicateTypeOrCursor() {
        assertUsage("usage.bad_predicate_type", "must not be empty",
                () -> SearchArgs.text("--predicate-type", "usage.bad_predicate_type", ""));
        assertUsage("usage.bad_cursor", "control characters",
                () -> SearchArgs.text("--cursor", "usage.bad_cursor", "abc\u0000"));
    }

    @Test
    void encodingLeavesNoCharacterThatCouldChangeTheQuery() {
        assertEquals("a%20b%2Bc%26d%3De%2Ff%40g%3Fh%23i%25j%3Ak", SearchArgs.encode("a b+c&d=e/f@g?h#i%j:k"));
        assertEquals("%C3%BC", SearchArgs.encode("\u00fc"));
    }
}
