package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.Consistency;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.RelatedAttestation;
import org.stellaops.attestor.api.policy.SignatureEvidence;
import org.stellaops.attestor.api.policy.SignerKey;
import org.stellaops.attestor.api.policy.TimeSource;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.api.policy.VerificationContext;
import org.stellaops.attestor.api.policy.KeyLifecycle;
import org.stellaops.attestor.policy.PolicyDecision;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.policy.PolicyValidation;

/** The starter policies shipped in docs/policies parse, validate, and decide as their descriptions say. */
class StarterPoliciesTest {

    private static final Path DIR = Path.of("..", "..", "docs", "policies");
    private static final String SLSA = "https://slsa.dev/provenance/v1";

    private static PolicyEnvironment environment() {
        return PolicyEnvironment.builder()
                .keySet("trusted-signers", List.of("ops-1"))
                .keySet("release-signers", List.of("rel-a", "rel-b", "rel-c"))
                .keySet("scanners", List.of("scanner-1"))
                .keySet("vex-authors", List.of("vendor-vex"))
                .logs("attestor.local")
                .witnesses("witness-a", "witness-b", "witness-c")
                .build();
    }

    static Stream<Path> starterPolicies() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    private static PolicyDocument load(String name) throws IOException {
        PolicyValidation validation = Fixtures.engine().validate(Files.readAllBytes(DIR.resolve(name)),
                PolicyFormat.JSON, environment());
        assertTrue(validation.valid(), validation.problems()::toString);
        return validation.document();
    }

    private static SignerKey key(String name, String set, String spki) {
        return new SignerKey(spki, name, 1, spki, List.of(set), KeyLifecycle.validSince(Fixtures.KEYS_FROM));
    }

    private static VerificationContext.Builder logged(VerificationContext.Builder context) {
        return context.logEntry(Fixtures.entry("attestor.local", 12, Fixtures.checkpoint(Consistency.NOT_CHECKED,
                Fixtures.cosignature("witness-a", Fixtures.LOGGED.plusSeconds(60)),
                Fixtures.cosignature("witness-b", Fixtures.LOGGED.plusSeconds(90)))));
    }

