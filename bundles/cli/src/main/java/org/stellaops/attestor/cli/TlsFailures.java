package org.stellaops.attestor.cli;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;

import javax.net.ssl.SSLException;

/**
 * Turns a failed TLS handshake into a message that says why and what to do about it.
 */
final class TlsFailures {

    /** The server's certificate chain does not lead to a trusted CA (or is expired, or revoked). */
    static final String UNTRUSTED = "tls.untrusted_server";
    /** The server's certificate does not name the host of the URL. */
    static final String HOSTNAME = "tls.hostname_mismatch";
    /** Any other TLS failure, for example a server that does not speak TLS. */
    static final String HANDSHAKE = "tls.handshake_failed";

    private TlsFailures() {
    }

    /**
     * @param failure an I/O failure
     * @return the TLS exception in its cause chain, or null
     */
    static SSLException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    /**
     * @param failure the TLS failure
     * @param what the request, for the message
     * @param base the service URL
     * @param caFile the CA file trusted, or null for the platform's CAs
     * @return the failure to report (exit 3)
     */
    static CliException describe(SSLException failure, String what, URI base, Path caFile) {
        String trusted = caFile == null ? "the Java platform's trusted CAs" : "the CA in " + caFile;
        String reason = innermostMessage(failure);
        if (causedBy(failure, CertPathBuilderException.class) || causedBy(failure, CertPathValidatorException.class)) {
            return new CliException(UNTRUSTED, ExitCodes.UNAVAILABLE, what + ": the server's TLS certificate is not "
                    + "trusted (" + reason + "); stella trusts " + trusted, failure)
                    .withHint("pass the CA that issued the server's certificate with --cacert <file>; a local Attestor "
                            + "prints it at first start and keeps it in <data-dir>/" + GlobalOptions.LOCAL_CA);
        }
        if (reason.contains("No subject alternative") || reason.contains("No name matching")) {
            return new CliException(HOSTNAME, ExitCodes.UNAVAILABLE, what + ": the server's TLS certificate is not "
                    + "valid for " + base.getHost() + " (" + reason + ")", failure)
                    .withHint("use a name the certificate holds (a local Attestor's: localhost, 127.0.0.1, ::1), or "
                            + "start the server with -Dattestor.tls.san=" + base.getHost());
        }
        return new CliException(HANDSHAKE, ExitCodes.UNAVAILABLE, what + ": TLS failed (" + reason + ")", failure)
                .withHint("if the server serves plain HTTP (-Dattestor.tls.enabled=false), use an http:// URL");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String innermostMessage(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
