package org.stellaops.attestor.bench;

import java.nio.file.Path;
import java.util.Optional;


/**
 * The command line of {@link MongoTestServer}.
 *
 * @param port the loopback TCP port to listen on; 0 = any free port
 * @param h2File the H2 MVStore file of the persistent backend, or empty for the in-memory backend
 */
public record MongoTestServerOptions(int port, Optional<Path> h2File) {

    /** The usage text. */
    public static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks.jar org.stellaops.attestor.bench.MongoTestServer [--port 0] [--h2 FILE]",
            "  --port  loopback port to listen on (default 0: any free port; the line printed at start names it)",
            "  --h2    keep the data in this H2 MVStore file (kept across restarts) instead of in memory");

    /**
     * Parses a command line.
     *
     * @param args the arguments
     * @return the options
     * @throws UsageException if an option is unknown, repeated without a value or out of range
     */
    public static MongoTestServerOptions parse(String... args) {
        int port = 0;
        Path h2 = null;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new UsageException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--port" -> port = port(value);
                case "--h2" -> h2 = h2File(value);
                default -> throw new UsageException("unknown option " + name);
            }
        }
        return new MongoTestServerOptions(port, Optional.ofNullable(h2));
    }

    private static int port(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--port needs a number, not " + value);
        }
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be between 0 and 65535, not " + port);
        }
        return port;
    }

    private static Path h2File(String value) {
        if (value.isBlank()) {
            throw new UsageException("--h2 needs a file name");
        }
        return Path.of(value).toAbsolutePath();
    }
}
