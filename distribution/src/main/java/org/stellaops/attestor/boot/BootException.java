package org.stellaops.attestor.boot;

/**
 * A start-up failure the user can fix (a bad option, an unreadable file): the launcher prints the message and exits
 * with status 2 before the framework starts.
 */
final class BootException extends Exception {

    /** An option has an invalid value, or options contradict each other. */
    static final String BAD_OPTION = "boot.bad_option";
    /** A file or directory the launcher needs cannot be read or written. */
    static final String FILE = "boot.file";

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code {@link #BAD_OPTION} or {@link #FILE}
     * @param message what is wrong and how to fix it
     */
    BootException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** @return the stable machine-readable code */
    String code() {
        return code;
    }
}
