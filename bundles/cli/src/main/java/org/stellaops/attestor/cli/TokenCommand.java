package org.stellaops.attestor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.jose.DevIssuer;
import org.stellaops.attestor.sdk.jose.Jwk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stella auth token}: mints a short-lived development access token with the local Attestor's development
 * issuer key ({@code <data-dir>/auth/dev-issuer.jwk}), offline.
 */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Mint a development access token with the local Attestor's development issuer key "
                + "(<data-dir>/" + DevIssuer.KEY_FILE + "; no network).",
            "Prints the token on standard output, for example: export STELLA_TOKEN=$(stella auth token --scope "
                + "attestor.verify).",
            "With --dpop-key the token is bound to that key (cnf.jkt) and must be used with it."},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_USAGE, ExitCodes.HELP_INTERNAL})
final class TokenCommand implements Callable<Integer> {

    /** The scopes the Attestor API knows. */
    static final List<String> SCOPES = DevIssuer.ATTESTOR_SCOPES;

    @Spec
    CommandSpec spec;

    @Option(names = "--scope", required = true, paramLabel = "<scope>",
            description = "A scope to grant, repeatable: attestor.write, attestor.verify, attestor.read or "
                + "attestor.admin.")
    List<String> scopes;

    @Option(names = "--tenant", paramLabel = "<tenant>", defaultValue = "default",
            description = "The tenant claim (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--subject", paramLabel = "<subject>", defaultValue = "stella-cli",
            description = "The subject (sub and client_id) (default: ${DEFAULT-VALUE}).")
    String subject;

    @Option(names = "--ttl", paramLabel = "<duration>", defaultValue = "15m",
            description = "Lifetime, at most 1h: 90s, 15m, 1h or ISO-8601 (default: ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--audience", paramLabel = "<audience>", defaultValue = DevIssuer.DEFAULT_AUDIENCE,
            description = "The audience (default: ${DEFAULT-VALUE}).")
    String audience;

    @Override
    public Integer call() {
        Set<String> granted = checkedScopes();
        Duration lifetime = Durations.parse(ttl, "--ttl");
        if (lifetime.isZero() || lifetime.isNegative() || lifetime.compareTo(DevIssuer.MAX_TTL) > 0) {
            throw CliException.usage("usage.bad_ttl", "--ttl must be more than 0 and at most "
                    + DevIssuer.MAX_TTL.toMinutes() + " minutes, not " + ttl, null);
        }
        GlobalOptions options = Stella.options(spec);
        Path dataDir = options.dataDir(Stella.environment(spec));
        Jwk dpopKey = options.dpopKey(Stella.environment(spec));
        Instant now = Instant.now();
        String token;
        try {
            Jwk key = DevIssuer.readKey(dataDir);
            token = DevIssuer.mintToken(key, subject, tenant, granted, lifetime, audience, now,
                    dpopKey == null ? null : dpopKey.thumbprint());
        } catch (AttestorException e) {
            throw CliException.usage(e.code(), e.getMessage(), e);
        }
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("stella: token for " + subject + " (tenant " + tenant + ", scope " + String.join(" ", granted)
                + (dpopKey == null ? "" : ", DPoP-bound") + ") valid until " + now.plus(lifetime));
        err.flush();
        return ExitCodes.OK;
    }

    private Set<String> checkedScopes() {
        Set<String> granted = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (!SCOPES.contains(scope)) {
                throw CliException.usage("usage.bad_scope", "--scope must be one of " + String.join(", ", SCOPES)
                        + ", not '" + scope + "'", null);
            }
            granted.add(scope);
        }
        return granted;
    }
}
