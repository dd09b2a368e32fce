package org.stellaops.attestor.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints the answer to {@code GET <path>} of a loopback Attestor, e.g. {@code /api/v1/stats}, for
 * run-benchmarks.sh (no curl needed). Over https it trusts exactly the given CA; the request carries the token
 * ({@code --token}, or a development token minted from {@code --data-dir}).
 */
public final class ApiGet {

    /** The usage text. */
    static final String USAGE = String.join("\n",
            "usage: ApiGet https://127.0.0.1:PORT /api/v1/stats [--data-dir DIR] [--cacert FILE] [--token TOKEN]",
            ServerOptions.USAGE);

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ApiGet() {
    }

    /**
     * A checked command line.
     *
     * @param server the server, CA and token options
     * @param path the absolute path to ask
     */
    record Command(ServerOptions server, String path) {
        /** @return the URL to ask */
        URI target() {
            return server.baseUrl().resolve(path);
        }
    }

    /**
     * Prints the status code and body; exits 0 for a 200, 1 for any other answer or an unreachable server, 2 for a
     * refused command line.
     *
     * @param args the base URL (loopback only), an absolute path, then the options of {@link ServerOptions}
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
        Command command;
        try {
            command = parse(args);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        ServerAccess server;
        try {
            server = ServerAccess.open(command.server(), true, Instant.now());
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        }
        return get(server, command.path(), out, err);
    }

    /**
     * @param args the base URL, the path, then {@code --data-dir}, {@code --cacert}, {@code --token} in any order
     * @return the command
     * @throws UsageException if the base URL is not loopback, the path is not a plain absolute path, an option is
     *         unknown or an https URL has no CA
     */
    static Command parse(String[] args) {
        if (args.length < 2 || args[0].startsWith("--") || args[1].startsWith("--")) {
            throw new UsageException("ApiGet needs a base URL and a path, then options");
        }
        String path = args[1];
        if (!path.startsWith("/") || path.startsWith("//") || path.contains("@")) {
            throw new UsageException("the path must be absolute on the same server, like /api/v1/stats, not " + path);
        }
        return new Command(serverOptions(args[0], args, 2), path);
    }

    /**
     * Parses the options that follow the positional arguments of ApiGet and Health.
     *
     * @param url the base URL
     * @param args the whole command line
     * @param from the index of the first option
     * @return the checked options
     * @throws UsageException for an unknown option, an option without value, or options that do not fit the URL
     */
    static ServerOptions serverOptions(String url, String[] args, int from) {
        ServerOptions.Builder builder = new ServerOptions.Builder();
        builder.set("--url", url);
        for (int i = from; i < args.length; i += 2) {
            String name = args[i];
            if (name.equals("--url")) {
                throw new UsageException("the base URL is given as the first argument, not with --url");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(name + " needs a value");
            }
            if (!builder.set(name, args[i + 1])) {
                throw new UsageException("unknown option " + name);
            }
        }
        return builder.build();
    }

    /**
     * Sends one GET and prints {@code <status> <body>}.
     *
     * @param server the server access
     * @param path the absolute path
     * @param out where the answer goes
     * @param err where a transport failure goes
     * @return 0 for a 200, 1 otherwise
     */
    static int get(ServerAccess server, String path, PrintStream out, PrintStream err) {
        HttpRequest request = server.request(path, TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = server.client().send(request, HttpResponse.BodyHandlers.ofString());
            out.println(response.statusCode() + " " + response.body());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            err.println("GET " + request.uri() + " failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        }
    }
}
