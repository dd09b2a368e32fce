package org.stellaops.attestor.keys.pkcs11;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.keys.KeyDriverException;

/**
 * Turns PKCS#11 failures into {@link KeyDriverException}s with a readable message, and tells which failures mean
 * that the connection to the token must be rebuilt. SunPKCS11 reports the PKCS#11 return value only as the message
 * ({@code CKR_…}) of a JDK-internal exception somewhere in the cause chain, so the chain's messages are searched.
 */
final class Pkcs11Errors {

    private static final Pattern CKR = Pattern.compile("CKR_[A-Z0-9_]+");

    /** Return values after which the sessions, the login or the object handles cannot be trusted any more. */
    private static final Set<String> CONNECTION_LOST = Set.of("CKR_DEVICE_REMOVED", "CKR_DEVICE_ERROR",
            "CKR_TOKEN_NOT_PRESENT", "CKR_TOKEN_NOT_RECOGNIZED", "CKR_SESSION_HANDLE_INVALID", "CKR_SESSION_CLOSED",
            "CKR_USER_NOT_LOGGED_IN", "CKR_OBJECT_HANDLE_INVALID", "CKR_KEY_HANDLE_INVALID",
            "CKR_CRYPTOKI_NOT_INITIALIZED", "CKR_GENERAL_ERROR", "CKR_FUNCTION_FAILED", "CKR_SLOT_ID_INVALID");

    private static final Map<String, String> HINTS = Map.of(
            "CKR_PIN_INCORRECT", "wrong PIN",
            "CKR_PIN_LOCKED", "the user PIN is locked; the security officer must reset it",
            "CKR_PIN_EXPIRED", "the user PIN has expired",
            "CKR_DEVICE_REMOVED", "the token was removed",
            "CKR_TOKEN_NOT_PRESENT", "no token in the slot",
            "CKR_OBJECT_HANDLE_INVALID", "the key is gone from the token (deleted, or the token was re-initialised)",
            "CKR_KEY_HANDLE_INVALID", "the key is gone from the token (deleted, or the token was re-initialised)",
            "CKR_USER_NOT_LOGGED_IN", "the login was lost",
            "CKR_DEVICE_MEMORY", "the token is full");

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0x0L, "CKR_OK"), Map.entry(0x5L, "CKR_GENERAL_ERROR"), Map.entry(0x6L, "CKR_FUNCTION_FAILED"),
            Map.entry(0x3L, "CKR_SLOT_ID_INVALID"), Map.entry(0x30L, "CKR_DEVICE_ERROR"),
            Map.entry(0x32L, "CKR_DEVICE_REMOVED"), Map.entry(0xE0L, "CKR_TOKEN_NOT_PRESENT"),
            Map.entry(0xE1L, "CKR_TOKEN_NOT_RECOGNIZED"), Map.entry(0x150L, "CKR_BUFFER_TOO_SMALL"),
            Map.entry(0x190L, "CKR_CRYPTOKI_NOT_INITIALIZED"), Map.entry(0x191L, "CKR_CRYPTOKI_ALREADY_INITIALIZED"),
            Map.entry(0x7L, "CKR_ARGUMENTS_BAD"), Map.entry(0x54L, "CKR_FUNCTION_NOT_SUPPORTED"));

    private Pkcs11Errors() {
    }

    /**
     * @param rv a PKCS#11 return value
     * @return its CKR_ name where known, else its hexadecimal value
     */
    static String name(long rv) {
        String name = NAMES.get(rv);
        return name != null ? name : "CKR 0x" + Long.toHexString(rv);
    }

    /**
     * @param failure any failure of a SunPKCS11 call
     * @return the PKCS#11 return value's name found in its cause chain
     */
    static Optional<String> returnValue(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = CKR.matcher(t.getMessage());
                if (m.find()) {
                    return Optional.of(m.group());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param failure any failure of a SunPKCS11 call
     * @return whether the connection (provider, sessions, login, handles) must be rebuilt before the next call
     */
    static boolean connectionLost(Throwable failure) {
        return returnValue(failure).map(CONNECTION_LOST::contains).orElse(false);
    }

    /**
     * @param what what was being done, e.g. "signing with key … on token 'x'"
     * @param failure the failure
     * @return a {@code key.driver_failure} naming the PKCS#11 return value and what it usually means
     */
    static KeyDriverException failure(String what, Throwable failure) {
        if (failure instanceof KeyDriverException known) {
            return known;
        }
        Optional<String> rv = returnValue(failure);
        String detail = rv.map(r -> r + (HINTS.containsKey(r) ? " (" + HINTS.get(r) + ")" : ""))
                .orElseGet(() -> failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
        return new KeyDriverException(KeyDriverException.DRIVER_FAILURE, what + " failed: " + detail, failure);
    }
}
