package org.stellaops.attestor.predicate.scan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns values of a free-form scanner report into fact values: bounded, single-line strings, so that a report cannot
 * put arbitrary text into the searchable facts.
 */
final class ReportValues {

    /** The longest vulnerability id taken from a report. */
    static final int MAX_ID_LENGTH = 128;
    /** The longest purl taken from a report. */
    static final int MAX_PURL_LENGTH = 2048;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_/-]*");
    private static final Pattern LEADING_ID = Pattern.compile(
            "^(CVE-[0-9]{4}-[0-9]{4,19}|GHSA(-[23456789cfghjmpqrvwx]{4}){3})");
    private static final Pattern PURL = Pattern.compile("pkg:[A-Za-z.+-][A-Za-z0-9.+-]*/\\S+");

    private ReportValues() {
    }

    /**
     * @param node a report member that should hold a vulnerability id
     * @return the id when it is a string of letters, digits and {@code . : _ / -} of at most {@link #MAX_ID_LENGTH}
     *         characters
     */
    static Optional<String> id(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        String text = node.asText();
        return text.length() <= MAX_ID_LENGTH && ID.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }

    /**
     * Reads the vulnerability id of a SARIF rule id, which some scanners suffix with the package
     * ({@code CVE-2022-43680-expat}).
     *
     * @param node a SARIF {@code ruleId}
     * @return the CVE or GHSA id it starts with, else the whole rule id if it is a usable id
     */
    static Optional<String> leadingId(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        Matcher matcher = LEADING_ID.matcher(node.asText());
        return matcher.find() ? Optional.of(matcher.group(1)) : id(node);
    }

    /**
     * @param node a report member that should hold a package URL
     * @return the purl when it looks like one and is at most {@link #MAX_PURL_LENGTH} characters, else null
     */
    static String purl(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String text = node.asText();
        return text.length() <= MAX_PURL_LENGTH && PURL.matcher(text).matches() ? text : null;
    }

    /**
     * @param node a report member
     * @return its text when it is a non-empty string of at most {@link #MAX_ID_LENGTH} characters on one line
     */
    static Optional<String> label(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        String text = node.asText().strip();
        boolean usable = !text.isEmpty() && text.length() <= MAX_ID_LENGTH && text.chars().noneMatch(Character::isISOControl);
        return usable ? Optional.of(text) : Optional.empty();
    }
}
