package org.stellaops.attestor.predicate.vex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CycloneDX BOM-Link ({@code urn:cdx:<serial>/<version>[#<bom-ref>]}), which names a BOM, or an element in a BOM,
 * by the BOM's serial number and version.
 *
 * @param serial the BOM serial number's UUID, lowercase
 * @param version the BOM version
 * @param bomRef the percent-decoded bom-ref of the element, or null when the link names the whole BOM
 */
record BomLink(String serial, String version, String bomRef) {

    static final String PREFIX = "urn:cdx:";

    private static final Pattern LINK = Pattern.compile(
            "urn:cdx:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/([1-9][0-9]*)"
                    + "(?:#(.+))?");
    private static final Pattern SERIAL = Pattern.compile(
            "urn:uuid:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    /** @return the link, or null when {@code text} is not a BOM-Link */
    static BomLink parse(String text) {
        Matcher matcher = LINK.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        String fragment = matcher.group(3);
        return new BomLink(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2),
                fragment == null ? null : percentDecode(fragment));
    }

    /**
     * @param serialNumber the BOM's {@code serialNumber} ({@code urn:uuid:…}), or null
     * @param bomVersion the BOM's {@code version}
     * @return whether this link points into that BOM
     */
    boolean pointsInto(String serialNumber, long bomVersion) {
        if (serialNumber == null) {
            return false;
        }
        Matcher matcher = SERIAL.matcher(serialNumber);
        return matcher.matches() && matcher.group(1).toLowerCase(Locale.ROOT).equals(serial)
                && version.equals(Long.toString(bomVersion));
    }

    /** Decodes {@code %XX} escapes as UTF-8 (RFC 3986); a malformed escape stays as it is. */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    raw = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(raw, 0, raw.length);
                i++;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }
}
