package org.stellaops.attestor.sdk.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs against the packaged jar: the sdk is a proper JPMS module that a plain (non-OSGi) program can use from the
 * module path to sign and verify an envelope.
 */
class ModulePathIT {

    private static final String MODULE = "org.stellaops.attestor.sdk";
    private static final List<String> DEPENDENCIES = List.of("plugin-api-", "jackson-databind-", "jackson-core-",
            "jackson-annotations-", "bcprov-jdk18on-", "bcpkix-jdk18on-", "bcutil-jdk18on-");

    private static Path sdkJar;
    private static List<Path> dependencyJars;

    @BeforeAll
    static void locateJars() {
        String jar = System.getProperty("sdk.jar");
        assertNotNull(jar, "failsafe passes the packaged jar as -Dsdk.jar");
        sdkJar = Path.of(jar);
        assertTrue(Files.isRegularFile(sdkJar), "packaged jar missing: " + sdkJar);
        // Failsafe puts the dependencies on the class path, or on the module path when it runs a modular jar.
        String searched = System.getProperty("java.class.path", "") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        List<Path> classpath = List.of(searched.split(File.pathSeparator)).stream().filter(s -> !s.isEmpty())
                .map(Path::of).collect(Collectors.toList());
        dependencyJars = new ArrayList<>();
        for (String prefix : DEPENDENCIES) {
            Path found = classpath.stream().filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".jar")).findFirst().orElse(null);
            assertNotNull(found, "dependency jar not on the test class path: " + prefix);
            dependencyJars.add(found);
        }
    }

    private static String modulePath(Path... extra) {
        List<String> parts = new ArrayList<>();
        for (Path p : extra) {
            parts.add(p.toString());
        }
        parts.add(sdkJar.toString());
        dependencyJars.forEach(p -> parts.add(p.toString()));
        return String.join(File.pathSeparator, parts);
    }

    @Test
    void packagedJarDeclaresTheSdkModuleWithOnlyApiPackagesExported() {
        ModuleReference ref = ModuleFinder.of(sdkJar).find(MODULE).orElse(null);
        assertNotNull(ref, "no module " + MODULE + " in " + sdkJar);
        ModuleDescriptor d = ref.descriptor();
        Set<String> exports = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("org.stellaops.attestor.sdk", "org.stellaops.attestor.sdk.checkpoint",
                "org.stellaops.attestor.sdk.crypto", "org.stellaops.attestor.sdk.dsse",
                "org.stellaops.attestor.sdk.encoding", "org.stellaops.attestor.sdk.intoto", "org.stellaops.attestor.sdk.proof",
                "org.stellaops.attestor.sdk.json", "org.stellaops.attestor.sdk.merkle",
                "org.stellaops.attestor.sdk.note", "org.stellaops.attestor.sdk.rekor",
                "org.stellaops.attestor.sdk.rekor.v1", "org.stellaops.attestor.sdk.witness",
                "org.stellaops.attestor.sdk.tiles", "org.stellaops.attestor.sdk.jose",
                "org.stellaops.attestor.sdk.http", "org.stellaops.attestor.sdk.timestamp"), exports);
        Set<String> requires = d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertTrue(requires.containsAll(Set.of("org.stellaops.attestor.api", "com.fasterxml.jackson.databind",
                "org.bouncycastle.provider", "org.bouncycastle.pkix", "org.bouncycastle.util")), requires.toString());
    }

    @Test
    void programOnTheModulePathSignsAndVerifiesWithTheSdkAlone(@TempDir Path dir) throws Exception {
        Path src = writeDemoModule(dir.resolve("src"));
        Path classes = dir.resolve("classes");
        compile(src, classes);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "--module-path", modulePath(classes), "-m", "demo/demo.Main")
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "demo did not finish");
        String output = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertEquals(List.of("module=" + MODULE, "verified=true", "tampered=false", "distinctKeys=1",
                "checkpoint=7", "jcs={\"a\":1,\"b\":\"x\"}"), output.lines().collect(Collectors.toList()));
    }

    private static void compile(Path src, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK");
        List<String> args = new ArrayList<>(List.of("--module-path", modulePath(), "-d", classes.toString()));
        try (var files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, err, err, args.toArray(new String[0]));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.notExists(classes.resolve("module-info.class")));
    }

    private static Path writeDemoModule(Path src) throws IOException {
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("module-info.java"), "module demo { requires " + MODULE + "; }\n");
        Files.writeString(src.resolve("demo/Main.java"), String.join("\n",
                "package demo;",
                "import java.nio.charset.StandardCharsets;",
                "import java.security.*;",
                "import java.security.spec.ECGenParameterSpec;",
                "import java.util.List;",
                "import org.stellaops.attestor.api.model.*;",
                "import org.stellaops.attestor.sdk.checkpoint.Checkpoints;",
                "import org.stellaops.attestor.sdk.crypto.PublicKeys;",
                "import org.stellaops.attestor.sdk.dsse.*;",
                "import org.stellaops.attestor.sdk.json.*;",
                "import org.stellaops.attestor.sdk.note.*;",
                "public class Main {",
                "  public static void main(String[] args) throws Exception {",
                "    KeyPairGenerator g = KeyPairGenerator.getInstance(\"EC\");",
                "    g.initialize(new ECGenParameterSpec(\"secp256r1\"));",
                "    KeyPair kp = g.generateKeyPair();",
                "    byte[] payload = \"{\\\"hello\\\":\\\"world\\\"}\".getBytes(StandardCharsets.UTF_8);",
                "    TrustedSigner signer = TrustedSigner.of(kp.getPublic());",
                "    Envelope env = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, payload, kp.getPrivate(),",
                "        KeyAlgorithm.ECDSA_P256_SHA256, signer.keyId());",
                "    env = DsseEnvelopes.addSignature(env, kp.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, \"\");",
                "    ParsedEnvelope parsed = DsseEnvelopes.parse(DsseEnvelopes.toJson(env), JsonLimits.DEFAULT);",
                "    EnvelopeVerification v = EnvelopeVerifier.verify(parsed.envelope(), List.of(signer));",
                "    byte[] other = payload.clone(); other[2] ^= 1;",
                "    Envelope tampered = new Envelope(env.payloadType(), Bytes.of(other), env.signatures());",
                "    System.out.println(\"module=\" + DsseEnvelopes.class.getModule().getName());",
                "    System.out.println(\"verified=\" + v.anyVerified());",
                "    System.out.println(\"tampered=\" + EnvelopeVerifier.verify(tampered, List.of(signer)).anyVerified());",
                "    System.out.println(\"distinctKeys=\" + v.verifiedKeyIds().size());",
                "    String note = Notes.sign(Checkpoints.body(\"demo.example/log\", 7, new byte[32]),",
                "        List.of(NoteKeys.signer(\"demo.example/log\", kp.getPrivate())));",
                "    Checkpoint cp = Checkpoints.parseVerified(note,",
                "        List.of(NoteKeys.parseVerifierKey(NoteKeys.verifierKey(\"demo.example/log\", kp.getPublic()))));",
                "    System.out.println(\"checkpoint=\" + cp.size());",
                "    System.out.println(\"jcs=\" + new String(Jcs.canonicalize(\"{\\\"b\\\":\\\"x\\\",\\\"a\\\":1.0}\"",
                "        .getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT), StandardCharsets.UTF_8));",
                "  }",
                "}", ""));
        return src;
    }
}
