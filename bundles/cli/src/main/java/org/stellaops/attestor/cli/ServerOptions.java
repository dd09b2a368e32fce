package org.stellaops.attestor.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import picocli.CommandLine.Option;

/**
 * The options every command that talks to the service shares: where it is and how long to wait.
 */
final class ServerOptions {

    @Option(names = "--url", paramLabel = "<url>", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of the Attestor service (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "30",
            description = "Connect timeout and, separately, whole-request timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /**
     * @return a client for the configured service
     * @throws CliException exit code 2 when the URL is not an http(s) URL or the timeout is not positive
     */
    AttestorClient client() {
        if (timeoutSeconds <= 0) {
            throw CliException.usage("usage.bad_timeout", "--timeout must be a positive number of seconds", null);
        }
        return new AttestorClient(baseUri(), Duration.ofSeconds(timeoutSeconds));
    }

    private URI baseUri() {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw CliException.usage("usage.bad_url", "--url must be an http:// or https:// URL with a host: " + url, null);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliException.usage("usage.bad_url", "--url is not a URL: " + e.getMessage(), e);
        }
    }
}
