package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.jose.DevIssuer;

class LoadOptionsTest {

    @Test
    void refusesAUrlWhoseHostIsNotLoopback() {
        UsageException e = assertThrows(UsageException.class,
                () -> LoadOptions.parse("--url", "http://example.com:8080"));
        assertTrue(e.getMessage().contains("only talks to 127.0.0.1"), e.getMessage());
    }

    @Test
    void refusesLoopbackLookalikesAndOtherAddresses() {
        for (String url : new String[] {"http://127.0.0.2:8080", "http://localhost.example.com",
            "http://10.0.0.1:8080", "http://[::2]:8080", "http://0.0.0.0:8080", "http://user@127.0.0.1:8080",
            "https://example.com:8443", "https://127.0.0.2:8443", "ftp://127.0.0.1:21",
            "http://127.0.0.1:8080/api"}) {
            assertThrows(UsageException.class, () -> LoadOptions.loopbackUrl(url), url);
        }
    }

    @Test
    void acceptsTheThreeLoopbackSpellings() {
        assertEquals(URI.create("http://127.0.0.1:8080"), LoadOptions.loopbackUrl("http://127.0.0.1:8080/"));
        assertEquals(URI.create("http://localhost:9"), LoadOptions.loopbackUrl("http://LOCALHOST:9"));
        assertEquals(URI.create("http://[::1]:8080"), LoadOptions.loopbackUrl("http://[::1]:8080"));
    }

    @Test
    void parsesTheDocumentedCommandLineWithItsDefaults() {
        LoadOptions o = LoadOptions.parse("--url", "http://127.0.0.1:8080", "--mode", "verify", "--keys", "3");
        assertEquals(64, o.clients());
        assertEquals(Duration.ofSeconds(30), o.duration());
        assertEquals(LoadMode.VERIFY, o.mode());
        assertEquals(3, o.keys());
        assertEquals(Duration.ofSeconds(5), o.warmup());
        assertEquals(0, o.envelopes(), "0 = sized from the warm-up rate");
    }

    @Test
    void runsClosedLoopUnlessARateIsGiven() {
        assertEquals(0.0, LoadOptions.parse("--url", "http://127.0.0.1:1").rate());
        assertEquals(500.0, LoadOptions.parse("--url", "http://127.0.0.1:1", "--rate", "500").rate());
    }

    @Test
    void refusesANegativeRate() {
        assertThrows(UsageException.class, () -> LoadOptions.parse("--url", "http://127.0.0.1:1", "--rate", "-1"));
    }

    @Test
    void acceptsAZeroWarmupToSkipIt() {
        assertEquals(Duration.ZERO, LoadOptions.parse("--url", "http://127.0.0.1:1", "--warmup", "0").warmup());
        assertEquals(Duration.ZERO, LoadOptions.parse("--url", "http://127.0.0.1:1", "--warmup", "0s").warmup());
    }

    @Test
    void parsesDurationsInMillisecondsSecondsAndMinutes() {
        assertEquals(Duration.ofMillis(500), LoadOptions.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(30), LoadOptions.parseDuration("30s"));
        assertEquals(Duration.ofSeconds(45), LoadOptions.parseDuration("45"));
        assertEquals(Duration.ofMinutes(2), LoadOptions.parseDuration("2m"));
    }

    @Test
    void refusesValuesAboveTheHardCaps() {
        String url = "http://127.0.0.1:8080";
        assertThrows(UsageException.class, () -> LoadOptions.parse("--url", url, "--duration", "11m"));
        assertThrows(UsageException.class, () -> LoadOptions.parse("--url", url, "--clients", "5000"));
        assertThrows(UsageException.class, () -> LoadOptions.parse("--url", url, "--max-requests", "6000000"));
    }

    @Test
    void refusesACommandLineWithoutUrl() {
        assertThrows(UsageException.class, () -> LoadOptions.parse("--clients", "4"));
    }

