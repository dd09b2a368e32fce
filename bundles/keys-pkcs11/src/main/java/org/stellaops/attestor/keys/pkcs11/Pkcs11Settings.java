package org.stellaops.attestor.keys.pkcs11;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.stellaops.attestor.api.keys.KeyDriverException;

/**
 * The validated configuration of one driver instance.
 *
 * @param library path of the PKCS#11 library
 * @param tokenLabel the token's label, or null when {@code slotListIndex} selects the token
 * @param slotListIndex index into the list of slots with a token, or -1 when {@code tokenLabel} selects it
 * @param pin where the user PIN comes from
 * @param timeout the longest wait for one token call
 * @param maxConcurrent the number of token worker threads
 */
record Pkcs11Settings(Path library, String tokenLabel, int slotListIndex, PinSource pin, Duration timeout,
                      int maxConcurrent) {

    /** Configuration property names that would carry a PIN, refused whatever their value. */
    static final Set<String> FORBIDDEN_PIN_PROPERTIES = Set.of("pin", ".pin", "_pin", "userpin", ".userpin");

    static final int MAX_CONCURRENT_LIMIT = 256;
    static final long MAX_TIMEOUT_MILLIS = 600_000;
    private static final int MAX_LABEL_LENGTH = 32;

    Pkcs11Settings {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(timeout, "timeout");
        if ((tokenLabel == null) == (slotListIndex < 0)) {
            throw invalid("set exactly one of tokenLabel and slotListIndex (tokenLabel "
                    + (tokenLabel == null ? "empty" : "'" + tokenLabel + "'") + ", slotListIndex " + slotListIndex
                    + ")");
        }
        if (tokenLabel != null && tokenLabel.length() > MAX_LABEL_LENGTH) {
            throw invalid("tokenLabel is longer than the 32 characters a PKCS#11 label can hold");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > MAX_TIMEOUT_MILLIS) {
            throw invalid("timeoutMillis must be between 1 and " + MAX_TIMEOUT_MILLIS + ", not "
                    + timeout.toMillis());
        }
        if (maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT_LIMIT) {
            throw invalid("maxConcurrent must be between 1 and " + MAX_CONCURRENT_LIMIT + ", not " + maxConcurrent);
        }
    }

    /**
     * Validates a configuration as Declarative Services hands it over.
     *
     * @param config the typed configuration
     * @param properties every configuration property, to refuse a PIN given in the configuration itself
     * @return the settings
     * @throws KeyDriverException {@code key.invalid_input} naming what is wrong
     */
    static Pkcs11Settings from(Pkcs11KeyDriverConfig config, Map<String, ?> properties) {
        for (String name : properties.keySet()) {
            if (FORBIDDEN_PIN_PROPERTIES.contains(name.toLowerCase(Locale.ROOT))) {
                throw invalid("the configuration has a property '" + name + "': the PKCS#11 PIN is never taken from "
                        + "the configuration; put it in a file named by pinFile or an environment variable named by "
                        + "pinEnv, and remove '" + name + "'");
            }
        }
        String library = config.library().strip();
        if (library.isEmpty()) {
            throw invalid("library is empty: name the token's PKCS#11 library");
        }
        if (library.indexOf('"') >= 0 || library.indexOf('\n') >= 0 || library.indexOf('\r') >= 0) {
            throw invalid("library must not contain quotes or line breaks: " + library);
        }
        String label = config.tokenLabel().strip();
        return new Pkcs11Settings(Path.of(library), label.isEmpty() ? null : label, config.slotListIndex(),
                pinSource(config.pinFile().strip(), config.pinEnv().strip()),
                Duration.ofMillis(config.timeoutMillis()), config.maxConcurrent());
    }

    private static PinSource pinSource(String file, String env) {
        if (file.isEmpty() == env.isEmpty()) {
            throw invalid(file.isEmpty()
                    ? "no PIN source: set pinFile (a file holding the user PIN) or pinEnv (an environment variable "
                            + "holding it)"
                    : "set only one of pinFile and pinEnv, not both");
        }
        return file.isEmpty() ? PinSource.environment(env) : PinSource.file(Path.of(file));
    }

    /** @return how the token is selected, for messages */
    String token() {
        return tokenLabel != null ? "token '" + tokenLabel + "'" : "token at slot list index " + slotListIndex;
    }

    private static KeyDriverException invalid(String detail) {
        return new KeyDriverException(KeyDriverException.INVALID_INPUT,
                "invalid configuration of the pkcs11 key driver (" + Pkcs11KeyDriver.PID + "): " + detail);
    }
}
