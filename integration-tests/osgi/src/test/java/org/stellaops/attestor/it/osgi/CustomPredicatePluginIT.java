package org.stellaops.attestor.it.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A third-party predicate plugin (samples/custom-predicate, built only against plugin-api) in the running service:
 * its type is refused before it is installed, accepted with facts once it is, obeys the stricter rules of version
 * 1.1 after a {@link Bundle#update(InputStream)}, and is refused again after the bundle is uninstalled. Meanwhile a
 * steady load of SLSA provenance submissions must not see a single failure, and neither the framework nor the core
 * restarts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CustomPredicatePluginIT {

    private static final String PLUGIN_BSN = "com.example.attestor.testresults";
    private static final String V1_JAR = "it.sample.plugin.jar";
    private static final String STRICT_JAR = "it.sample.plugin.strict.jar";
    private static final String ENTRIES = "/api/v1/rekor/entries";
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** SLSA submissions each phase must see accepted before the test moves on. */
    private static final int EVIDENCE = 20;
    private static final int CLIENTS = 4;

    @Inject
    private BundleContext context;

    private HttpApi api;
    private TestResultRuns runs;

    @Configuration
    public Option[] configuration() {
        return OptionUtils.combine(AttestorOptions.distribution("custom-predicate"),
                frameworkProperty(V1_JAR).value(requiredJar(V1_JAR)),
                frameworkProperty(STRICT_JAR).value(requiredJar(STRICT_JAR)));
    }

    @Test
    public void installsUpdatesAndUninstallsAThirdPartyPluginWhileProvenanceKeepsFlowing() throws Exception {
        api = HttpApi.of(context);
        int builtInTypes = api.awaitHealthy(BOUND).path("predicateTypes").asInt();
        Provenance provenance = Provenance.newSigner();
        runs = TestResultRuns.newSigner();
        created(api.postJson("/api/v1/trust/keys", Map.of("name", "ci", "publicKeyPem", provenance.publicKeyPem())));
        created(api.postJson("/api/v1/trust/keys", Map.of("name", "test-runner", "publicKeyPem", runs.publicKeyPem())));
        assertNull(PLUGIN_BSN + " is not part of the distribution", findBundle(PLUGIN_BSN));
        Bundle core = bundle("org.stellaops.attestor.core");
        long coreModified = core.getLastModified();
        long frameworkStart = context.getBundle(0).getLastModified();

        assertProblem("predicate.unknown_type", submit(runs.passingRun("before-install.jar")));

        ProvenanceLoad load = new ProvenanceLoad(api, provenance, CLIENTS, "before install");
        try {
            load.awaitAccepted("before install", EVIDENCE, BOUND);
            Bundle plugin = installStandardVersion(load, builtInTypes);
            updateToStrictVersion(load, plugin, builtInTypes);
            uninstall(load, plugin, builtInTypes);
        } finally {
            load.close();
            System.out.println("CustomPredicatePluginIT: SLSA provenance load, " + CLIENTS + " clients\n" + load.summary());
        }
        List<ProvenanceLoad.Outcome> failures = load.failures();
        assertTrue(failures.size() + " of " + load.total() + " SLSA submissions failed, first: "
                + failures.stream().limit(5).toList(), failures.isEmpty());
        assertEquals("the core kept running throughout", Bundle.ACTIVE, core.getState());
        assertEquals("the core bundle was never updated", coreModified, core.getLastModified());
        assertEquals("the framework was never restarted", frameworkStart, context.getBundle(0).getLastModified());
    }

    /** v1.0, standard rules: what it accepts is stored with its facts and its version as derivedBy. */
    private Bundle installStandardVersion(ProvenanceLoad load, int builtInTypes) throws Exception {
        load.enter("installing v1.0");
        load.awaitInFlight(BOUND);
        Bundle plugin = context.installBundle(Path.of(context.getProperty(V1_JAR)).toUri().toString());
        plugin.start();
        assertEquals(PLUGIN_BSN, plugin.getSymbolicName());
        awaitPredicateTypes(builtInTypes + 1);
        load.enter("v1.0 active");
        String handler = PLUGIN_BSN + "/" + plugin.getVersion();

        JsonNode passing = recordOf(accepted(submit(runs.passingRun("v1-passing.jar"))));
        assertDerivedBy(handler, passing);
        JsonNode facts = passing.path("derived").path("facts");
        assertEquals(facts.toString(), "checkout unit tests", facts.path("testResults.suite").asText());
        assertEquals(facts.toString(), 2, facts.path("testResults.passed").asLong());
        assertEquals(facts.toString(), 2, facts.path("testResults.total").asLong());
        assertEquals(facts.toString(), "passed", facts.path("testResults.outcome").asText());
        assertEquals(facts.toString(), 2_500, facts.path("testResults.durationMillis").asLong());
        assertEquals(facts.toString(), "standard", facts.path("testResults.ruleSet").asText());

        // a run with a failed test and no allowFailures: fine for v1.0, refused by v1.1 below
        JsonNode failing = recordOf(accepted(submit(runs.failingRun("v1-failing.jar"))));
        assertDerivedBy(handler, failing);
        JsonNode failingFacts = failing.path("derived").path("facts");
        assertEquals(failingFacts.toString(), "failed", failingFacts.path("testResults.outcome").asText());
        assertEquals(failingFacts.toString(), "[\"com.example.shop.PriceTest#roundsHalfUp\"]",
                failingFacts.path("testResults.failedTests").toString());

        load.awaitAccepted("v1.0 active", EVIDENCE, BOUND);
        return plugin;
    }

    /** v1.1 replaces v1.0 in place (same bundle, same symbolic name): new submissions get the strict rules. */
    private void updateToStrictVersion(ProvenanceLoad load, Bundle plugin, int builtInTypes) throws Exception {
        Version before = plugin.getVersion();
        long bundleId = plugin.getBundleId();
        String v1Uuid = accepted(submit(runs.passingRun("v1-before-update.jar")));
        load.enter("updating to v1.1");
        load.awaitInFlight(BOUND);
        try (InputStream strictJar = Files.newInputStream(Path.of(context.getProperty(STRICT_JAR)))) {
            plugin.update(strictJar);
        }
        assertEquals(Bundle.ACTIVE, plugin.getState());
        assertEquals("updated in place", bundleId, plugin.getBundleId());
        assertEquals(PLUGIN_BSN, plugin.getSymbolicName());
        Version after = plugin.getVersion();
        assertTrue("v1.1 is a newer version than " + before + ": " + after, after.compareTo(before) > 0
                && after.getMajor() == 1 && after.getMinor() == 1);
        awaitPredicateTypes(builtInTypes + 1);
        load.enter("v1.1 active");

        HttpApi.Response refused = submit(runs.failingRun("v1.1-failing.jar"));
        assertProblem("predicate.invalid", refused);
        assertEquals(refused.toString(), List.of("/predicate/summary/failed"), pointers(refused));
        HttpApi.Response twice = submit(runs.failingRunWithoutRunnerVersion("v1.1-no-runner-version.jar"));
        assertProblem("predicate.invalid", twice);
        assertEquals(twice.toString(), List.of("/predicate/runner/version", "/predicate/summary/failed"), pointers(twice));
        System.out.println("CustomPredicatePluginIT: v1.1 refuses what v1.0 accepted: " + twice.body());

        JsonNode allowed = recordOf(accepted(submit(runs.allowedFailingRun("v1.1-allowed.jar"))));
        assertDerivedBy(PLUGIN_BSN + "/" + after, allowed);
        JsonNode facts = allowed.path("derived").path("facts");
        assertEquals(facts.toString(), "strict", facts.path("testResults.ruleSet").asText());
        assertTrue(facts.toString(), facts.path("testResults.allowFailures").asBoolean());
        assertDerivedBy("a record keeps the version that derived its facts", PLUGIN_BSN + "/" + before, recordOf(v1Uuid));

        load.awaitAccepted("v1.1 active", EVIDENCE, BOUND);
    }

    private void uninstall(ProvenanceLoad load, Bundle plugin, int builtInTypes) throws Exception {
        load.enter("uninstalling");
        load.awaitInFlight(BOUND);
        plugin.uninstall();
        assertEquals(Bundle.UNINSTALLED, plugin.getState());
        awaitPredicateTypes(builtInTypes);
        load.enter("uninstalled");
        assertProblem("predicate.unknown_type", submit(runs.passingRun("after-uninstall.jar")));
        assertNull(findBundle(PLUGIN_BSN));
        load.awaitAccepted("uninstalled", EVIDENCE, BOUND);
    }

    private HttpApi.Response submit(byte[] envelope) {
        return api.postJson(ENTRIES, envelope);
    }

    /** @return the uuid of a new record */
    private static String accepted(HttpApi.Response response) {
        assertTrue(response.toString(), response.status() == 201 || response.status() == 202);
        String uuid = response.json().path("uuid").asText();
        assertTrue(response.toString(), !uuid.isEmpty());
        return uuid;
    }

    private JsonNode recordOf(String uuid) {
        HttpApi.Response record = api.get(ENTRIES + "/" + uuid);
        assertEquals(record.toString(), 200, record.status());
        return record.json();
    }

    /** derivedBy is "<handler bundle>/<version> <core bundle>/<version>". */
    private static void assertDerivedBy(String handler, JsonNode record) {
        assertDerivedBy("facts derived by " + handler, handler, record);
    }

    private static void assertDerivedBy(String message, String handler, JsonNode record) {
        String derivedBy = record.path("derived").path("derivedBy").asText();
        assertTrue(message + ": " + derivedBy, derivedBy.startsWith(handler + " "));
    }

    private static void assertProblem(String code, HttpApi.Response response) {
        assertEquals(response.toString(), 422, response.status());
        assertEquals(response.toString(), code, response.json().path("code").asText());
    }

    private static List<String> pointers(HttpApi.Response problem) {
        List<String> pointers = new ArrayList<>();
        problem.json().path("errors").forEach(error -> pointers.add(error.path("pointer").asText()));
        return pointers;
    }

    private void awaitPredicateTypes(int expected) {
        Await.until("/health predicateTypes " + expected, BOUND, () -> api.get("/health"),
                health -> health.status() == 200 && health.json().path("predicateTypes").asInt() == expected);
    }

    private static void created(HttpApi.Response response) {
        assertEquals(response.toString(), 201, response.status());
    }

    private Bundle findBundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private Bundle bundle(String symbolicName) {
        Bundle bundle = findBundle(symbolicName);
        if (bundle == null) {
            throw new AssertionError(symbolicName + " is not installed");
        }
        return bundle;
    }

    /** Driver side: the sample plugin's jars, built by samples/custom-predicate (failsafe names them). */
    private static String requiredJar(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " does not exist: " + path
                    + " (build it: mvn -pl samples,samples/custom-predicate install)");
        }
        return path.toString();
    }
}