    @Test
    void driverExitsWithStatusTwoBeforeSendingAnythingToANonLoopbackUrl() {
        var out = new java.io.ByteArrayOutputStream();
        int status = LoadDriver.run(new String[] {"--url", "http://192.0.2.1:8080"},
                new java.io.PrintStream(out), new java.io.PrintStream(out));
        assertEquals(2, status);
    }

    @Test
    void batchModeSendsAHundredEnvelopesPerRequestByDefault() {
        LoadOptions o = LoadOptions.parse("--url", "http://127.0.0.1:1", "--mode", "batch");
        assertEquals(LoadMode.BATCH, o.mode());
        assertEquals(100, o.batchSize());
    }

    @Test
    void batchSizeIsTakenInEitherOrderWithTheMode() {
        assertEquals(250, LoadOptions.parse("--url", "http://127.0.0.1:1", "--batch-size", "250", "--mode", "batch")
                .batchSize());
        assertEquals(1, LoadOptions.parse("--url", "http://127.0.0.1:1", "--mode", "batch", "--batch-size", "1")
                .batchSize());
        assertEquals(1000, LoadOptions.parse("--url", "http://127.0.0.1:1", "--mode", "BATCH", "--batch-size",
                "1000").batchSize());
    }

    @Test
    void refusesBatchSizesOutsideOneToAThousand() {
        for (String size : new String[] {"0", "-5", "1001", "many"}) {
            UsageException e = assertThrows(UsageException.class, () -> LoadOptions.parse("--url",
                    "http://127.0.0.1:1", "--mode", "batch", "--batch-size", size), size);
            assertTrue(e.getMessage().contains("--batch-size"), e.getMessage());
        }
    }

    @Test
    void refusesABatchSizeForAModeThatDoesNotBatch() {
        UsageException e = assertThrows(UsageException.class,
                () -> LoadOptions.parse("--url", "http://127.0.0.1:1", "--mode", "submit", "--batch-size", "10"));
        assertTrue(e.getMessage().contains("only applies to --mode batch"), e.getMessage());
    }

    @Test
    void everyModeThatDoesNotBatchSendsOneItemPerRequest() {
        for (String mode : new String[] {"submit", "verify", "mixed"}) {
            assertEquals(1, LoadOptions.parse("--url", "http://127.0.0.1:1", "--mode", mode).batchSize(), mode);
        }
    }

    @Test
    void theUsageTextNamesTheBatchModeAndItsSize() {
        assertTrue(LoadOptions.USAGE.contains("submit|batch|verify|mixed"), LoadOptions.USAGE);
        assertTrue(LoadOptions.USAGE.contains("--batch-size"), LoadOptions.USAGE);
    }

    @Test
    void refusesAnUnknownMode() {
        UsageException e = assertThrows(UsageException.class,
                () -> LoadOptions.parse("--url", "http://127.0.0.1:1", "--mode", "bulk"));
        assertTrue(e.getMessage().contains("submit, batch, verify or mixed"), e.getMessage());
    }

    @Test
    void acceptsHttpsOnLoopback() {
        assertEquals(URI.create("https://127.0.0.1:8443"), LoadOptions.loopbackUrl("https://127.0.0.1:8443/"));
        assertEquals(URI.create("https://localhost:8443"), LoadOptions.loopbackUrl("HTTPS://localhost:8443"));
        assertEquals(URI.create("https://[::1]:8443"), LoadOptions.loopbackUrl("https://[::1]:8443"));
    }

    @Test
    void refusesAnHttpsUrlWithoutACaToTrust() {
        UsageException e = assertThrows(UsageException.class,
                () -> LoadOptions.parse("--url", "https://127.0.0.1:8443", "--token", "t"));
        assertTrue(e.getMessage().contains("give --data-dir DIR (trusts DIR/tls/ca.pem) or --cacert FILE"),
                e.getMessage());
        assertTrue(e.getMessage().contains("certificate verification cannot be turned off"), e.getMessage());
    }

