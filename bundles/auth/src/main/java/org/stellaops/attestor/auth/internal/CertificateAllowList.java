package org.stellaops.attestor.auth.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which valid client certificates may authenticate: regular expressions matched against the whole subject DN
 * (RFC 2253) and against the DNS, URI and e-mail subject alternative names. An empty list admits everything; when
 * both lists are set, a certificate must satisfy both.
 */
final class CertificateAllowList {

    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private final List<Pattern> subjects;
    private final List<Pattern> sans;

    /**
     * @param subjects subject DN patterns
     * @param sans SAN patterns
     * @throws java.util.regex.PatternSyntaxException for an invalid pattern
     */
    CertificateAllowList(List<String> subjects, List<String> sans) {
        this.subjects = subjects.stream().map(Pattern::compile).toList();
        this.sans = sans.stream().map(Pattern::compile).toList();
    }

    boolean admits(X509Certificate leaf, String subjectDn) {
        if (!subjects.isEmpty() && subjects.stream().noneMatch(p -> p.matcher(subjectDn).matches())) {
            return false;
        }
        if (sans.isEmpty()) {
            return true;
        }
        List<String> names = names(leaf);
        return names.stream().anyMatch(n -> sans.stream().anyMatch(p -> p.matcher(n).matches()));
    }

    private static List<String> names(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        Collection<List<?>> all;
        try {
            all = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw AuthFailure.credentials(AuthCodes.CLIENT_CERTIFICATE_INVALID,
                    "the client certificate's subject alternative names cannot be read");
        }
        if (all != null) {
            for (List<?> entry : all) {
                Object type = entry.get(0);
                Object value = entry.get(1);
                boolean wanted = type instanceof Integer t && (t == SAN_EMAIL || t == SAN_DNS || t == SAN_URI);
                if (wanted && value instanceof String s) {
                    names.add(s);
                }
            }
        }
        return names;
    }
}
