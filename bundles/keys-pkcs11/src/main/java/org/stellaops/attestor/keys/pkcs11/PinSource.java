package org.stellaops.attestor.keys.pkcs11;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.stellaops.attestor.api.keys.KeyDriverException;

/**
 * Where the user PIN comes from: a file or an environment variable, read afresh at every login (so a changed PIN
 * file takes effect at the next reconnect, and the PIN is not kept in memory between logins).
 */
abstract sealed class PinSource permits PinSource.FromFile, PinSource.FromEnvironment {

    /**
     * @return the PIN; the caller clears the array after use
     * @throws KeyDriverException {@code key.driver_failure} if the file or variable cannot be read or is empty
     */
    abstract char[] read();

    /** @return where the PIN comes from, for messages (never the PIN) */
    abstract String describe();

    @Override
    public String toString() {
        return describe();
    }

    static PinSource file(Path path) {
        return new FromFile(path);
    }

    static PinSource environment(String variable) {
        return environment(variable, System.getenv());
    }

    static PinSource environment(String variable, Map<String, String> environment) {
        return new FromEnvironment(variable, environment);
    }

    /** Strips one trailing line end (LF or CRLF), which editors and {@code echo} add. */
    static char[] withoutTrailingNewline(char[] pin) {
        int end = pin.length;
        if (end > 0 && pin[end - 1] == '\n') {
            end--;
            if (end > 0 && pin[end - 1] == '\r') {
                end--;
            }
        }
        if (end == pin.length) {
            return pin;
        }
        char[] trimmed = Arrays.copyOf(pin, end);
        Arrays.fill(pin, '\0');
        return trimmed;
    }

    static final class FromFile extends PinSource {
        private final Path path;

        FromFile(Path path) {
            this.path = Objects.requireNonNull(path);
        }

        @Override
        char[] read() {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                        "cannot read the PKCS#11 PIN file " + path + ": " + e.getMessage(), e);
            }
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
                char[] pin = new char[chars.remaining()];
                chars.get(pin);
                Arrays.fill(chars.array(), '\0');
                return nonEmpty(withoutTrailingNewline(pin));
            } catch (CharacterCodingException e) {
                throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                        "the PKCS#11 PIN file " + path + " is not UTF-8 text", e);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }

        private char[] nonEmpty(char[] pin) {
            if (pin.length == 0) {
                throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE, "the PKCS#11 PIN file " + path
                        + " is empty");
            }
            return pin;
        }

        @Override
        String describe() {
            return "PIN file " + path;
        }
    }

    static final class FromEnvironment extends PinSource {
        private final String variable;
        private final Map<String, String> environment;

        FromEnvironment(String variable, Map<String, String> environment) {
            this.variable = Objects.requireNonNull(variable);
            this.environment = Objects.requireNonNull(environment);
        }

        @Override
        char[] read() {
            String value = environment.get(variable);
            if (value == null || value.isEmpty()) {
                throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                        "the PKCS#11 PIN environment variable " + variable + " is "
                                + (value == null ? "not set" : "empty"));
            }
            return value.toCharArray();
        }

        @Override
        String describe() {
            return "PIN environment variable " + variable;
        }
    }
}
