package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** A service that is not there exits 3, distinct from a failed verification. */
class NetworkFailureTest {

    private static final String UUID = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    /** A local port nobody listens on: bound, then released. */
    private static String closedPortUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void verifyExits3WhenTheServiceRefusesConnections() throws Exception {
        Cli.Result result = Cli.run("attest", "verify", "--uuid", UUID, "--url", closedPortUrl(), "--timeout", "5");

        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("network.unreachable"), result::toString);
    }

    @Test
    void fetchExits3WhenTheServiceRefusesConnections() throws Exception {
        Cli.Result result = Cli.run("attest", "fetch", "--uuid", "sha256:" + UUID, "--url", closedPortUrl());

        assertEquals(ExitCodes.UNAVAILABLE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("/api/v1/rekor/entries/sha256:" + UUID), result::toString);
    }
}
