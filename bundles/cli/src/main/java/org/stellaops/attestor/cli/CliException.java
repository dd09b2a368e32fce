package org.stellaops.attestor.cli;

/**
 * A failure that ends a command with a given exit code and a one-line message for the user.
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int exitCode;
    private final String hint;

    /**
     * @param code stable machine-readable code, for example {@code file.unreadable} or a server problem's code
     * @param exitCode one of {@link ExitCodes}
     * @param message what went wrong, for the user
     * @param cause the underlying exception, or null
     */
    public CliException(String code, int exitCode, String message, Throwable cause) {
        this(code, exitCode, message, cause, null);
    }

    private CliException(String code, int exitCode, String message, Throwable cause, String hint) {
        super(message, cause);
        this.code = code;
        this.exitCode = exitCode;
        this.hint = hint;
    }

    /**
     * @param code stable machine-readable code
     * @param exitCode one of {@link ExitCodes}
     * @param message what went wrong, for the user
     */
    public CliException(String code, int exitCode, String message) {
        this(code, exitCode, message, null);
    }

    /** @return the stable machine-readable code */
    public String code() {
        return code;
    }

    /** @return the process exit code */
    public int exitCode() {
        return exitCode;
    }

    /** @return what the user can do about it, or null */
    public String hint() {
        return hint;
    }

    /**
     * @param advice what the user can do about the failure
     * @return the same failure with that hint
     */
    CliException withHint(String advice) {
        CliException copy = new CliException(code, exitCode, getMessage(), getCause(), advice);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** Shorthand for a usage error ({@link ExitCodes#USAGE}). */
    static CliException usage(String code, String message, Throwable cause) {
        return new CliException(code, ExitCodes.USAGE, message, cause);
    }
}
