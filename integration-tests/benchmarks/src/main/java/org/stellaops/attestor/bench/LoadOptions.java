package org.stellaops.attestor.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load driver's command line, with hard caps: the driver must never turn into an unbounded flood, and it only
 * ever talks to the local machine.
 *
 * @param server the loopback Attestor, the CA to trust for https and the token to send
 * @param clients concurrent clients (1–1024)
 * @param duration how long the measured phase issues requests (1 s – 10 min)
 * @param mode what is sent
 * @param keys trusted keys this run registers (1–100): the signing key plus {@code keys - 1} unused ones that only
 *        grow the server's trusted set
 * @param maxRequests cap on the requests of the measured phase
 * @param envelopes envelopes pre-signed for the measured submissions (each is submitted at most once); 0 = sized
 *        from the submission rate seen while warming up
 * @param seedEntries entries submitted before a {@code verify} or {@code mixed} run, to be verified
 * @param warmup length of the unmeasured warm-up in the measured mode (0 = none)
 * @param requestTimeout per-request timeout
 * @param rate requests per second of the measured phase (open loop: request n is due at start + n/rate and its
 *        latency counts from then, so a slow server cannot hide its queueing); 0 = closed loop, back to back
 * @param batchSize envelopes per request in {@code batch} mode (1–1000, the server's default {@code batchMaxItems});
 *        1 in every other mode
 * @param serverPid the server process whose CPU time each phase reports (read from {@code /proc/<pid>/stat});
 *        empty = only the driver's own CPU time is reported
 * @param clockTicks clock ticks per second of the server's stat figures ({@code getconf CLK_TCK}; 1–100000)
 * @param client how the load phases send their requests: one blocking keep-alive connection per client (default)
 *        or the JDK's {@code HttpClient}
 */
public record LoadOptions(ServerOptions server, int clients, Duration duration, LoadMode mode, int keys,
                          long maxRequests, int envelopes, int seedEntries, Duration warmup, Duration requestTimeout,
                          double rate, int batchSize, OptionalLong serverPid, int clockTicks, LoadClient client) {

    /** The only hosts the driver talks to. */
    public static final Set<String> LOOPBACK_HOSTS = ServerOptions.LOOPBACK_HOSTS;
    /** The longest measured phase accepted. */
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);
    /** The longest warm-up accepted. */
    public static final Duration MAX_WARMUP = Duration.ofMinutes(2);
    /** The longest request timeout accepted. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);
    /** The most requests one measured phase may issue. */
    public static final long MAX_REQUESTS = 5_000_000;

    /** Envelopes per batch request unless {@code --batch-size} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** The largest batch: the server's default {@code batchMaxItems}. */
    public static final int MAX_BATCH_SIZE = 1000;

    /** The highest pid Linux hands out ({@code PID_MAX_LIMIT} on 64-bit kernels). */
    public static final long MAX_PID = 4_194_304;
    /** The most clock ticks per second accepted for {@code --clock-ticks}. */
    public static final int MAX_CLOCK_TICKS = 100_000;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s|m)?");

    /** The usage text. */
    public static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks.jar org.stellaops.attestor.bench.LoadDriver --url https://127.0.0.1:PORT",
            "         [--data-dir DIR] [--cacert FILE] [--token TOKEN]",
            "         [--clients 64] [--duration 30s] [--mode submit|batch|verify|mixed] [--keys 1]",
            "         [--max-requests 1000000] [--envelopes N] [--seed-entries 256] [--warmup 5s] [--timeout 30s]",
            "         [--rate 0] [--batch-size 100] [--server-pid PID [--clock-ticks 100]] [--client blocking|jdk]",
            "  --mode      batch: --batch-size distinct envelopes per POST /api/v1/rekor/entries:batch",
            "  --batch-size envelopes per batch request, 1-1000 (only with --mode batch)",
            "  --rate      requests/s of the measured phase, spread over the clients (open loop, latency from",
            "              each request's due time); 0 = every client sends back to back (closed loop);",
            "              in batch mode a request is a whole batch",
            "  --url       Attestor base URL, https:// or http://; only 127.0.0.1, localhost and [::1]",
            ServerOptions.USAGE,
            "  --duration  N, Ns, Nms or Nm; at most 10m",
            "  --keys      trusted keys to register (the signer + N-1 others that only grow the trusted set)",
            "  --envelopes envelopes pre-signed for the measured submissions (default: 4x what the warm-up",
            "              rate needs for the duration); a run stops early when they run out; in batch mode",
            "              they are items, rounded up to whole batches",
            "  --warmup    unmeasured warm-up in the same mode before the measured phase (0 = none)",
            "  --server-pid the server's process id: every phase also reports the server's CPU time",
            "              (from /proc/PID/stat), its cores used and its CPU ms per item; the driver's own",
            "              CPU time is always reported",
            "  --clock-ticks clock ticks per second of /proc/PID/stat (getconf CLK_TCK), 1-100000, default 100;",
            "              only with --server-pid",
            "  --client    how the load phases send requests: blocking (default) = one keep-alive HTTP/1.1",
            "              connection per client, the least driver CPU on cores shared with the server;",
            "              jdk = the JDK HttpClient, as every figure measured before this option; setup",
            "              requests always use the JDK HttpClient");

    /**
     * Parses and checks a command line.
     *
     * @param args the arguments
     * @return the options
     * @throws UsageException if an argument is missing, unknown, malformed or over its cap
     */
    public static LoadOptions parse(String... args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new UsageException(name + " needs a value");
            }
            b.set(name, args[i + 1]);
        }
        return b.build();
    }

    /**
     * Checks that a URL is an http or https base URL of this machine.
     *
     * @param url the URL text
     * @return the URL as {@code scheme://host[:port]}
     * @throws UsageException if the host is not loopback or the URL is not a plain http(s) base URL
     * @see ServerOptions#loopbackUrl(String)
     */
    public static URI loopbackUrl(String url) {
        return ServerOptions.loopbackUrl(url);
    }

    /** @return the Attestor base URL */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /**
     * The longest a run with these options can spend in its load phases: the seed phase (verify and mixed), the
     * warm-up and the measured phase, each bounded by its limit plus one request timeout and the driver's grace
     * period. Key registration and pre-signing come on top.
     *
     * @return the bound
     */
    public Duration longestLoadTime() {
        Duration perPhaseTail = requestTimeout.plus(LoadRun.GRACE);
        Duration total = duration.plus(perPhaseTail);
        if (!warmup.isZero()) {
            total = total.plus(warmup).plus(perPhaseTail);
        }
        if (mode == LoadMode.VERIFY || mode == LoadMode.MIXED) {
            total = total.plus(LoadDriver.SEED_TIME_LIMIT).plus(perPhaseTail);
        }
        return total;
    }

    /**
     * Parses {@code 30s}, {@code 500ms}, {@code 2m} or a bare number of seconds.
     *
     * @param text the duration text
     * @return the duration
     * @throws UsageException if the text is not such a duration
     */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException("not a duration (use 30s, 500ms or 2m): " + text);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(n);
            case "m":
                return Duration.ofMinutes(n);
            default:
                return Duration.ofSeconds(n);
        }
    }

    /** Collects option values and applies the defaults and caps. */
    private static final class Builder {
        private final ServerOptions.Builder server = new ServerOptions.Builder();
        private int clients = 64;
        private Duration duration = Duration.ofSeconds(30);
        private LoadMode mode = LoadMode.SUBMIT;
        private int keys = 1;
        private long maxRequests = 1_000_000;
        private int envelopes;
        private int seedEntries = 256;
        private Duration warmup = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(30);
        private double rate;
        private Integer batchSize;
        private OptionalLong serverPid = OptionalLong.empty();
        private Integer clockTicks;
        private LoadClient client = LoadClient.BLOCKING;

        void set(String name, String value) {
            if (server.set(name, value)) {
                return;
            }
            switch (name) {
                case "--clients" -> clients = (int) number(name, value, 1, 1024);
                case "--duration" -> duration = bounded(name, parseDuration(value), MAX_DURATION);
                case "--mode" -> mode = mode(value);
                case "--keys" -> keys = (int) number(name, value, 1, 100);
                case "--max-requests" -> maxRequests = number(name, value, 1, MAX_REQUESTS);
                case "--envelopes" -> envelopes = (int) number(name, value, 1, 500_000);
                case "--seed-entries" -> seedEntries = (int) number(name, value, 1, 100_000);
                case "--warmup" -> warmup = parseDuration(value).isZero() ? Duration.ZERO
                        : bounded(name, parseDuration(value), MAX_WARMUP);
                case "--timeout" -> timeout = bounded(name, parseDuration(value), MAX_TIMEOUT);
                case "--rate" -> rate = number(name, value, 0, 1_000_000);
                case "--batch-size" -> batchSize = (int) number(name, value, 1, MAX_BATCH_SIZE);
                case "--server-pid" -> serverPid = OptionalLong.of(number(name, value, 1, MAX_PID));
                case "--clock-ticks" -> clockTicks = (int) number(name, value, 1, MAX_CLOCK_TICKS);
                case "--client" -> client = client(value);
                default -> throw new UsageException("unknown option " + name);
            }
        }

        LoadOptions build() {
            ServerOptions target = server.build();
            if (batchSize != null && mode != LoadMode.BATCH) {
                // A batch size given for another mode would be silently ignored, and the figures misread.
                throw new UsageException("--batch-size only applies to --mode batch");
            }
            if (clockTicks != null && serverPid.isEmpty()) {
                // Only the server's figures are in clock ticks: alone, the option would be silently ignored.
                throw new UsageException("--clock-ticks only applies with --server-pid");
            }
            int items = mode != LoadMode.BATCH ? 1 : batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
            return new LoadOptions(target, clients, duration, mode, keys, maxRequests, envelopes, seedEntries, warmup,
                    timeout, rate, items, serverPid,
                    clockTicks == null ? ProcessCpu.DEFAULT_CLOCK_TICKS : clockTicks, client);
        }

        private static LoadMode mode(String value) {
            try {
                return LoadMode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--mode must be submit, batch, verify or mixed, not " + value);
            }
        }

        private static LoadClient client(String value) {
            for (LoadClient c : LoadClient.values()) {
                if (c.optionValue().equals(value.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            throw new UsageException("--client must be blocking or jdk, not " + value);
        }

        private static long number(String name, String value, long min, long max) {
            long n;
            try {
                n = Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new UsageException(name + " needs a number, not " + value);
            }
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        }

        private static Duration bounded(String name, Duration d, Duration max) {
            if (d.isZero() || d.compareTo(max) > 0) {
                throw new UsageException(name + " must be above 0 and at most " + max.toSeconds() + " s, not " + d);
            }
            return d;
        }
    }
}
