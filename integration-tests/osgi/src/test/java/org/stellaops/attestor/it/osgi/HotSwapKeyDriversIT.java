package org.stellaops.attestor.it.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.it.osgi.KeyDriverLoad.Kind;
import org.stellaops.attestor.it.osgi.KeyDriverLoad.Phase;

/**
 * Key drivers are plugins: under continuous signing and verification load the test stops, starts and updates the
 * keys-file and keys-pkcs11 bundles (the latter on a real SoftHSM2 token) and moves the service key from the file
 * driver to the HSM through ConfigAdmin. A request that needs a missing driver fails at once with a 503 driver
 * problem; nothing hangs, nothing else fails, and everything works again after each restart, with neither a
 * framework nor a core restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapKeyDriversIT {

    private static final String TOKEN = "attestor-hotswap-it";
    private static final String FILE_BUNDLE = "org.stellaops.attestor.keys-file";
    private static final String PKCS11_BUNDLE = "org.stellaops.attestor.keys-pkcs11";
    private static final String PKCS11_PID = "org.stellaops.attestor.keys.pkcs11";
    private static final String CORE_PID = "org.stellaops.attestor.core";
    private static final String HTTP_PID = "org.stellaops.attestor.http";
    private static final Duration BOUND = Duration.ofSeconds(90);
    /** Answers of each kind a phase must see before the test moves on. */
    private static final int EVIDENCE = 25;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private HttpApi api;

    @Configuration
    public Option[] configuration() {
        Path pinFile = SoftHsmToken.create(TOKEN);
        return OptionUtils.combine(AttestorOptions.distribution("key-hotswap"),
                frameworkProperty("it.pkcs11.pinFile").value(pinFile.toString()));
    }

    @Test
    public void followsKeyDriverBundlesUnderLoadWithoutAFrameworkOrCoreRestart() throws Exception {
        api = HttpApi.of(context);
        api.awaitHealthy(BOUND);
        becomeOperator();
        configurePkcs11();
        awaitDriver("pkcs11");
        created(api.postJson("/api/v1/keys", Map.of("name", "file-signer", "driver", "file")));
        created(api.postJson("/api/v1/keys", Map.of("name", "hsm-signer", "driver", "pkcs11")));
        String uuid = loggedEnvelope();
        Bundle core = bundle("org.stellaops.attestor.core");
        long coreModified = core.getLastModified();
        long frameworkStart = context.getBundle(0).getLastModified();

        KeyDriverLoad load = new KeyDriverLoad(api, requests(uuid), judges(), 2);
        try {
            steady(load, Phase.steady("warm-up"));

            swap(load, bundle(FILE_BUNDLE), Kind.SIGN_FILE, Bundle::stop, Bundle::start, "file");
            swap(load, bundle(PKCS11_BUNDLE), Kind.SIGN_HSM, Bundle::stop, Bundle::start, "pkcs11");
            update(load, bundle(FILE_BUNDLE), Kind.SIGN_FILE, "file");
            update(load, bundle(PKCS11_BUNDLE), Kind.SIGN_HSM, "pkcs11");

            Phase moving = Phase.steady("service key moves to pkcs11");
            load.enter(moving);
            String serviceKeyId = moveServiceKeyTo("pkcs11");
            steady(load, moving);
            assertReceiptSignedBy(serviceKeyId);
        } finally {
            load.close();
            System.out.println("HotSwapKeyDriversIT load:\n" + load.summary());
            List<KeyDriverLoad.Outcome> unexpected = load.unexpected();
            assertTrue(unexpected.size() + " answer(s) no phase allows, first: "
                    + unexpected.stream().limit(5).toList(), unexpected.isEmpty());
        }
        assertEquals("the core kept running throughout", Bundle.ACTIVE, core.getState());
        assertEquals("the core bundle was never updated", coreModified, core.getLastModified());
        assertEquals("the framework was never restarted", frameworkStart, context.getBundle(0).getLastModified());
    }

    private interface BundleAction {
        void apply(Bundle bundle) throws Exception;
    }

    /** Stops a driver bundle and starts it again: its requests fail with 503 meanwhile, then work again. */
    private void swap(KeyDriverLoad load, Bundle driverBundle, Kind kind, BundleAction stop, BundleAction start,
                      String driver) throws Exception {
        Phase down = Phase.without(driverBundle.getSymbolicName() + " stopped", kind);
        load.enter(down);
        stop.apply(driverBundle);
        awaitEvidence(load, down, kind, false);
        for (Kind other : Kind.values()) {
            if (other != kind) {
                awaitEvidence(load, down, other, true);
            }
        }
        Phase restarting = Phase.without(driverBundle.getSymbolicName() + " starting", kind);
        load.enter(restarting);
        start.apply(driverBundle);
        awaitDriver(driver);
        steady(load, Phase.steady(driverBundle.getSymbolicName() + " restarted"));
    }

    /** Updates a driver bundle in place (stop, reinstall from its location, start). */
    private void update(KeyDriverLoad load, Bundle driverBundle, Kind kind, String driver) throws Exception {
        Phase updating = Phase.without(driverBundle.getSymbolicName() + " updating", kind);
        load.enter(updating);
        driverBundle.update();
        assertEquals(driverBundle.getSymbolicName() + " is active again", Bundle.ACTIVE, driverBundle.getState());
        awaitDriver(driver);
        steady(load, Phase.steady(driverBundle.getSymbolicName() + " updated"));
    }

    /** Enters a phase in which nothing may fail and waits until every kind has succeeded in it. */
    private static void steady(KeyDriverLoad load, Phase phase) {
        load.enter(phase);
        for (Kind kind : Kind.values()) {
            awaitEvidence(load, phase, kind, true);
        }
    }

    private static void awaitEvidence(KeyDriverLoad load, Phase phase, Kind kind, boolean succeeded) {
        Await.until(EVIDENCE + (succeeded ? " successes" : " failures") + " of " + kind + " in phase '"
                + phase.name() + "'", BOUND, () -> load.count(kind, succeeded, phase), n -> n >= EVIDENCE);
    }

    /** The test's tenant becomes the operator's, which reads the service key ({@code ?owner=service}). */
    private void becomeOperator() throws IOException {
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration(HTTP_PID, "?");
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>()
                : config.getProperties();
        properties.put("operatorTenant", "default");
        config.update(properties);
        Await.until("the operator reads the service's keys", BOUND, () -> api.get("/api/v1/keys?owner=service"),
                r -> r.status() == 200);
    }

    private void configurePkcs11() throws IOException {
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration(PKCS11_PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("library", SoftHsmToken.LIBRARY.toString());
        properties.put("tokenLabel", TOKEN);
        properties.put("pinFile", context.getProperty("it.pkcs11.pinFile"));
        config.update(properties);
    }

    /** Moves the service key through ConfigAdmin and returns the key id of its version made in that driver. */
    private String moveServiceKeyTo(String driver) throws IOException {
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration(CORE_PID, "?");
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>()
                : config.getProperties();
        properties.put("serviceKeyDriver", driver);
        config.update(properties);
        // the next receipt makes the version in the new driver
        submitEd25519();
        JsonNode key = Await.until("a service key version in driver " + driver, BOUND,
                () -> api.get("/api/v1/keys/service?owner=service"),
                r -> r.status() == 200 && version(r.json(), driver) != null).json();
        return version(key, driver).path("keyId").asText();
    }

    private static JsonNode version(JsonNode key, String driver) {
        for (JsonNode v : key.path("versions")) {
            if (driver.equals(v.path("driver").asText()) && "active".equals(v.path("state").asText())) {
                return v;
            }
        }
        return null;
    }

    /** An Ed25519 signature is refused by Rekor-style logs, so its submission carries a service-key receipt. */
    private String submitEd25519() {
        HttpApi.Response key = api.get("/api/v1/keys/ed-signer");
        if (key.status() == 404) {
            created(api.postJson("/api/v1/keys", Map.of("name", "ed-signer", "driver", "file",
                    "algorithm", "ED25519")));
        }
        HttpApi.Response signed = api.postJson("/api/v1/sign", Map.of("key", "ed-signer",
                "statement", statement("receipt-" + System.nanoTime()), "submit", true));
        assertTrue(signed.toString(), signed.status() == 201 || signed.status() == 202);
        return signed.json().path("uuid").asText();
    }

    private void assertReceiptSignedBy(String serviceKeyId) {
        String uuid = submitEd25519();
        JsonNode report = Await.until("the receipt of " + uuid + " verifies", BOUND,
                () -> api.postJson("/api/v1/rekor/verify", Map.of("uuid", uuid)),
                r -> r.status() == 200 && check(r.json(), "receipt[0]") != null
                        && check(r.json(), "receipt[0]").path("ok").asBoolean()).json();
        String detail = check(report, "receipt[0]").path("detail").asText();
        assertTrue("the receipt is signed by the service key's pkcs11 version " + serviceKeyId + ": " + detail,
                detail.contains(serviceKeyId));
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.path("checks")) {
            if (name.equals(check.path("check").asText())) {
                return check;
            }
        }
        return null;
    }

    /** Submits an envelope of a trusted external signer and waits until it is logged; the verification load reads it. */
    private String loggedEnvelope() {
        Provenance signer = Provenance.newSigner();
        created(api.postJson("/api/v1/trust/keys", Map.of("name", "ci", "publicKeyPem", signer.publicKeyPem())));
        HttpApi.Response submitted = api.postJson("/api/v1/rekor/entries", signer.signedEnvelope("hotswap.jar"));
        created(submitted);
        String uuid = submitted.json().path("uuid").asText();
        Await.until("the envelope verifies", BOUND, () -> api.postJson("/api/v1/rekor/verify", Map.of("uuid", uuid)),
                r -> r.status() == 200 && r.json().path("verified").asBoolean());
        return uuid;
    }

    private static Map<Kind, Function<HttpApi, HttpApi.Response>> requests(String uuid) {
        return Map.of(
                Kind.SIGN_FILE, a -> a.postJson("/api/v1/sign", Map.of("key", "file-signer",
                        "statement", statement("file"))),
                Kind.SIGN_HSM, a -> a.postJson("/api/v1/sign", Map.of("key", "hsm-signer",
                        "statement", statement("hsm"))),
                Kind.VERIFY, a -> a.postJson("/api/v1/rekor/verify", Map.of("uuid", uuid)));
    }

    private static Map<Kind, Function<HttpApi.Response, String>> judges() {
        Function<HttpApi.Response, String> signed = r -> r.json().path("envelope").path("signatures").size() == 1
                ? null : "no signed envelope";
        return Map.of(Kind.SIGN_FILE, signed, Kind.SIGN_HSM, signed,
                Kind.VERIFY, r -> r.json().path("verified").asBoolean() ? null : "not verified: " + failedChecks(r.json()));
    }

    private static String failedChecks(JsonNode report) {
        StringBuilder failed = new StringBuilder();
        for (JsonNode check : report.path("checks")) {
            if (!check.path("ok").asBoolean()) {
                failed.append(check.path("check").asText()).append(": ").append(check.path("detail").asText()).append("; ");
            }
        }
        return failed.toString();
    }

    private static Map<String, Object> statement(String name) {
        return Map.of("_type", "https://in-toto.io/Statement/v1",
                "subject", List.of(Map.of("name", name, "digest", Map.of("sha256", "a".repeat(64)))),
                "predicateType", "https://slsa.dev/provenance/v1",
                "predicate", Map.of(
                        "buildDefinition", Map.of("buildType", "https://actions.github.io/buildtypes/workflow/v1",
                                "externalParameters", Map.of("workflow", ".github/workflows/release.yml")),
                        "runDetails", Map.of("builder", Map.of("id", "https://github.com/stellaops/attestor/builder"))));
    }

    private void awaitDriver(String name) {
        Await.until("key driver " + name + " is listed", BOUND, () -> api.get("/api/v1/keys"), r -> {
            if (r.status() != 200) {
                return false;
            }
            for (JsonNode driver : r.json().path("drivers")) {
                if (name.equals(driver.path("name").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    private static void created(HttpApi.Response response) {
        assertEquals(response.toString(), 201, response.status());
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
