package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.testing.TestTimestampAuthority;
import org.stellaops.attestor.sdk.timestamp.TimestampAuthority;

class TimestampAuthoritiesTest {

    @TempDir
    Path directory;

    @Test
    void readsEachAuthorityRelativeToTheDataDirectoryOrByAbsolutePath() throws Exception {
        TestTimestampAuthority acme = TestTimestampAuthority.create("Acme");
        TestTimestampAuthority beta = TestTimestampAuthority.create("Beta");
        Files.createDirectories(directory.resolve("tsa"));
        Files.writeString(directory.resolve("tsa/acme.pem"), acme.rootPem());
        Path absolute = Files.writeString(directory.resolve("beta.pem"), beta.rootPem());
        TimestampAuthorities parsed = TimestampAuthorities.parse(new String[] {" zeta = " + absolute,
                "acme=tsa/acme.pem"}, directory);
        assertEquals(List.of("acme", "zeta"), parsed.all().stream().map(TimestampAuthority::name).toList());
        assertEquals(List.of(acme.root()), parsed.all().get(0).certificates());
        assertEquals(List.of(beta.root()), parsed.all().get(1).certificates());
    }

    @Test
    void leavesOutWhatCannotBeReadAndKeepsTheRest() throws Exception {
        TestTimestampAuthority acme = TestTimestampAuthority.create("Acme");
        Files.writeString(directory.resolve("acme.pem"), acme.rootPem());
        Files.writeString(directory.resolve("junk.pem"), "not a certificate");
        TimestampAuthorities parsed = TimestampAuthorities.parse(new String[] {"acme=acme.pem", "no-equals-sign",
                "bad name!=acme.pem", "missing=missing.pem", "junk=junk.pem", "empty=", "", null, "acme=junk.pem"},
                directory);
        assertEquals(List.of("acme"), parsed.all().stream().map(TimestampAuthority::name).toList());
        assertEquals(List.of(acme.root()), parsed.all().get(0).certificates());
    }

    @Test
    void theFingerprintFollowsNamesAndCertificates() throws Exception {
        TestTimestampAuthority acme = TestTimestampAuthority.create("Acme");
        TimestampAuthorities one = new TimestampAuthorities(List.of(acme.authority("acme")));
        assertEquals(one.fingerprint(), new TimestampAuthorities(List.of(acme.authority("acme"))).fingerprint());
        org.junit.jupiter.api.Assertions.assertNotEquals(one.fingerprint(),
                new TimestampAuthorities(List.of(acme.authority("renamed"))).fingerprint());
        org.junit.jupiter.api.Assertions.assertNotEquals(one.fingerprint(), TimestampAuthorities.NONE.fingerprint());
    }
}
