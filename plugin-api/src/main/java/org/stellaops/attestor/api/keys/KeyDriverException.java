package org.stellaops.attestor.api.keys;

import java.util.Objects;

/**
 * A key driver failure with a stable, machine-readable code such as {@code key.not_found}.
 */
public class KeyDriverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The code of a key the driver does not hold. */
    public static final String NOT_FOUND = "key.not_found";
    /** The code of a key that may not sign (retired or revoked). */
    public static final String NOT_ACTIVE = "key.not_active";
    /** The code of an algorithm the driver cannot use. */
    public static final String UNSUPPORTED_ALGORITHM = "key.unsupported_algorithm";
    /** The code of any other driver failure (I/O, token gone). */
    public static final String DRIVER_FAILURE = "key.driver_failure";
    /** The code of a driver call that did not finish within the driver's timeout (a hung token, a lost device). */
    public static final String TIMEOUT = "key.driver_timeout";
    /** The code of an operation the driver does not offer (import, export, server-side signing by a security key). */
    public static final String UNSUPPORTED_OPERATION = "key.unsupported_operation";
    /** The code of a key material, password or ceremony response the driver refuses (wrong password, bad format). */
    public static final String INVALID_INPUT = "key.invalid_input";
    /** The code of a key name that is already taken in the driver. */
    public static final String NAME_CONFLICT = "key.name_conflict";

    private final String code;

    /**
     * @param code stable machine-readable code
     * @param message human-readable detail (never key material)
     */
    public KeyDriverException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
    }

    /**
     * @param code stable machine-readable code
     * @param message human-readable detail (never key material)
     * @param cause the underlying failure
     */
    public KeyDriverException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    /** @return the stable code */
    public String code() {
        return code;
    }
}
