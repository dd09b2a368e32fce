package org.stellaops.attestor.keys.file;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PEM text for SubjectPublicKeyInfo ("PUBLIC KEY") blocks.
 */
final class Pem {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private Pem() {
    }

    static String publicKey(byte[] spki) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki);
        return BEGIN + "\n" + body + "\n" + END + "\n";
    }

    /**
     * @param pem one "PUBLIC KEY" block
     * @return the DER SubjectPublicKeyInfo
     * @throws IllegalArgumentException if the text is not one such block
     */
    static byte[] publicKeyDer(String pem) {
        String text = pem.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalArgumentException("not a PEM PUBLIC KEY block");
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
