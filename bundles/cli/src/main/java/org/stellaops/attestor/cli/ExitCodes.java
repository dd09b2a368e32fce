package org.stellaops.attestor.cli;

/**
 * The process exit codes of {@code stella}. They are part of the command line's contract (scripts test them) and are
 * listed in every command's {@code --help}.
 */
public final class ExitCodes {

    /** The command did what was asked (for {@code verify}: the envelope or entry verified). */
    public static final int OK = 0;
    /** Verification failed, or the server refused the request with an HTTP 4xx problem. */
    public static final int FAILED = 1;
    /** Usage error: bad options, unreadable or unwritable files, unparseable keys, statements or envelopes. */
    public static final int USAGE = 2;
    /**
     * The server could not be reached, its TLS certificate could not be trusted, it timed out, failed (HTTP 5xx) or
     * answered something that is not the API.
     */
    public static final int UNAVAILABLE = 3;
    /** A bug in stella itself (sysexits EX_SOFTWARE); the stack trace goes to standard error. */
    public static final int INTERNAL = 70;

    static final String HELP_HEADING = "%nExit codes:%n";
    static final String HELP_OK = "0:success (verify: verified)";
    static final String HELP_FAILED = "1:verification failed, or the server refused the request (HTTP 4xx; its problem code "
            + "and detail are printed)";
    static final String HELP_USAGE = "2:usage error: bad options, unreadable or unwritable file, unparseable key, statement "
            + "or envelope";
    static final String HELP_UNAVAILABLE = "3:network failure or timeout, untrusted server certificate, server error "
            + "(HTTP 5xx), or an answer that is not the Attestor API";
    static final String HELP_INTERNAL = "70:internal error in stella (stack trace on standard error)";

    private ExitCodes() {
    }
}
