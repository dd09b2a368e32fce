package org.stellaops.attestor.it.osgi;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Predicate handlers are plugins: stopping the SLSA bundle makes the running service refuse SLSA provenance, and
 * starting it again makes the service accept it, with no framework restart in between.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PredicateHotSwapIT {

    private static final String SLSA_BUNDLE = "org.stellaops.attestor.predicate-slsa";
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return AttestorOptions.distribution("hotswap");
    }

    @Test
    public void followsThePredicateBundleWithoutAFrameworkRestart() throws Exception {
        HttpApi api = HttpApi.of(context);
        int predicateTypes = api.awaitHealthy(BOUND).path("predicateTypes").asInt();
        Provenance signer = Provenance.newSigner();
        HttpApi.Response key = api.postJson("/api/v1/trust/keys", Map.of("name", "ci", "publicKeyPem", signer.publicKeyPem()));
        assertEquals(key.toString(), 201, key.status());
        assertStatus(201, api.postJson("/api/v1/rekor/entries", signer.signedEnvelope("before-stop.jar")));
        Bundle slsa = bundle(SLSA_BUNDLE);
        Bundle core = bundle("org.stellaops.attestor.core");

        slsa.stop();
        assertEquals(Bundle.RESOLVED, slsa.getState());
        awaitPredicateTypes(api, "fewer than " + predicateTypes, n -> n < predicateTypes);
        long entries = entries(api);
        HttpApi.Response refused = api.postJson("/api/v1/rekor/entries", signer.signedEnvelope("while-stopped.jar"));
        assertStatus(422, refused);
        assertEquals(refused.toString(), "predicate.unknown_type", refused.json().path("code").asText());
        assertEquals("a refused submission stores nothing", entries, entries(api));

        slsa.start();
        assertEquals(Bundle.ACTIVE, slsa.getState());
        awaitPredicateTypes(api, String.valueOf(predicateTypes), n -> n == predicateTypes);
        assertStatus(201, api.postJson("/api/v1/rekor/entries", signer.signedEnvelope("after-restart.jar")));

        assertEquals("the core kept running throughout", Bundle.ACTIVE, core.getState());
        assertEquals("the same store, one entry more", entries + 1, entries(api));
    }

    /** @return the records of the test's tenant, from {@code GET /api/v1/stats} */
    private static long entries(HttpApi api) {
        HttpApi.Response stats = api.get("/api/v1/stats");
        assertEquals(stats.toString(), 200, stats.status());
        return stats.json().path("entries").asLong();
    }

    private static void awaitPredicateTypes(HttpApi api, String expected, IntPredicate condition) {
        Await.until("/health predicateTypes " + expected, BOUND, () -> api.get("/health"),
                health -> health.status() == 200 && condition.test(health.json().path("predicateTypes").asInt()));
    }

    private static void assertStatus(int expected, HttpApi.Response response) {
        assertEquals(response.toString(), expected, response.status());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }
}
