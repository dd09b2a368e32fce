package org.stellaops.attestor.it.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * The run bundles packed inside bnd's executable {@code attestor.jar}, extracted to a directory so that Pax Exam can
 * install them by {@code file:} URL. The list and the start levels come from the jar's {@code launcher.properties}
 * ({@code launch.bundles}, {@code launch.runbundles.attrs}, {@code launch.startlevel.default}); the framework itself
 * is on the launcher's class path there and is not among them.
 */
final class DistributionJar {

    private static final String LAUNCHER_PROPERTIES = "launcher.properties";

    private final List<EmbeddedBundle> bundles;
    private final int beginningStartLevel;
    private final Map<String, String> runProperties;

    private DistributionJar(List<EmbeddedBundle> bundles, int beginningStartLevel, Map<String, String> runProperties) {
        this.bundles = List.copyOf(bundles);
        this.beginningStartLevel = beginningStartLevel;
        this.runProperties = Map.copyOf(runProperties);
    }

    /**
     * Extracts the run bundles of {@code jar} into {@code targetDir}, replacing what a previous run left there.
     *
     * @param jar the executable distribution jar
     * @param targetDir where the bundle files go
     * @return the bundles in launch order
     */
    static DistributionJar extract(Path jar, Path targetDir) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Properties launch = launcherProperties(file, jar);
            Map<String, Integer> levels = RunBundleAttributes.startLevels(launch.getProperty("launch.runbundles.attrs", ""));
            int defaultLevel = intProperty(launch, "launch.startlevel.default", 1);
            int beginning = intProperty(launch, "org.osgi.framework.startlevel.beginning", defaultLevel);
            Files.createDirectories(targetDir);
            List<EmbeddedBundle> bundles = new ArrayList<>();
            for (String entryName : launch.getProperty("launch.bundles", "").split(",")) {
                if (!entryName.isBlank()) {
                    bundles.add(extractOne(file, entryName.trim(), targetDir, levels, defaultLevel));
                }
            }
            if (bundles.isEmpty()) {
                throw new IllegalStateException(jar + ": launcher.properties lists no launch.bundles");
            }
            return new DistributionJar(bundles, beginning, runProperties(launch));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    List<EmbeddedBundle> bundles() {
        return bundles;
    }

    /**
     * @return the distribution's {@code -runproperties} (everything in launcher.properties that is not a
     * {@code launch.*} instruction to bnd's launcher)
     */
    Map<String, String> runProperties() {
        return runProperties;
    }

    /** @return the framework start level the distribution launches to */
    int beginningStartLevel() {
        return beginningStartLevel;
    }

    private static Map<String, String> runProperties(Properties launch) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : launch.stringPropertyNames()) {
            if (!key.startsWith("launch.")) {
                properties.put(key, launch.getProperty(key));
            }
        }
        return properties;
    }

    private static Properties launcherProperties(JarFile file, Path jar) throws IOException {
        ZipEntry entry = file.getEntry(LAUNCHER_PROPERTIES);
        if (entry == null) {
            throw new IllegalStateException(jar + " has no " + LAUNCHER_PROPERTIES + ": not a bnd executable jar? "
                    + "entries: " + entryNames(file));
        }
        Properties properties = new Properties();
        try (InputStream in = file.getInputStream(entry)) {
            properties.load(in);
        }
        return properties;
    }

    private static EmbeddedBundle extractOne(JarFile file, String entryName, Path targetDir,
                                             Map<String, Integer> levels, int defaultLevel) throws IOException {
        ZipEntry entry = file.getEntry(entryName);
        if (entry == null) {
            throw new IllegalStateException("launch.bundles names " + entryName + ", which is not in the jar");
        }
        Path target = targetDir.resolve(Path.of(entryName).getFileName().toString());
        try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Attributes manifest = manifestOf(target);
        String bsn = manifest.getValue("Bundle-SymbolicName");
        if (bsn == null) {
            throw new IllegalStateException(entryName + " is not a bundle (no Bundle-SymbolicName)");
        }
        bsn = bsn.split(";")[0].trim();
        boolean fragment = manifest.getValue("Fragment-Host") != null;
        return new EmbeddedBundle(bsn, target, levels.getOrDefault(bsn, defaultLevel), fragment);
    }

    private static Attributes manifestOf(Path bundle) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(bundle))) {
            Manifest manifest = in.getManifest();
            return manifest == null ? new Attributes() : manifest.getMainAttributes();
        }
    }

    private static int intProperty(Properties properties, String key, int fallback) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static String entryNames(JarFile file) {
        List<String> names = new ArrayList<>();
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements() && names.size() < 40) {
            names.add(entries.nextElement().getName());
        }
        return names.toString();
    }

    /**
     * One run bundle.
     *
     * @param symbolicName its Bundle-SymbolicName
     * @param file the extracted jar
     * @param startLevel the start level the distribution gives it
     * @param fragment true for a fragment, which is resolved but never started
     */
    record EmbeddedBundle(String symbolicName, Path file, int startLevel, boolean fragment) {
    }

    /** Parses bnd's {@code launch.runbundles.attrs}: {@code bsn;version="…";startlevel=N, …}. */
    static final class RunBundleAttributes {

        private RunBundleAttributes() {
        }

        static Map<String, Integer> startLevels(String attrs) {
            Map<String, Integer> levels = new LinkedHashMap<>();
            for (String clause : splitOutsideQuotes(attrs, ',')) {
                List<String> parts = splitOutsideQuotes(clause, ';');
                if (parts.isEmpty() || parts.get(0).isBlank()) {
                    continue;
                }
                for (String part : parts.subList(1, parts.size())) {
                    String[] keyValue = part.split("[:]?=", 2);
                    if (keyValue.length == 2 && keyValue[0].trim().equals("startlevel")) {
                        levels.put(parts.get(0).trim(), Integer.parseInt(unquote(keyValue[1].trim())));
                    }
                }
            }
            return levels;
        }

        private static List<String> splitOutsideQuotes(String text, char separator) {
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean quoted = false;
            for (char c : text.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == separator && !quoted) {
                    parts.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            parts.add(current.toString());
            return parts;
        }

        private static String unquote(String value) {
            return value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
        }
    }
}
