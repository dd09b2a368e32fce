package org.stellaops.attestor.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Prints {@code GET /health} of a loopback Attestor, for run-benchmarks.sh (no curl needed). */
public final class Health {

    private Health() {
    }

    /**
     * Prints the status code and body; exits 1 unless the answer is 200.
     *
     * @param args the base URL (loopback only)
     * @throws IOException if the server cannot be reached
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: Health http://127.0.0.1:PORT");
            System.exit(2);
        }
        URI base = LoadOptions.loopbackUrl(args[0]);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(10))
                .GET().build();
        HttpResponse<String> response = AttestorSetup.client().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
        System.exit(response.statusCode() == 200 ? 0 : 1);
    }
}
