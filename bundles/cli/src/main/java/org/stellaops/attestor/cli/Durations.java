package org.stellaops.attestor.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users type them: {@code 90s}, {@code 15m}, {@code 1h}, or ISO-8601 ({@code PT15M}).
 */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smh])");

    private Durations() {
    }

    /**
     * @param text the duration
     * @param option the option name, for the message
     * @return the duration
     * @throws CliException exit 2 ({@code usage.bad_duration}) for anything else
     */
    static Duration parse(String text, String option) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw CliException.usage("usage.bad_duration", option + " must be a duration such as 90s, 15m, 1h or PT15M, "
                    + "not '" + text + "'", e);
        }
    }
}
