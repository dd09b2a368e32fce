package org.stellaops.attestor.sdk.crypto;

import java.util.Base64;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/** One PEM block (RFC 7468, strict form without headers). */
record Pem(String label, byte[] der) {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    static Pem decode(String text) {
        if (text == null) {
            throw malformed("no PEM text");
        }
        String[] lines = text.strip().replace("\r\n", "\n").split("\n", -1);
        if (lines.length < 2 || !lines[0].startsWith(BEGIN) || !lines[0].endsWith(DASHES)) {
            throw malformed("missing PEM BEGIN line");
        }
        String label = lines[0].substring(BEGIN.length(), lines[0].length() - DASHES.length());
        String last = lines[lines.length - 1];
        if (!last.equals(END + label + DASHES)) {
            throw malformed("PEM END line does not match " + label);
        }
        StringBuilder body = new StringBuilder();
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i].strip();
            if (line.contains(":") || line.startsWith(DASHES)) {
                throw malformed("PEM headers and multiple blocks are not supported");
            }
            body.append(line);
        }
        try {
            byte[] der = Base64.getDecoder().decode(body.toString());
            if (der.length == 0) {
                throw malformed("empty PEM body");
            }
            return new Pem(label, der);
        } catch (IllegalArgumentException e) {
            throw new AttestorException(ErrorCodes.KEY_MALFORMED, "PEM body is not base64", e);
        }
    }

    static String encode(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder sb = new StringBuilder(BEGIN).append(label).append(DASHES).append('\n');
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return sb.append(END).append(label).append(DASHES).append('\n').toString();
    }

    static AttestorException malformed(String message) {
        return new AttestorException(ErrorCodes.KEY_MALFORMED, message);
    }

    /** RFC 8410 id-Ed25519. */
    static final org.bouncycastle.asn1.ASN1ObjectIdentifier ID_ED25519 =
            new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.101.112");

    /**
     * The JCA key-factory name for a key algorithm OID, shared by public and private key parsing.
     *
     * @param oid the algorithm OID of a SubjectPublicKeyInfo or PrivateKeyInfo
     * @param what "public" or "private", for the error message
     * @return {@code EC}, {@code Ed25519} or {@code RSA}
     * @throws AttestorException {@code key.unsupported_algorithm} for anything else
     */
    static String keyFactoryFor(org.bouncycastle.asn1.ASN1ObjectIdentifier oid, String what) {
        if (org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            return "EC";
        }
        if (ID_ED25519.equals(oid)) {
            return "Ed25519";
        }
        if (org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            return "RSA";
        }
        throw new AttestorException(org.stellaops.attestor.sdk.ErrorCodes.KEY_UNSUPPORTED_ALGORITHM,
                "unsupported " + what + " key algorithm " + oid);
    }
}
