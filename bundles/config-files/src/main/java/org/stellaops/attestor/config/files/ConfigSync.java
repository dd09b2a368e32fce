package org.stellaops.attestor.config.files;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * One pass over the configuration directory. Only configurations this loader created (they carry
 * {@value ConfigFile#SOURCE_PROPERTY}) are ever deleted, so configurations made in the web console are left alone
 * unless a file names the same PID.
 */
final class ConfigSync {

    private static final System.Logger LOG = System.getLogger(ConfigSync.class.getName());
    /** Bigger files are refused: configuration is small, and a huge file is a mistake or an attack. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path directory;
    private final ConfigurationAdmin admin;
    private final BiConsumer<String, Map<String, Object>> events;
    /** Files already reported as malformed, by content hash, so a bad file is reported once, not every poll. */
    private final Map<String, String> reported = new HashMap<>();

    ConfigSync(Path directory, ConfigurationAdmin admin, BiConsumer<String, Map<String, Object>> events) {
        this.directory = directory;
        this.admin = admin;
        this.events = events;
    }

    Path directory() {
        return directory;
    }

    /**
     * Applies new and changed files and deletes configurations whose file is gone.
     *
     * @throws IOException if the directory cannot be listed
     */
    synchronized void run() throws IOException {
        Set<String> present = new HashSet<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (ConfigFile.isCandidate(name) && Files.isRegularFile(file)) {
                        present.add(name);
                        applyFile(file, name);
                    }
                }
            }
        }
        deleteOrphans(present);
    }

    private void applyFile(Path file, String name) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            reject(name, "size", "file is larger than " + MAX_FILE_BYTES + " bytes");
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        ConfigFile parsed;
        try {
            parsed = ConfigFile.parse(name, bytes);
        } catch (AttestorException e) {
            reject(name, Integer.toHexString(Arrays.hashCode(bytes)), e.getMessage());
            return;
        }
        reported.remove(name);
        Configuration configuration = parsed.name().isPresent()
                ? admin.getFactoryConfiguration(parsed.pid(), parsed.name().get(), "?")
                : admin.getConfiguration(parsed.pid(), "?");
        Dictionary<String, Object> current = configuration.getProperties();
        if (current != null && parsed.sha256().equals(current.get(ConfigFile.HASH_PROPERTY))) {
            return;
        }
        Hashtable<String, Object> properties = new Hashtable<>(parsed.properties());
        properties.put(ConfigFile.SOURCE_PROPERTY, name);
        properties.put(ConfigFile.HASH_PROPERTY, parsed.sha256());
        configuration.update(properties);
        LOG.log(Level.INFO, "applied configuration " + parsed.describe());
        events.accept("APPLIED", Map.of("pid", configuration.getPid(), "file", name, "sha256", parsed.sha256()));
    }

    private void reject(String name, String fingerprint, String reason) {
        if (fingerprint.equals(reported.get(name))) {
            return;
        }
        reported.put(name, fingerprint);
        LOG.log(Level.ERROR, "configuration file " + name + " refused, the previous configuration stays: " + reason);
        events.accept("REJECTED", Map.of("file", name, "detail", reason));
    }

    private void deleteOrphans(Set<String> present) throws IOException {
        Configuration[] managed;
        try {
            managed = admin.listConfigurations("(" + ConfigFile.SOURCE_PROPERTY + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("constant filter is valid", e);
        }
        if (managed == null) {
            return;
        }
        for (Configuration configuration : managed) {
            Object source = configuration.getProperties().get(ConfigFile.SOURCE_PROPERTY);
            if (source instanceof String file && !present.contains(file)) {
                String pid = configuration.getPid();
                configuration.delete();
                LOG.log(Level.INFO, "deleted configuration " + pid + ": " + file + " is gone");
                events.accept("DELETED", Map.of("pid", pid, "file", file));
            }
        }
    }
}
