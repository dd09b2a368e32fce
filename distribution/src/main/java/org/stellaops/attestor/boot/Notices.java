package org.stellaops.attestor.boot;

import java.util.List;

/**
 * The messages the launcher prints before the framework starts.
 */
final class Notices {

    private Notices() {
    }

    /**
     * @param url the listener URL
     * @return the warning printed to standard error at every start with TLS disabled
     */
    static String plainHttpWarning(String url) {
        return box('!', List.of(
                "WARNING: TLS IS DISABLED (-D" + ListenerOptions.TLS + "=false)",
                "",
                "The API listens on PLAIN HTTP at " + url,
                "API requests, bearer tokens and Web Console passwords cross the network",
                "in CLEAR TEXT and can be read or changed by anyone on the path.",
                "",
                "Use this for local development only. Remove -D" + ListenerOptions.TLS + "=false",
                "to serve HTTPS (the default)."));
    }

    /**
     * @param consoleUrl the Web Console URL
     * @param credentials the newly generated credentials
     * @return the message printed once to standard output when the console password was generated
     */
    static String consolePassword(String consoleUrl, ConsoleAdmin.Credentials credentials) {
        return box('#', List.of(
                "Felix Web Console: " + consoleUrl,
                "  user:     " + ConsoleAdmin.USER,
                "  password: " + credentials.newPassword(),
                "",
                "This password is shown ONCE. Only its hash is stored, in",
                "  " + credentials.file(),
                "Delete that file and restart to generate a new password."));
    }

    /**
     * @param frame the frame character
     * @param lines the lines
     * @return the lines in a frame wide enough for the longest one
     */
    static String box(char frame, List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String nl = System.lineSeparator();
        String edge = String.valueOf(frame).repeat(width + 4);
        StringBuilder text = new StringBuilder(nl).append(edge).append(nl);
        for (String line : lines) {
            text.append(frame).append(' ').append(line).append(" ".repeat(width - line.length())).append(' ')
                    .append(frame).append(nl);
        }
        return text.append(edge).append(nl).toString();
    }
}
