package org.stellaops.attestor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code stella} command line: {@code stella attest sign|verify|fetch|search|key|policy} and
 * {@code stella auth token|dpop-key}.
 * The {@link GlobalOptions} ({@code --url}, {@code --cacert}, {@code --token}, {@code --data-dir}, …) are accepted
 * before or after any command name.
 *
 * <p>Run it as {@code java -jar stella.jar …} or embed it through {@link #execute}.
 */
@Command(name = "stella", mixinStandardHelpOptions = true, versionProvider = Stella.Version.class,
        description = "StellaOps Attestor command line.",
        subcommands = {AttestCommand.class, AuthCommand.class},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE,
            ExitCodes.HELP_INTERNAL})
public final class Stella {

    @Mixin
    GlobalOptions options;

    private final Map<String, String> environment;

    private Stella(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args the arguments, for example {@code attest sign --statement s.json --key k.pem}
     * @param out standard output: results (envelopes, records, verification reports)
     * @param err standard error: usage help and error messages
     * @return the exit code, one of {@link ExitCodes}
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, System.getenv());
    }

    /**
     * As {@link #execute(String[], PrintWriter, PrintWriter)} with a given environment (for the {@code STELLA_*}
     * variables) instead of the process's.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @param environment the environment variables
     * @return the exit code
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new Stella(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Stella::onFailure);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int onFailure(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (failure instanceof CliException cli) {
            err.println("stella: error [" + cli.code() + "]: " + cli.getMessage());
            if (cli.hint() != null) {
                err.println("stella: hint: " + cli.hint());
            }
            err.flush();
            return cli.exitCode();
        }
        err.println("stella: internal error: " + failure);
        failure.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /**
     * @param spec any command's spec
     * @return the global options, wherever on the command line they were given
     */
    static GlobalOptions options(CommandSpec spec) {
        return ((Stella) spec.root().userObject()).options;
    }

    /**
     * @param spec any command's spec
     * @return the environment variables
     */
    static Map<String, String> environment(CommandSpec spec) {
        return ((Stella) spec.root().userObject()).environment;
    }

    /** Reads the version from the Maven metadata that both the bundle and the runnable jar carry. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Stella.class.getResourceAsStream(
                    "/META-INF/maven/org.stellaops.attestor/cli/pom.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"stella " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
