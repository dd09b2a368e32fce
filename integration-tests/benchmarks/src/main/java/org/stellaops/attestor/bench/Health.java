package org.stellaops.attestor.bench;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Prints {@code GET /health} of a loopback Attestor, for run-benchmarks.sh (no curl needed). {@code /health} is
 * public, so no development token is minted for it ({@code --data-dir} only supplies the CA; the issuer key may not
 * even exist yet while the server starts); an explicit {@code --token} is still sent.
 */
public final class Health {

    /** The usage text. */
    static final String USAGE = String.join("\n",
            "usage: Health https://127.0.0.1:PORT [--data-dir DIR] [--cacert FILE] [--token TOKEN]",
            ServerOptions.USAGE);

    private Health() {
    }

    /**
     * Prints the status code and body; exits 0 for a 200, 1 for any other answer or an unreachable server, 2 for a
     * refused command line.
     *
     * @param args the base URL (loopback only), then the options of {@link ServerOptions}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args the command line
     * @param out where the answer goes
     * @param err where errors go
     * @return the exit status
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ServerOptions options;
        try {
            if (args.length < 1 || args[0].startsWith("--")) {
                throw new UsageException("Health needs a base URL, then options");
            }
            options = ApiGet.serverOptions(args[0], args, 1);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        ServerAccess server;
        try {
            server = ServerAccess.open(options, false, Instant.now());
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        }
        return ApiGet.get(server, "/health", out, err);
    }
}
