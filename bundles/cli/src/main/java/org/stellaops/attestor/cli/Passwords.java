package org.stellaops.attestor.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where a key password comes from: a file ({@code --password-file}) or the environment variable
 * {@value #ENV} (as cosign reads it), never a command-line argument, which other users of the machine can see in the
 * process list. The password is handed over as characters that the caller clears.
 */
final class Passwords {

    /** The environment variable cosign reads the password of a key from. */
    static final String ENV = "COSIGN_PASSWORD";

    private Passwords() {
    }

    /**
     * @param file the {@code --password-file}, or null
     * @param env the environment
     * @param what what the password is for, for the message
     * @return the password: the file's text without one final line break, else the environment variable's value
     *         (which may be empty: cosign keys may have an empty password)
     * @throws CliException exit 2 when neither is given or the file cannot be read as UTF-8
     */
    static char[] read(Path file, Map<String, String> env, String what) {
        if (file != null) {
            return fromFile(file);
        }
        String value = env.get(ENV);
        if (value == null) {
            throw CliException.usage("usage.password_missing", what + " needs a password: give it in a file with "
                    + "--password-file <file> or in the environment variable " + ENV
                    + " (never on the command line)", null);
        }
        return value.toCharArray();
    }

    private static char[] fromFile(Path file) {
        byte[] bytes = CliFiles.read(file, "password");
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            if (end > 0 && chars.get(end - 1) == '\n') {
                end--;
                if (end > 0 && chars.get(end - 1) == '\r') {
                    end--;
                }
            }
            char[] password = Arrays.copyOf(chars.array(), end);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (CharacterCodingException e) {
            throw CliException.usage("usage.bad_password_file", "the password file " + file + " is not UTF-8 text",
                    e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Overwrites a password once it is no longer needed. */
    static void clear(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
