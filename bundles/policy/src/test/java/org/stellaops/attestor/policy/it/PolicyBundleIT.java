package org.stellaops.attestor.policy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs the packaged policy bundle in a real Felix framework with SCR: every bundle (Jackson's YAML format and
 * SnakeYAML included) resolves and starts, the engine service parses YAML inside the framework, and a custom rule
 * type comes and goes with the bundle that registers it. The framework's classes live in other class loaders than
 * this test's, so the service is called reflectively.
 */
class PolicyBundleIT {

    private static final long WAIT_MILLIS = 10_000;
    private static final String POLICY_YAML = """
            apiVersion: stella-ops.org/attestor/policy/v1
            kind: VerificationPolicy
            id: logged
            version: 1
            rules:
              - id: in-any-log
                type: transparency
                config: {min: 1}
            """;
    private static final String USES_CUSTOM = """
            {"apiVersion":"stella-ops.org/attestor/policy/v1","kind":"VerificationPolicy","id":"custom","version":1,
             "rules":[{"id":"c","type":"it.alwaysPass","config":{}}]}
            """;

    private static Framework framework;
    private static Bundle policyBundle;
    private static Bundle apiBundle;
    private static ServiceTracker<Object, Object> engines;

    @BeforeAll
    static void startFramework() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, System.getProperty("felix.storage", "target/felix-it"));
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String location : bundleLocations()) {
            installed.add(context.installBundle(location));
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
            if (bundle.getSymbolicName().equals("org.stellaops.attestor.policy")) {
                policyBundle = bundle;
            } else if (bundle.getSymbolicName().equals("org.stellaops.attestor.plugin-api")) {
                apiBundle = bundle;
            }
        }
        engines = new ServiceTracker<>(context, context.createFilter("(objectClass="
                + "org.stellaops.attestor.policy.PolicyEngine)"), null);
        // all services: the system bundle does not wire to the policy package, so assignability must not filter
        engines.open(true);
    }

    @AfterAll
    static void stopFramework() throws BundleException, InterruptedException {
        engines.close();
        framework.stop();
        framework.waitForStop(WAIT_MILLIS);
    }

    private static List<String> bundleLocations() throws URISyntaxException, ClassNotFoundException {
        List<String> locations = new ArrayList<>();
        for (String className : List.of("org.objectweb.asm.ClassVisitor", "org.objectweb.asm.commons.Remapper",
                "org.objectweb.asm.tree.ClassNode", "org.objectweb.asm.tree.analysis.Analyzer",
                "org.objectweb.asm.util.Printer", "org.apache.aries.spifly.dynamic.DynamicWeavingActivator",
                "org.slf4j.Logger", "org.slf4j.simple.SimpleLogger",
                "org.osgi.util.function.Function", "org.osgi.util.promise.Promise",
                "org.osgi.service.component.ComponentConstants", "org.apache.felix.scr.impl.Activator",
                "com.fasterxml.jackson.annotation.JsonProperty", "com.fasterxml.jackson.core.JsonFactory",
                "com.fasterxml.jackson.databind.ObjectMapper", "org.yaml.snakeyaml.Yaml",
                "com.fasterxml.jackson.dataformat.yaml.YAMLFactory", "org.bouncycastle.jce.provider.BouncyCastleProvider",
                // the sdk's timestamp package verifies RFC 3161 tokens with bcpkix (which needs bcutil)
                "org.bouncycastle.asn1.cmp.PKIStatus", "org.bouncycastle.tsp.TimeStampToken",
                "org.stellaops.attestor.api.policy.PolicyRule", "org.stellaops.attestor.sdk.json.Jcs",
                "com.networknt.schema.Schema")) {
            locations.add(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()
                    .toString());
        }
        locations.add(Path.of(System.getProperty("policy.jar")).toUri().toString());
        return locations;
    }

    private static Object engine() throws InterruptedException {
        Object engine = engines.waitForService(WAIT_MILLIS);
        assertTrue(engine != null, "the PolicyEngine service is registered");
        return engine;
    }

    private static Object call(Object target, String name, Object... args) throws ReflectiveOperationException {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                return method.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(name);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object validate(String document, String format) throws Exception {
        Class<? extends Enum> formats = (Class<? extends Enum>) policyBundle.loadClass(
                "org.stellaops.attestor.policy.PolicyFormat");
        Object environment = apiBundle.loadClass("org.stellaops.attestor.api.policy.PolicyEnvironment")
                .getMethod("empty").invoke(null);
        return call(engine(), "validate", document.getBytes(StandardCharsets.UTF_8), Enum.valueOf(formats, format),
                environment);
    }

    private static List<String> ruleTypes() throws Exception {
        List<String> types = new ArrayList<>();
        for (Object info : (List<?>) call(engine(), "ruleTypes")) {
            types.add((String) call(info, "type"));
        }
        return types;
    }

    @Test
    void everyBundleResolvesAndStartsYamlIncluded() {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName() + " is not active");
        }
        List<String> names = new ArrayList<>();
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            names.add(bundle.getSymbolicName());
        }
        assertTrue(names.containsAll(List.of("org.yaml.snakeyaml",
                "com.fasterxml.jackson.dataformat.jackson-dataformat-yaml", "org.stellaops.attestor.policy")), names::toString);
    }

    @Test
    void theEngineServiceValidatesAYamlPolicyInsideTheFramework() throws Exception {
        Object validation = validate(POLICY_YAML, "YAML");
        assertEquals(List.of(), call(validation, "problems"));
        Object document = call(validation, "document");
        assertEquals("logged", call(document, "id"));
        assertTrue(((String) call(document, "digest")).startsWith("sha256:"));
    }

    @Test
    void aCustomRuleTypeComesAndGoesWithTheBundleThatRegistersIt() throws Exception {
        assertFalse(ruleTypes().contains(AlwaysPassRule.TYPE));
        Bundle rules = framework.getBundleContext().installBundle("it:custom-rule", ruleBundle());
        rules.start();
        List<String> types = ruleTypes();
        assertTrue(types.contains(AlwaysPassRule.TYPE), () -> "types: " + types);
        assertTrue((Boolean) call(validate(USES_CUSTOM, "JSON"), "valid"));
        rules.stop();
        assertFalse(ruleTypes().contains(AlwaysPassRule.TYPE));
        Object problem = ((List<?>) call(validate(USES_CUSTOM, "JSON"), "problems")).get(0);
        assertEquals("policy.unknown_rule_type", call(problem, "code"));
        assertEquals("/rules/0/type", call(problem, "pointer"));
        rules.uninstall();
    }

    /** A bundle holding the test's rule and activator classes, importing the API from the plugin-api bundle. */
    private static InputStream ruleBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, "it.custom.rule");
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        main.putValue(Constants.BUNDLE_ACTIVATOR, RuleActivator.class.getName());
        main.putValue(Constants.IMPORT_PACKAGE, "org.osgi.framework,"
                + "org.stellaops.attestor.api.model;version=\"[1.1,2)\","
                + "org.stellaops.attestor.api.policy;version=\"[2.0,3)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> type : List.of(AlwaysPassRule.class, RuleActivator.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return new java.io.ByteArrayInputStream(bytes.toByteArray());
    }
}