    @Test
    void allFourStarterPoliciesAreShipped() throws IOException {
        assertEquals(List.of("fresh-scan-no-criticals.json", "release-2-of-3.json", "signed-by-trusted-key.json",
                "witnessed-2-of-3.json"), starterPolicies().map(p -> p.getFileName().toString()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starterPolicies")
    void parsesAndValidates(Path file) throws IOException {
        PolicyValidation validation = Fixtures.engine().validate(Files.readAllBytes(file), PolicyFormat.JSON,
                environment());
        assertTrue(validation.valid(), validation.problems()::toString);
        assertEquals(file.getFileName().toString(), validation.document().id() + ".json");
    }

    @Test
    void signedByATrustedKey() throws IOException {
        PolicyDocument policy = load("signed-by-trusted-key.json");
        SignerKey ops = key("ops-1", "trusted-signers", Fixtures.ALICE_SPKI);
        VerificationContext unlogged = Fixtures.context().signature(SignatureEvidence.verified(0, "", ops)).build();
        VerificationContext loggedToo = logged(Fixtures.context().signature(SignatureEvidence.verified(0, "", ops)))
                .build();
        assertEquals(Verdict.PASS, Fixtures.engine().evaluate(policy, loggedToo).verdict());
        PolicyDecision notLogged = Fixtures.engine().evaluate(policy, unlogged);
        assertEquals(List.of("logged"), notLogged.failures());
    }

    @Test
    void twoOfThreeReleaseSigners() throws IOException {
        PolicyDocument policy = load("release-2-of-3.json");
        SignerKey a = key("rel-a", "release-signers", Fixtures.ALICE_SPKI);
        SignerKey b = key("rel-b", "release-signers", Fixtures.BOB_SPKI);
        VerificationContext.Builder provenance = Fixtures.context().statement(Fixtures.statement(SLSA))
                .requestedSubject(Fixtures.APP);
        PolicyDecision two = Fixtures.engine().evaluate(policy, logged(provenance.signature(
                SignatureEvidence.verified(0, "", a)).signature(SignatureEvidence.verified(1, "", b))).build());
        assertEquals(Verdict.PASS, two.verdict(), two.reason());
        PolicyDecision twice = Fixtures.engine().evaluate(policy, logged(Fixtures.context()
                .statement(Fixtures.statement(SLSA)).requestedSubject(Fixtures.APP)
                .signature(SignatureEvidence.verified(0, "", a)).signature(SignatureEvidence.verified(1, "a2", a)))
                .build());
        assertEquals(List.of("two-release-signers"), twice.failures());
        PolicyDecision otherProject = Fixtures.engine().evaluate(policy, Fixtures.context()
                .statement(Fixtures.statement(SLSA, new Subject("pkg:oci/globex/app", List.of(Fixtures.APP))))
                .build());
        assertEquals(Verdict.NOT_APPLICABLE, otherProject.verdict());
    }

    @Test
    void aFreshScanWithoutCriticals() throws IOException {
        PolicyDocument policy = load("fresh-scan-no-criticals.json");
        SignerKey scanner = key("scanner-1", "scanners", Fixtures.CAROL_SPKI);
        VerificationContext.Builder clean = Fixtures.context().signature(SignatureEvidence.verified(0, "", scanner))
                .facts(Map.of("scan.severity.critical", 0L), "org.stellaops.attestor.predicate-scan/1.0.0");
        assertEquals(Verdict.PASS, Fixtures.engine().evaluate(policy, clean.build()).verdict());
        PolicyDecision critical = Fixtures.engine().evaluate(policy, Fixtures.context()
                .signature(SignatureEvidence.verified(0, "", scanner))
                .facts(Map.of("scan.severity.critical", 1L), "org.stellaops.attestor.predicate-scan/1.0.0").build());
        assertEquals(List.of("no-critical-findings"), critical.failures());
        PolicyDecision stale = Fixtures.engine().evaluate(policy, clean.trustedTime(TrustedTime.of(
                Fixtures.NOW.minus(Duration.ofHours(30)), TimeSource.RFC3161, "tsa.example")).build());
        assertEquals(List.of("scan-within-24h"), stale.failures());
    }

    @Test
    void aVexOlderThanTheScanOnlyWarnsWhileTheRuleIsRolledOut() throws IOException {
        PolicyDocument policy = load("fresh-scan-no-criticals.json");
        RelatedAttestation newerScan = new RelatedAttestation("sha256:" + "5".repeat(64), Fixtures.SCAN,
                TrustedTime.of(Fixtures.LOGGED.plusSeconds(600), TimeSource.LOG, "attestor.local"));
        PolicyDecision decision = Fixtures.engine().evaluate(policy, Fixtures.context()
                .statement(Fixtures.statement(Fixtures.VEX))
                .signature(SignatureEvidence.verified(0, "", key("vendor-vex", "vex-authors", Fixtures.DAVE_SPKI)))
                .lookup((type, digest) -> type.equals(Fixtures.SCAN) ? Optional.of(newerScan) : Optional.empty())
                .build());
        assertEquals(Verdict.PASS, decision.verdict(), decision.reason());
        assertEquals(List.of("vex-newer-than-scan"), decision.warnings());
    }

    @Test
    void witnessedByTwoOfThree() throws IOException {
        PolicyDocument policy = load("witnessed-2-of-3.json");
        assertEquals(Verdict.PASS, Fixtures.engine().evaluate(policy, logged(Fixtures.context()).build()).verdict());
        PolicyDecision once = Fixtures.engine().evaluate(policy, Fixtures.context().logEntry(Fixtures.entry(
                "attestor.local", 12, Fixtures.checkpoint(Consistency.NOT_CHECKED,
                        Fixtures.cosignature("witness-a", Fixtures.LOGGED.plusSeconds(60)),
                        Fixtures.cosignature("witness-a", Fixtures.LOGGED.plusSeconds(70)),
                        Fixtures.cosignature("witness-z", Fixtures.LOGGED.plusSeconds(80))))).build());
        assertEquals(List.of("two-of-three-witnesses"), once.failures());
    }
}
