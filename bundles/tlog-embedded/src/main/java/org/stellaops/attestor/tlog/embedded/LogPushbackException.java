package org.stellaops.attestor.tlog.embedded;

import org.stellaops.attestor.api.tlog.TransparencyLogException;

/**
 * The log is up but its queue of submissions is full. Its code stays {@code tlog.unavailable} (callers outside
 * this bundle just retry later); the type lets the Rekor v2 servlet answer 503 "reached max pushback" instead of
 * the 500 of a log that cannot write.
 */
public final class LogPushbackException extends TransparencyLogException {

    private static final long serialVersionUID = 1L;

    /** @param message what was refused */
    public LogPushbackException(String message) {
        super(UNAVAILABLE, message);
    }
}
