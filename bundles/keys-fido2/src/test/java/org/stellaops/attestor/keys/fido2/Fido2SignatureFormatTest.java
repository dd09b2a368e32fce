package org.stellaops.attestor.keys.fido2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;

class Fido2SignatureFormatTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static Fido2Signature sample() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(RANDOM);
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        SoftwareAuthenticator.Assertion assertion = authenticator.assertion(SigningChallenge.derive(nonce,
                Fido2TestBed.MESSAGE), Fido2TestBed.RP_ID, SoftwareAuthenticator.Gesture.at(Fido2TestBed.ORIGIN));
        return new Fido2Signature(Bytes.of(assertion.authenticatorData()), Bytes.of(assertion.clientDataJson()),
                Bytes.of(authenticator.credentialId()), Bytes.of(nonce), Bytes.of(assertion.signature()));
    }

    private static String text(Fido2Signature signature) {
        return new String(signature.encode(), StandardCharsets.UTF_8);
    }

    private static void assertRefused(String encoded, String reasonPart) {
        Fido2Signature.MalformedSignatureException e = assertThrows(Fido2Signature.MalformedSignatureException.class,
                () -> Fido2Signature.parse(encoded.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    }

    @Test
    void encodesSixSortedMembersWithoutWhitespaceInUnpaddedBase64Url() {
        Fido2Signature signature = sample();

        String json = text(signature);

        assertTrue(json.matches("\\{\"authenticatorData\":\"[A-Za-z0-9_-]+\",\"clientDataJSON\":\"[A-Za-z0-9_-]+\","
                + "\"credentialId\":\"[A-Za-z0-9_-]+\",\"format\":\"stellaops-fido2-v1\",\"nonce\":\"[A-Za-z0-9_-]{43}\","
                + "\"signature\":\"[A-Za-z0-9_-]+\"}"), json);
    }

    @Test
    void parsesItsOwnEncodingBackToTheSameValue() throws Exception {
        Fido2Signature signature = sample();

        Fido2Signature parsed = Fido2Signature.parse(signature.encode());

        assertEquals(signature, parsed);
        assertArrayEquals(signature.encode(), parsed.encode());
    }

    @Test
    void refusesWhitespace() {
        assertRefused(text(sample()).replace(",", ", "), "canonical");
    }

    @Test
    void refusesMembersInAnotherOrder() {
        String json = text(sample());
        int format = json.indexOf(",\"format\"");
        int nonce = json.indexOf(",\"nonce\"");
        String reordered = json.substring(0, format) + json.substring(nonce, json.length() - 1)
                + json.substring(format, nonce) + "}";

        assertRefused(reordered, "canonical");
    }

    @Test
    void refusesAnUnknownMember() {
        assertRefused(text(sample()).replace("{", "{\"extra\":\"x\","), "members must be exactly");
    }

    @Test
    void refusesAMissingMember() {
        assertRefused(text(sample()).replaceAll(",\"nonce\":\"[^\"]*\"", ""), "members must be exactly");
    }

    @Test
    void refusesADuplicateMember() {
        String json = text(sample());
        assertRefused(json.replace("{", "{\"format\":\"stellaops-fido2-v1\","), "not JSON");
    }

    @Test
    void refusesAnotherFormat() {
        assertRefused(text(sample()).replace("stellaops-fido2-v1", "stellaops-fido2-v2"), "unknown format");
    }

    @Test
    void refusesAMemberThatIsNotAString() {
        assertRefused(text(sample()).replaceAll("\"nonce\":\"[^\"]*\"", "\"nonce\":7"), "not a string");
    }

    @Test
    void refusesPaddedOrStandardBase64() {
        Fido2Signature s = sample();
        String credentialId = SoftwareAuthenticator.b64(s.credentialId().value());

        assertRefused(text(s).replace(credentialId, credentialId + "="), "base64url");
        assertRefused(text(s).replace(credentialId, "+/" + credentialId.substring(2)), "base64url");
    }

    @Test
    void refusesBase64UrlWithNonZeroUnusedBits() {
        Fido2Signature s = sample();
        String nonce = SoftwareAuthenticator.b64(s.nonce().value());
        // 32 bytes end in a character carrying 2 unused bits; 'B' sets one of them where 'A' would not
        char last = nonce.charAt(nonce.length() - 1);
        String altered = nonce.substring(0, nonce.length() - 1)
                + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(
                ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last) ^ 1));

        assertRefused(text(s).replace(nonce, altered), "base64url");
    }

    @Test
    void refusesANonceOfTheWrongLength() {
        Fido2Signature s = sample();

        assertRefused(text(s).replace(SoftwareAuthenticator.b64(s.nonce().value()),
                SoftwareAuthenticator.b64(new byte[31])), "nonce");
    }

    @Test
    void refusesAnEcdsaSignatureThatIsNotStrictDer() {
        Fido2Signature s = sample();
        byte[] der = s.signature().value();
        byte[] longForm = new byte[der.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(der, 1, longForm, 2, der.length - 1);

        assertRefused(text(s).replace(SoftwareAuthenticator.b64(der), SoftwareAuthenticator.b64(longForm)),
                "DER");
    }

    @Test
    void refusesAnEncodingLargerThanTheLimit() {
        String padded = text(sample()).replace("{", "{" + " ".repeat(Fido2Signature.MAX_LENGTH));

        assertRefused(padded, "longer than");
    }

    @Test
    void refusesTrailingContent() {
        assertRefused(text(sample()) + "{}", "trailing");
    }
}
