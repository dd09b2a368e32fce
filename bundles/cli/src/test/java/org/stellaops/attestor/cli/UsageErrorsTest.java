package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything that is the caller's mistake exits 2 and says what is wrong, before any network access. */
class UsageErrorsTest {

    private static final String UUID = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    @TempDir
    Path dir;

    private static void assertUsage(Cli.Result result, String expectedText) {
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains(expectedText), () -> "stderr should contain '" + expectedText + "'\n" + result);
    }

    private String key() throws Exception {
        return TestKeys.writePkcs8(dir, TestKeys.EC_P256.generate()).toString();
    }

    @Test
    void signWithoutKeyIsAUsageError() throws Exception {
        assertUsage(Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString()),
                "(--key=<private-key.pem> | --server-key=<name|key-id>)");
    }

    @Test
    void signWithoutStatementIsAUsageError() throws Exception {
        assertUsage(Cli.run("attest", "sign", "--key", key()), "Missing required option: '--statement=<file>'");
    }

    @Test
    void aMissingStatementFileIsAUsageError() throws Exception {
        assertUsage(Cli.run("attest", "sign", "--statement", dir.resolve("absent.json").toString(), "--key", key()),
                "no such file");
    }

    @Test
    void aMissingKeyFileIsAUsageError() throws Exception {
        assertUsage(Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(),
                "--key", dir.resolve("absent.pem").toString()), "file.unreadable");
    }

    @Test
    void aKeyFileThatIsNotAPemKeyIsAUsageError() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertUsage(Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(), "--key", notAKey.toString()),
                "key.malformed");
    }

    @Test
    void aPublicKeyInsteadOfAPrivateKeyIsAUsageError() throws Exception {
        Path publicKey = TestKeys.writePem(dir.resolve("pub.pem"), "PUBLIC KEY",
                TestKeys.EC_P256.generate().getPublic().getEncoded());

        assertUsage(Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(),
                "--key", publicKey.toString()), "key.malformed");
    }

    @Test
    void anRsaKeyBelow2048BitsIsAUsageError() throws Exception {
        Path weak = TestKeys.writePkcs8(dir, TestKeys.generate("RSA", null, 1024));

        assertUsage(Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(), "--key", weak.toString()),
                "key.too_weak");
    }

    @Test
    void aStatementWithoutSubjectsIsAUsageError() throws Exception {
        Path statement = Files.writeString(dir.resolve("s.json"), TestFiles.STATEMENT.replaceAll(
                "(?s)\"subject\": \\[.*?\\],", "\"subject\": [],"));

        assertUsage(Cli.run("attest", "sign", "--statement", statement.toString(), "--key", key()),
                "statement.no_subjects");
    }

    @Test
    void aStatementThatIsNotJsonIsAUsageError() throws Exception {
        Path statement = Files.writeString(dir.resolve("s.json"), "{\"_type\": ");

        assertUsage(Cli.run("attest", "sign", "--statement", statement.toString(), "--key", key()), "json.malformed");
    }

    @Test
    void anUnwritableOutFileIsAUsageError() throws Exception {
        assertUsage(Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(), "--key", key(),
                "--out", dir.resolve("no/such/dir/out.json").toString()), "file.unwritable");
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        assertUsage(Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(), "--key", key(),
                "--verbose"), "Unknown option: '--verbose'");
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertUsage(Cli.run("attest"), "Missing required subcommand");
    }

    @Test
    void verifyWithBothEnvelopeAndUuidIsAUsageError() {
        assertUsage(Cli.run("attest", "verify", "--envelope", "e.json", "--uuid", UUID), "mutually exclusive");
    }

    @Test
    void verifyWithNeitherEnvelopeNorUuidIsAUsageError() {
        assertUsage(Cli.run("attest", "verify"), "Missing required argument");
    }

    @Test
    void verifyingAFileThatIsNotAnEnvelopeIsAUsageError() throws Exception {
        Path statement = TestFiles.statement(dir);

        assertUsage(Cli.run("attest", "verify", "--envelope", statement.toString()), "envelope.");
    }

    @Test
    void aMalformedUuidIsAUsageError() {
        assertUsage(Cli.run("attest", "fetch", "--uuid", "../../admin"), "usage.bad_uuid");
    }

    @Test
    void fetchWithoutUuidIsAUsageError() {
        assertUsage(Cli.run("attest", "fetch"), "Missing required option: '--uuid=<uuid|sha256:hex>'");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        assertUsage(Cli.run("attest", "fetch", "--uuid", UUID, "--url", "ftp://127.0.0.1/"), "usage.bad_url");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsAUsageError() {
        assertUsage(Cli.run("attest", "fetch", "--uuid", UUID, "--timeout", "0"), "usage.bad_timeout");
    }

    @Test
    void aTimeoutThatIsNotANumberIsAUsageError() {
        assertUsage(Cli.run("attest", "verify", "--uuid", UUID, "--timeout", "soon"), "Invalid value for option '--timeout'");
    }
}