    @Test
    void derivesTheCaFileFromTheDataDirectory() {
        LoadOptions o = LoadOptions.parse("--url", "https://127.0.0.1:8443", "--data-dir", "/srv/attestor");
        assertEquals(Optional.of(Path.of("/srv/attestor/tls/ca.pem")), o.server().caFile());
        assertEquals(Path.of("/srv/attestor"), o.server().dataDir());
        assertEquals(null, o.server().token(), "minted when the driver starts, not while parsing");
    }

    @Test
    void anExplicitCaFileOverridesTheDataDirectorysRegardlessOfOrder() {
        LoadOptions o = LoadOptions.parse("--cacert", "/tmp/other.pem", "--url", "https://127.0.0.1:8443",
                "--data-dir", "/srv/attestor");
        assertEquals(Optional.of(Path.of("/tmp/other.pem")), o.server().caFile());
    }

    @Test
    void aDataDirectoryWithPlainHttpOnlyProvidesTheToken() {
        LoadOptions o = LoadOptions.parse("--url", "http://127.0.0.1:8080", "--data-dir", "/srv/attestor");
        assertEquals(Optional.empty(), o.server().caFile());
        assertEquals(Path.of("/srv/attestor"), o.server().dataDir());
    }

    @Test
    void refusesACaFileForPlainHttp() {
        UsageException e = assertThrows(UsageException.class,
                () -> LoadOptions.parse("--url", "http://127.0.0.1:8080", "--cacert", "/tmp/ca.pem"));
        assertTrue(e.getMessage().contains("--cacert only applies to an https:// URL"), e.getMessage());
    }

    @Test
    void refusesATokenThatCouldNotBeABearerToken() {
        for (String token : new String[] {"two words", "line\r\nX-Injected: 1", "", "caf\u00e9"}) {
            assertThrows(UsageException.class,
                    () -> LoadOptions.parse("--url", "http://127.0.0.1:8080", "--token", token), token);
        }
        assertEquals("eyJh.eyJz-_.c2ln", LoadOptions.parse("--url", "http://127.0.0.1:8080", "--token",
                "eyJh.eyJz-_.c2ln").server().token());
    }

    @Test
    void theUsageTextOffersNoWayToSkipCertificateVerification() {
        assertTrue(LoadOptions.USAGE.contains("--data-dir"), LoadOptions.USAGE);
        assertTrue(LoadOptions.USAGE.contains("--cacert"), LoadOptions.USAGE);
        assertTrue(LoadOptions.USAGE.contains("--token"), LoadOptions.USAGE);
        assertTrue(LoadOptions.USAGE.contains("certificates are always verified"), LoadOptions.USAGE);
        for (String unsafe : new String[] {"--insecure", "--no-verify", "--trust-all", "-k"}) {
            assertThrows(UsageException.class,
                    () -> LoadOptions.parse("--url", "https://127.0.0.1:8443", "--cacert", "/tmp/ca.pem", unsafe,
                            "true"), unsafe);
        }
    }

    @Test
    void watchesNoServerAndCountsAHundredClockTicksPerSecondByDefault() {
        LoadOptions o = LoadOptions.parse("--url", "http://127.0.0.1:1");
        assertEquals(OptionalLong.empty(), o.serverPid());
        assertEquals(100, o.clockTicks());
    }

    @Test
    void acceptsAServerPidWithItsClockTicksInEitherOrder() {
        LoadOptions o = LoadOptions.parse("--clock-ticks", "250", "--url", "http://127.0.0.1:1", "--server-pid",
                "4242");
        assertEquals(OptionalLong.of(4242), o.serverPid());
        assertEquals(250, o.clockTicks());
        assertEquals(100, LoadOptions.parse("--url", "http://127.0.0.1:1", "--server-pid", "1").clockTicks());
    }

    @Test
    void refusesServerPidsThatAreNotPositiveIntegersLinuxCouldHandOut() {
        for (String pid : new String[] {"0", "-7", "4194305", "12.5", "server", ""}) {
            UsageException e = assertThrows(UsageException.class,
                    () -> LoadOptions.parse("--url", "http://127.0.0.1:1", "--server-pid", pid), pid);
            assertTrue(e.getMessage().contains("--server-pid"), e.getMessage());
        }
    }

