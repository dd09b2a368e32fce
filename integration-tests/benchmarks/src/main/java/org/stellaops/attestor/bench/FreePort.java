package org.stellaops.attestor.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Prints a TCP port that is free on the loopback interface, for run-benchmarks.sh (no python or netstat needed).
 * The port is released before the server takes it; the script checks that the server really started.
 */
public final class FreePort {

    private FreePort() {
    }

    /**
     * Prints the port.
     *
     * @param args none
     * @throws IOException if no port can be bound
     */
    public static void main(String[] args) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.out.println(socket.getLocalPort());
        }
    }
}
