package org.stellaops.attestor.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Prints the answer to {@code GET <path>} of a loopback Attestor, e.g. {@code /api/v1/stats}, for
 * run-benchmarks.sh (no curl needed).
 */
public final class ApiGet {

    private ApiGet() {
    }

    /**
     * Prints the status code and body; exits 1 unless the answer is 200, 2 for a refused command line.
     *
     * @param args the base URL (loopback only) and an absolute path
     * @throws IOException if the server cannot be reached
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        URI target;
        try {
            target = target(args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ApiGet http://127.0.0.1:PORT /api/v1/stats");
            System.exit(2);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = AttestorSetup.client().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
        System.exit(response.statusCode() == 200 ? 0 : 1);
    }

    /**
     * @param args the base URL and the path
     * @return the URL to ask
     * @throws UsageException if the base URL is not loopback or the path is not a plain absolute path
     */
    static URI target(String[] args) {
        if (args.length != 2) {
            throw new UsageException("ApiGet needs a base URL and a path");
        }
        String path = args[1];
        if (!path.startsWith("/") || path.startsWith("//") || path.contains("@")) {
            throw new UsageException("the path must be absolute on the same server, like /api/v1/stats, not " + path);
        }
        return LoadOptions.loopbackUrl(args[0]).resolve(path);
    }
}
