package org.stellaops.attestor.bench;

/** A command line the load driver refuses; the message says why and is meant for the user. */
public final class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the command line */
    public UsageException(String message) {
        super(message);
    }
}
