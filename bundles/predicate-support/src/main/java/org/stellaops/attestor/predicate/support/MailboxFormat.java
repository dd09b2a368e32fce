package org.stellaops.attestor.predicate.support;

import java.nio.charset.StandardCharsets;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;

/**
 * The {@code email} (RFC 5321 Mailbox) and {@code idn-email} (RFC 6531 Mailbox) formats, checked for syntax only. The
 * validator's own check also requires a top-level domain from the IANA list, which refuses the reserved and private
 * ones that RFC 6531 allows and build systems use ({@code @build.test}, {@code @corp.internal}, {@code @x.example}).
 * Here the domain is a host name of letters, digits and hyphens (any letter for {@code idn-email}), one label or
 * more, or an address literal; the local part is a dot-atom or a quoted string.
 */
final class MailboxFormat implements Format {

    private static final int MAX_LOCAL_OCTETS = 64;
    private static final int MAX_DOMAIN_OCTETS = 255;
    private static final int MAX_LABEL = 63;
    private static final int MAX_MAILBOX_OCTETS = 254;
    private static final String ATOM_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private final String name;
    private final boolean international;

    private MailboxFormat(String name, boolean international) {
        this.name = name;
        this.international = international;
    }

    /** @return the {@code email} format: ASCII only */
    static MailboxFormat email() {
        return new MailboxFormat("email", false);
    }

    /** @return the {@code idn-email} format: UTF-8 local parts and internationalized domain names allowed */
    static MailboxFormat idnEmail() {
        return new MailboxFormat("idn-email", true);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getMessageKey() {
        return "format." + name;
    }

    @Override
    public boolean matches(ExecutionContext executionContext, String value) {
        return isMailbox(value);
    }

    /** @return whether {@code value} is a mailbox of this format */
    boolean isMailbox(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || octets(value) > MAX_MAILBOX_OCTETS) {
            return false;
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        return octets(local) <= MAX_LOCAL_OCTETS && (isDotAtom(local) || isQuoted(local)) && isDomain(domain);
    }

    private boolean isDotAtom(String text) {
        if (text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return false;
        }
        return text.codePoints().allMatch(c -> c == '.' || isAtomCharacter(c));
    }

    private boolean isAtomCharacter(int c) {
        return c < 0x80 ? Character.isLetterOrDigit(c) || ATOM_SPECIALS.indexOf(c) >= 0
                : international && !Character.isISOControl(c) && !Character.isWhitespace(c);
    }

    private boolean isQuoted(String text) {
        if (text.length() < 2 || !text.startsWith("\"") || !text.endsWith("\"")) {
            return false;
        }
        String inner = text.substring(1, text.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                i++;
                if (i == inner.length() || inner.charAt(i) < 0x20 || inner.charAt(i) == 0x7f) {
                    return false;
                }
            } else if (c == '"' || c < 0x20 || c == 0x7f || c >= 0x80 && !international) {
                return false;
            }
        }
        return true;
    }

    private boolean isDomain(String domain) {
        if (domain.startsWith("[") && domain.endsWith("]")) {
            return isAddressLiteral(domain.substring(1, domain.length() - 1));
        }
        if (octets(domain) > MAX_DOMAIN_OCTETS || domain.endsWith(".")) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (!isLabel(label)) {
                return false;
            }
        }
        return true;
    }

    private boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        return label.codePoints().allMatch(c -> c == '-' || c < 0x80 && Character.isLetterOrDigit(c)
                || c >= 0x80 && international && Character.isLetterOrDigit(c));
    }

    private static boolean isAddressLiteral(String literal) {
        if (literal.regionMatches(true, 0, "IPv6:", 0, 5)) {
            String address = literal.substring(5);
            return address.matches("[0-9A-Fa-f:.]+") && address.contains(":");
        }
        String[] parts = literal.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static int octets(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
