package org.stellaops.attestor.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The subject alternative names of the server certificate, as a canonical set ({@code DNS:<lowercase name>} and
 * {@code IP:<address>} in the JDK's textual form), so the names a certificate holds and the names wanted compare
 * with {@link #equals}. IP literals are parsed without any name lookup.
 */
final class SubjectAltNames {

    /** The names every generated server certificate holds: the loopback names a local client uses. */
    static final List<String> DEFAULTS = List.of("localhost", "127.0.0.1", "::1");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern DNS = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final String DNS_PREFIX = "DNS:";
    private static final String IP_PREFIX = "IP:";
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final SortedSet<String> entries;

    private SubjectAltNames(SortedSet<String> entries) {
        this.entries = Collections.unmodifiableSortedSet(entries);
    }

    /**
     * @param extra the comma-separated value of {@code attestor.tls.san} (host names and IP literals), or null
     * @return {@link #DEFAULTS} plus the extra names
     * @throws TlsException {@link TlsException#BAD_CONFIGURATION} for an entry that is neither a host name nor an IP
     */
    static SubjectAltNames withDefaults(String extra) {
        SortedSet<String> set = new TreeSet<>();
        DEFAULTS.forEach(name -> set.add(canonical(name)));
        if (extra != null) {
            for (String item : extra.split(",")) {
                if (!item.isBlank()) {
                    set.add(canonical(item.trim()));
                }
            }
        }
        return new SubjectAltNames(set);
    }

    /**
     * @param certificate a certificate
     * @return its DNS and IP subject alternative names (other kinds are ignored)
     * @throws TlsException {@link TlsException#KEYSTORE_UNUSABLE} when the extension cannot be parsed
     */
    static SubjectAltNames of(X509Certificate certificate) {
        SortedSet<String> set = new TreeSet<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    if (type == SAN_DNS) {
                        set.add(DNS_PREFIX + ((String) name.get(1)).toLowerCase(Locale.ROOT));
                    } else if (type == SAN_IP) {
                        set.add(IP_PREFIX + parseIp((String) name.get(1)).getHostAddress());
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new TlsException(TlsException.KEYSTORE_UNUSABLE, "unreadable subject alternative names", e);
        }
        return new SubjectAltNames(set);
    }

    /** @return the names in canonical form, sorted */
    SortedSet<String> entries() {
        return entries;
    }

    /** @return the names as an X.509 GeneralNames value */
    GeneralNames toGeneralNames() {
        GeneralName[] names = entries.stream().map(SubjectAltNames::generalName).toArray(GeneralName[]::new);
        return new GeneralNames(names);
    }

    private static GeneralName generalName(String entry) {
        if (entry.startsWith(IP_PREFIX)) {
            byte[] address = parseIp(entry.substring(IP_PREFIX.length())).getAddress();
            return new GeneralName(GeneralName.iPAddress, new DEROctetString(address));
        }
        return new GeneralName(GeneralName.dNSName, entry.substring(DNS_PREFIX.length()));
    }

    private static String canonical(String name) {
        String text = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (IPV4.matcher(text).matches() || IPV6.matcher(text).matches()) {
            return IP_PREFIX + parseIp(text).getHostAddress();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() > 253 || !DNS.matcher(lower).matches()) {
            throw new TlsException(TlsException.BAD_CONFIGURATION,
                    "'" + name + "' is neither a DNS host name nor an IP address (attestor.tls.san)");
        }
        return DNS_PREFIX + lower;
    }

    private static InetAddress parseIp(String literal) {
        try {
            if (literal.indexOf(':') < 0) {
                return InetAddress.getByAddress(ipv4(literal));
            }
            // Brackets make the JDK treat the text as an IPv6 literal only, so a malformed one fails instead of
            // being looked up as a host name.
            return InetAddress.getByName("[" + literal + "]");
        } catch (UnknownHostException e) {
            throw new TlsException(TlsException.BAD_CONFIGURATION, "'" + literal + "' is not a valid IP address", e);
        }
    }

    private static byte[] ipv4(String literal) throws UnknownHostException {
        String[] parts = literal.split("\\.", -1);
        if (parts.length != 4 || !IPV4.matcher(literal).matches()) {
            throw new UnknownHostException("not a dotted IPv4 address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            // leading zeros are refused: some resolvers read them as octal
            if (parts[i].length() > 1 && parts[i].charAt(0) == '0' || Integer.parseInt(parts[i]) > 255) {
                throw new UnknownHostException("octet out of range or with leading zeros");
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectAltNames names && names.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return String.join(", ", entries);
    }
}
