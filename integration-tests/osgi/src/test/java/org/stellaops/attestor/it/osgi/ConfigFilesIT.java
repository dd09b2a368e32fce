package org.stellaops.attestor.it.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Configuration files in {@code <data>/conf} reach ConfigAdmin in the running framework: a new file creates the
 * configuration, an edit updates it, a malformed edit leaves the last good one in place, and deleting the file
 * deletes the configuration.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigFilesIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String FACTORY = "org.stellaops.attestor.it.sample";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] configuration() {
        return AttestorOptions.distribution("config-files");
    }

    @Test
    public void keepsConfigAdminInStepWithTheConfigurationDirectory() throws Exception {
        Path conf = Path.of(context.getProperty("attestor.data.dir")).resolve("conf");
        Files.createDirectories(conf);
        Path file = conf.resolve(FACTORY + "~one.json");

        write(file, "{\"url\": \"http://127.0.0.1:1\", \"timeoutMillis\": 25000, \"names\": [\"a\", \"b\"]}");
        Dictionary<String, Object> created = awaitProperty("url", "http://127.0.0.1:1");
        assertEquals(25000L, created.get("timeoutMillis"));
        assertEquals(2, ((String[]) created.get("names")).length);

        write(file, "{\"url\": \"http://127.0.0.1:2\"}");
        awaitProperty("url", "http://127.0.0.1:2");

        write(file, "{\"url\": ");
        // two poll intervals and more: the malformed file has certainly been read by then
        Dictionary<String, Object> kept = Await.settle("a change after the malformed edit", Duration.ofSeconds(5),
                this::sample, p -> p == null || !"http://127.0.0.1:2".equals(p.get("url")));
        assertNotNull("the configuration survives a malformed edit", kept);
        assertEquals("the last good configuration stays", "http://127.0.0.1:2", kept.get("url"));

        Files.delete(file);
        Await.until("the configuration is deleted with its file", BOUND, this::sample, p -> p == null);
    }

    private Dictionary<String, Object> awaitProperty(String key, Object value) {
        return Await.until(key + " = " + value, BOUND, this::sample, p -> p != null && value.equals(p.get(key)));
    }

    private Dictionary<String, Object> sample() {
        try {
            org.osgi.service.cm.Configuration[] found =
                    configAdmin.listConfigurations("(service.factoryPid=" + FACTORY + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Write beside and move, so the poller never reads half a file. */
    private static void write(Path file, String json) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, json);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
