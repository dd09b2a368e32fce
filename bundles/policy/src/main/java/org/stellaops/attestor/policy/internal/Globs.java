package org.stellaops.attestor.policy.internal;

/**
 * Glob matching where {@code *} matches any run of characters (including none and including {@code /}) and every
 * other character matches itself. Linear-time in practice (the classic two-pointer algorithm with one backtrack
 * point), so a hostile pattern cannot make matching blow up.
 */
final class Globs {

    private Globs() {
    }

    /**
     * @param glob the pattern
     * @param text the text
     * @return whether the whole text matches
     */
    static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) != '*' && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = t;
            } else if (star >= 0) {
                g = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /**
     * @param globs patterns
     * @param text the text
     * @return whether any pattern matches
     */
    static boolean any(Iterable<String> globs, String text) {
        for (String glob : globs) {
            if (matches(glob, text)) {
                return true;
            }
        }
        return false;
    }
}
