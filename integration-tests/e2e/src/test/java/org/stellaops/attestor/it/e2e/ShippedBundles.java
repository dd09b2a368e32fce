package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The bundles inside the built {@code attestor.jar} (the exported launcher keeps them as {@code jar/*.jar}), read
 * the way the framework reads them: symbolic name and version from the manifest, resources by path. The tests
 * compare what the running server says with what it was built from, instead of repeating version numbers.
 */
final class ShippedBundles {

    private ShippedBundles() {
    }

    /**
     * A bundle's identity.
     *
     * @param symbolicName {@code Bundle-SymbolicName} without directives
     * @param version {@code Bundle-Version}
     */
    record Bundle(String symbolicName, String version) {
        /** @return {@code <symbolic name>/<version>}, as {@code derivedBy} names a handler */
        String id() {
            return symbolicName + "/" + version;
        }
    }

    /** @return the bundle with this symbolic name; fails when attestor.jar holds none */
    static Bundle bundle(String symbolicName) {
        return find(symbolicName, null).bundle;
    }

    /** @return the bytes of a resource inside the bundle (path without a leading slash) */
    static byte[] resource(String symbolicName, String path) {
        byte[] bytes = find(symbolicName, path).resource;
        if (bytes == null) {
            throw new AssertionError(symbolicName + " in attestor.jar has no " + path);
        }
        return bytes;
    }

    private record Found(Bundle bundle, byte[] resource) {
    }

    private static Found find(String symbolicName, String resourcePath) {
        try (ZipFile launcher = new ZipFile(TestSettings.attestorJar().toFile())) {
            Enumeration<? extends ZipEntry> entries = launcher.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith("jar/") || !entry.getName().endsWith(".jar")) {
                    continue;
                }
                Found found = read(launcher.getInputStream(entry), symbolicName, resourcePath);
                if (found != null) {
                    return found;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TestSettings.attestorJar(), e);
        }
        throw new AssertionError("attestor.jar holds no bundle " + symbolicName);
    }

    /** @return the bundle and resource if the nested jar is the bundle sought, else null */
    private static Found read(InputStream nested, String symbolicName, String resourcePath) throws IOException {
        try (JarInputStream jar = new JarInputStream(nested)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return null;
            }
            Attributes main = manifest.getMainAttributes();
            String name = String.valueOf(main.getValue("Bundle-SymbolicName")).split(";")[0].trim();
            if (!name.equals(symbolicName)) {
                return null;
            }
            Bundle bundle = new Bundle(name, main.getValue("Bundle-Version"));
            for (ZipEntry e = jar.getNextEntry(); e != null && resourcePath != null; e = jar.getNextEntry()) {
                if (e.getName().equals(resourcePath)) {
                    return new Found(bundle, jar.readAllBytes());
                }
            }
            return new Found(bundle, null);
        }
    }
}