    @Test
    void refusesClockTicksOutsideOneToAHundredThousand() {
        for (String ticks : new String[] {"0", "-100", "100001", "CLK_TCK"}) {
            UsageException e = assertThrows(UsageException.class, () -> LoadOptions.parse("--url",
                    "http://127.0.0.1:1", "--server-pid", "4242", "--clock-ticks", ticks), ticks);
            assertTrue(e.getMessage().contains("--clock-ticks"), e.getMessage());
        }
        assertEquals(100_000, LoadOptions.parse("--url", "http://127.0.0.1:1", "--server-pid", "4242",
                "--clock-ticks", "100000").clockTicks());
    }

    @Test
    void refusesClockTicksWithoutAServerPid() {
        UsageException e = assertThrows(UsageException.class,
                () -> LoadOptions.parse("--url", "http://127.0.0.1:1", "--clock-ticks", "100"));
        assertTrue(e.getMessage().contains("only applies with --server-pid"), e.getMessage());
    }

    @Test
    void theUsageTextNamesTheCpuOptions() {
        assertTrue(LoadOptions.USAGE.contains("[--server-pid PID [--clock-ticks 100]]"), LoadOptions.USAGE);
        assertTrue(LoadOptions.USAGE.contains("getconf CLK_TCK"), LoadOptions.USAGE);
    }

    @Test
    void driverExitsWithStatusTwoWhenTheServerPidHasNoStatToRead() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int status = LoadDriver.run(new String[] {"--url", "http://127.0.0.1:1", "--token", "t", "--server-pid",
            Long.toString(LoadOptions.MAX_PID)}, new java.io.PrintStream(out), new java.io.PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("cannot read /proc/4194304/stat"), err.toString());
        assertEquals("", out.toString(), "nothing sent, nothing measured");
    }

    @Test
    void theLoadPhasesSendThroughOneBlockingConnectionPerClientByDefault() {
        assertEquals(LoadClient.BLOCKING, LoadOptions.parse("--url", "http://127.0.0.1:1").client());
    }

    @Test
    void acceptsEitherClientWhateverTheCase() {
        assertEquals(LoadClient.JDK, LoadOptions.parse("--url", "http://127.0.0.1:1", "--client", "jdk").client());
        assertEquals(LoadClient.JDK, LoadOptions.parse("--client", "JDK", "--url", "http://127.0.0.1:1").client());
        assertEquals(LoadClient.BLOCKING, LoadOptions.parse("--url", "http://127.0.0.1:1", "--client", "blocking")
                .client());
    }

    @Test
    void refusesAnUnknownClientNamingTheTwoItKnows() {
        for (String client : new String[] {"netty", "", "http2"}) {
            UsageException e = assertThrows(UsageException.class,
                    () -> LoadOptions.parse("--url", "http://127.0.0.1:1", "--client", client), client);
            assertTrue(e.getMessage().contains("--client must be blocking or jdk"), e.getMessage());
        }
    }

    @Test
    void theUsageTextNamesTheClientOption() {
        assertTrue(LoadOptions.USAGE.contains("[--client blocking|jdk]"), LoadOptions.USAGE);
    }

    @Test
    void oneDevelopmentTokenOutlivesTheLongestRunTheCapsAllow() {
        LoadOptions longest = LoadOptions.parse("--url", "http://127.0.0.1:1", "--mode", "mixed", "--duration",
                "10m", "--warmup", "2m", "--timeout", "2m");
        assertEquals(Duration.ofMinutes(23).plusSeconds(30), longest.longestLoadTime(),
                "seed 5 m + warm-up 2 m + measured 10 m, each + 2 m timeout + 10 s grace");
        assertTrue(longest.longestLoadTime().plusMinutes(30).compareTo(DevIssuer.MAX_TTL) <= 0,
                "at least 30 min left for key registration and pre-signing");
    }
}
