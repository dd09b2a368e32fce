package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7 end to end, one server with every handler bundle: for each predicate format a valid statement signed by
 * a trusted key is stored with the documented facts, named by the handler bundle that derived them, and found by
 * {@code fact.} searches; an invalid one is refused with {@code 422 predicate.invalid} pointing at the offending
 * members, and leaves nothing behind.
 *
 * <p>The valid statements are all submitted first, so that every search runs against a store holding every format
 * (a fact search must find its record and no record of another format).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredicateHandlersIT {

    private AttestorProcess server;
    private PredicateApi api;
    private final Map<PredicateFormat, ApiResponse> submitted = new EnumMap<>(PredicateFormat.class);
    private final Map<PredicateFormat, String> digests = new EnumMap<>(PredicateFormat.class);

    @BeforeAll
    void submitOneValidStatementOfEachFormat() {
        server = AttestorProcess.startFresh();
        api = new PredicateApi(server);
        for (PredicateFormat format : PredicateFormat.values()) {
            byte[] envelope = api.sign(format.statement());
            digests.put(format, Attestations.envelopeDigest(envelope));
            submitted.put(format, api.submit(envelope));
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PredicateFormat.class)
    void acceptsAValidStatementAndNamesTheHandlerBundleThatDerivedItsFacts(PredicateFormat format) {
        ApiResponse response = submitted.get(format);
        assertTrue(response.status() == 201 || response.status() == 202, response::describe);
        JsonNode record = response.json();
        assertEquals(digests.get(format), record.path("envelopeDigest").asText(), response::describe);
        assertEquals(format.predicateType(), record.path("predicateType").asText(), response::describe);

        String derivedBy = record.path("derived").path("derivedBy").asText();
        ShippedBundles.Bundle handler = ShippedBundles.bundle(format.bundle());
        assertEquals(handler.id(), derivedBy.split(" ")[0], "derivedBy names the handler bundle first: " + derivedBy);
        if (!format.bundle().equals(PredicateFormat.SLSA_BUNDLE)) {
            assertEquals("1.0.0.SNAPSHOT", handler.version(), "the new handler bundles are versioned on their own");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PredicateFormat.class)
    void storesExactlyTheDocumentedFacts(PredicateFormat format) {
        ApiResponse stored = api.record(digests.get(format));
        assertEquals(200, stored.status(), stored::describe);
        JsonNode facts = stored.json().path("derived").path("facts");
        assertEquals(List.of(), differences(PredicateExpectations.facts(format), facts), () -> format + " facts");
        assertEquals(facts, submitted.get(format).json().path("derived").path("facts"),
                "the submission answer shows the stored facts");
    }

    /** @return one line per fact that is missing, unexpected or different (lists shown by their differences) */
    private static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        expected.fieldNames().forEachRemaining(names::add);
        actual.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode want = expected.get(name);
            JsonNode got = actual.get(name);
            if (want == null || got == null || !want.equals(got)) {
                out.add(name + ": expected " + brief(want, got) + ", stored " + brief(got, want));
            }
        }
        return out;
    }

    /** @return the value, or for two lists the elements the other one lacks */
    private static String brief(JsonNode value, JsonNode other) {
        if (value != null && other != null && value.isArray() && other.isArray()) {
            Set<JsonNode> only = new LinkedHashSet<>();
            value.forEach(only::add);
            other.forEach(only::remove);
            return value.size() + " elements, of which not in the other " + only;
        }
        return String.valueOf(value);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PredicateFormat.class)
    void findsTheRecordByAScalarFactAndByAListElement(PredicateFormat format) {
        PredicateExpectations.Searches searches = PredicateExpectations.searches(format);
        Set<String> only = Set.of(digests.get(format));
        PredicateExpectations.Fact scalar = searches.scalar();
        assertEquals(only, api.find(scalar.parameter(), scalar.value()), scalar::toString);
        PredicateExpectations.Fact other = searches.other();
        assertEquals(only, api.find(other.parameter(), other.value()), other::toString);
        PredicateExpectations.Fact member = searches.listMember();
        if (member != null) {
            assertEquals(only, api.find(member.parameter(), member.value()), member::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PredicateFormat.class)
    void andsFactParametersAndFindsNothingForAValueNoRecordHas(PredicateFormat format) {
        PredicateExpectations.Searches searches = PredicateExpectations.searches(format);
        PredicateExpectations.Fact first = searches.scalar();
        PredicateExpectations.Fact second = searches.listMember() != null ? searches.listMember() : searches.other();
        String absent = second.value() + "-absent";

        assertEquals(Set.of(digests.get(format)), api.find(first.parameter(), first.value(),
                second.parameter(), second.value()), "both facts match");
        assertEquals(Set.of(), api.find(first.parameter(), first.value(), second.parameter(), absent),
                "the second fact does not match");
        assertEquals(Set.of(), api.find(first.parameter(), first.value() + "-absent"), "a value nobody has");
        String upper = first.value().toUpperCase(Locale.ROOT);
        assertNotEquals(first.value(), upper);
        assertEquals(Set.of(), api.find(first.parameter(), upper), "matching is exact and case-sensitive");
        assertEquals(Set.of(digests.get(format)), api.find(first.parameter(), first.value(),
                "predicateType", format.predicateType()), "fact filters combine with predicateType");
    }

    @Test
    void combinesFactFiltersAcrossTheTwoScanFormats() {
        Set<String> both = Set.of(digests.get(PredicateFormat.SCAN_RESULTS), digests.get(PredicateFormat.COSIGN_VULN));
        assertEquals(both, api.find("fact.scan.findings.ids", "CVE-2023-44487"), "a finding both scans report");
        assertEquals(Set.of(digests.get(PredicateFormat.COSIGN_VULN)), api.find("fact.scan.findings.ids",
                "CVE-2023-44487", "fact.scan.format", "cosign-vuln/v1"));
        assertEquals(Set.of(digests.get(PredicateFormat.SCAN_RESULTS)), api.find("fact.scan.severity.critical", "1",
                "fact.scan.severity.low", "0"), "numbers are matched in plain decimal");
    }

    @Test
    void findsListElementsThatNeedPercentEncodingInTheQuery() {
        String libssl = "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12";
        assertEquals(Set.of(digests.get(PredicateFormat.SPDX_2_3)), api.find("fact.sbom.purls", libssl));
        assertEquals(Set.of(digests.get(PredicateFormat.SCAN_RESULTS)), api.find("fact.scan.components", libssl),
                "the same value under another fact name is another fact");
        assertEquals(Set.of(digests.get(PredicateFormat.SPDX_2_3)), api.find("fact.sbom.purls",
                "pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12"), "a + in the value");
        assertEquals(Set.of(digests.get(PredicateFormat.SPDX_2_3)), api.find("fact.sbom.purls",
                "pkg:oci/scheduler@sha256%3A3c9a7e5b1d2f4e6a8c0b2d4f6e8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a"
                        + "?repository_url=registry.stella-ops.org%2Fplatform%2Fscheduler"),
                "a value holding percent escapes is matched as written, decoded once");
        assertEquals(Set.of(), api.find("fact.sbom.purls",
                "pkg:oci/scheduler@sha256:3c9a7e5b1d2f4e6a8c0b2d4f6e8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a"
                        + "?repository_url=registry.stella-ops.org/platform/scheduler"),
                "and not decoded twice");
    }

    @Test
    void refusesMalformedFactParametersNamingThem() {
        List<String> queries = new ArrayList<>(List.of("fact.=x", "fact.sbom.format=",
                "fact.sbom.format=CycloneDX&fact.sbom.format=SPDX",
                BatchApiClient.query("fact.sbom.purls", "x".repeat(1025)),
                BatchApiClient.query("fact." + "n".repeat(129), "x"),
                BatchApiClient.query("fact.sbom.format", "Cyclone\u0001DX")));
        StringBuilder nine = new StringBuilder("fact.f0=v");
        for (int i = 1; i < 9; i++) {
            nine.append("&fact.f").append(i).append("=v");
        }
        queries.add(nine.toString());
        for (String query : queries) {
            ApiResponse response = api.get("/api/v1/rekor/entries?" + query);
            JsonNode problem = response.assertProblem(400, "request.invalid");
            assertTrue(problem.path("detail").asText().startsWith("query parameter fact."), response::describe);
        }
    }

    @Test
    void capsAListFactAtTenThousandElementsAndFlagsItTruncated() {
        int components = 10_050;
        ObjectNode statement = PredicateFormat.CYCLONEDX_1_6.statement(0);
        CycloneDxBom.addComponents(statement, components, "e2e-cap");
        JsonEdits.set(statement, "/predicate/serialNumber", "urn:uuid:0e2e0e2e-1a2b-4c3d-8e4f-10050c0a1f00");
        byte[] envelope = api.sign(statement);
        ApiResponse response = api.submit(envelope);
        assertTrue(response.status() == 201 || response.status() == 202, response::describe);

        JsonNode facts = api.record(Attestations.envelopeDigest(envelope)).json().path("derived").path("facts");
        assertEquals(components, facts.path("sbom.components").asInt(), "every component is counted");
        List<String> purls = new ArrayList<>();
        facts.path("sbom.purls").forEach(p -> purls.add(p.asText()));
        assertEquals(CycloneDxBom.purls("e2e-cap", components).stream().limit(10_000).toList(), purls,
                "the first 10,000 purls in sorted order");
        assertTrue(facts.path("sbom.purls.truncated").asBoolean(false), facts.path("sbom.purls.truncated")::toString);
        assertEquals(Set.of(Attestations.envelopeDigest(envelope)), api.find("fact.sbom.purls.truncated", "true"),
                "a boolean fact is found by true");
        assertEquals(Set.of(), api.find("fact.sbom.purls.truncated", "false"));
    }

    @Test
    void refusesPredicateTypesThatNoHandlerClaims() {
        for (String type : List.of("https://spdx.dev/Document/v3", "cosign.sigstore.dev/attestation/vuln/v1",
                "https://openvex.dev/ns/v0.0.1", "https://cyclonedx.org/bom/v1.3", "https://slsa.dev/provenance/v1/")) {
            ObjectNode statement = PredicateFormat.SLSA_V1.statement();
            statement.put("predicateType", type);
            byte[] envelope = api.sign(statement);
            api.submit(envelope).assertProblem(422, "predicate.unknown_type");
            api.record(Attestations.envelopeDigest(envelope)).assertProblem(404, "entry.not_found");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PredicateFormat.class, names = {"SLSA_V1", "COSIGN_VULN"}, mode = EnumSource.Mode.EXCLUDE)
    void refusesAStatementWhoseSubjectIsNotTheArtifactThePredicateDescribes(PredicateFormat format) {
        ObjectNode statement = format.statement();
        JsonEdits.set(statement, "/subject/0/digest/sha256", "0".repeat(63) + "1");
        byte[] envelope = api.sign(statement);

        ApiResponse response = api.submit(envelope);

        JsonNode problem = response.assertProblem(422, "predicate.invalid");
        String pointer = PredicateExpectations.describedDigest(format);
        assertTrue(PredicateApi.pointers(problem).contains(pointer), () -> "no finding at " + pointer + ": "
                + response.describe());
        api.record(Attestations.envelopeDigest(envelope)).assertProblem(404, "entry.not_found");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PredicateFormat.class)
    void refusesAnInvalidStatementPointingAtTheOffendingMembersAndStoresNothing(PredicateFormat format) {
        PredicateExpectations.Defect defect = PredicateExpectations.defect(format);
        ObjectNode statement = format.statement();
        defect.edit().accept(statement);
        byte[] envelope = api.sign(statement);
        String digest = Attestations.envelopeDigest(envelope);
        Set<String> before = api.all();
        Set<String> ofTypeBefore = api.find("predicateType", format.predicateType());
        ApiClient.ServerState stateBefore = api.state();

        ApiResponse response = api.submit(envelope);

        JsonNode problem = response.assertProblem(422, "predicate.invalid");
        List<String> pointers = PredicateApi.pointers(problem);
        for (String expected : defect.pointers()) {
            assertTrue(pointers.contains(expected), () -> "no error at " + expected + ": " + response.describe());
        }
        if (defect.schemaThenRule()) {
            assertTrue(pointers.indexOf(defect.pointers().get(0)) < pointers.indexOf(defect.pointers().get(1)),
                    () -> "schema errors come before the rules' errors: " + response.describe());
        }
        for (JsonNode error : problem.path("errors")) {
            assertTrue(error.path("pointer").asText().startsWith("/predicate"), response::describe);
            assertFalse(error.path("message").asText().isBlank(), response::describe);
        }
        api.record(digest).assertProblem(404, "entry.not_found");
        assertEquals(stateBefore, api.state(), "no record, log entry or archived envelope");
        assertEquals(before, api.all(), "a refused statement adds no record");
        assertEquals(ofTypeBefore, api.find("predicateType", format.predicateType()));
    }
}
