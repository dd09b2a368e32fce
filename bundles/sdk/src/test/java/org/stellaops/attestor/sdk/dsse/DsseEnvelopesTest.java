package org.stellaops.attestor.sdk.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.json.JsonLimits;

class DsseEnvelopesTest {

    private static final String PAYLOAD_B64 = "aGVsbG8gd29ybGQ="; // "hello world"

    private static ParsedEnvelope parse(String json) {
        return DsseEnvelopes.parse(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }

    private static String code(String json) {
        return assertThrows(AttestorException.class, () -> parse(json)).code();
    }

    private static String env(String payload, String type, String signatures) {
        return "{\"payload\":" + payload + ",\"payloadType\":" + type + ",\"signatures\":" + signatures + "}";
    }

    @Test
    void parsesEnvelopeWithAndWithoutKeyid() {
        ParsedEnvelope p = parse(env("\"" + PAYLOAD_B64 + "\"", "\"text/plain\"",
                "[{\"keyid\":\"k1\",\"sig\":\"AQID\"},{\"sig\":\"BAU=\"}]"));
        Envelope e = p.envelope();
        assertEquals("text/plain", e.payloadType());
        assertEquals("hello world", new String(e.payload().value(), StandardCharsets.UTF_8));
        assertEquals("k1", e.signatures().get(0).keyId());
        assertEquals("", e.signatures().get(1).keyId());
        assertArrayEquals(new byte[] {4, 5}, e.signatures().get(1).sig().value());
    }

    @Test
    void acceptsUrlSafeAndUnpaddedBase64() {
        Envelope e = parse(env("\"aGVsbG8gd29ybGQ\"", "\"t\"", "[{\"sig\":\"-_-_\"}]")).envelope();
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff, (byte) 0xbf}, e.signatures().get(0).sig().value());
    }

    @Test
    void treatsNullKeyidAsAbsentAndIgnoresUnknownMembers() {
        Envelope e = parse("{\"extra\":{\"x\":[1]},\"payload\":\"" + PAYLOAD_B64 + "\",\"payloadType\":\"t\","
                + "\"signatures\":[{\"keyid\":null,\"sig\":\"AQID\",\"cert\":\"x\"}]}").envelope();
        assertEquals("", e.signatures().get(0).keyId());
    }

    @Test
    void digestIsSha256OfTheCanonicalFormSoLayoutDoesNotMatter() {
        ParsedEnvelope a = parse(env("\"" + PAYLOAD_B64 + "\"", "\"t\"", "[{\"sig\":\"AQID\"}]"));
        ParsedEnvelope b = parse(" { \"signatures\" : [ { \"sig\" : \"AQID\" } ] ,\n \"payloadType\":\"t\", "
                + "\"payload\":\"" + PAYLOAD_B64 + "\"}");
        assertEquals(a.envelopeDigestHex(), b.envelopeDigestHex());
        assertArrayEquals(a.canonicalJson(), b.canonicalJson());
        assertEquals(HexFormat.of().formatHex(Hashing.sha256(a.canonicalJson())), a.envelopeDigestHex());
        assertEquals("{\"payload\":\"" + PAYLOAD_B64 + "\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\"}]}",
                new String(a.canonicalJson(), StandardCharsets.UTF_8));
    }

    @Test
    void digestCoversTheSenderEncodingOfBase64() {
        ParsedEnvelope std = parse(env("\"" + PAYLOAD_B64 + "\"", "\"t\"", "[{\"sig\":\"AQID\"}]"));
        ParsedEnvelope unpadded = parse(env("\"aGVsbG8gd29ybGQ\"", "\"t\"", "[{\"sig\":\"AQID\"}]"));
        assertEquals(std.envelope(), unpadded.envelope());
        assertTrue(!std.envelopeDigestHex().equals(unpadded.envelopeDigestHex()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|envelope.malformed",
        "\"x\"|envelope.malformed",
        "{\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\"}]}|envelope.malformed",
        "{\"payload\":1,\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\"}]}|envelope.malformed",
        "{\"payload\":\"AQID\",\"payloadType\":1,\"signatures\":[{\"sig\":\"AQID\"}]}|envelope.malformed",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":{}}|envelope.malformed",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[\"AQID\"]}|envelope.malformed",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":1}]}|envelope.malformed",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[{\"keyid\":5,\"sig\":\"AQID\"}]}|envelope.malformed",
        "{\"payload\":\"AQID\",\"signatures\":[{\"sig\":\"AQID\"}]}|envelope.missing_payload_type",
        "{\"payload\":\"AQID\",\"payloadType\":\"\",\"signatures\":[{\"sig\":\"AQID\"}]}|envelope.missing_payload_type",
        "{\"payload\":\"AQID\",\"payloadType\":null,\"signatures\":[{\"sig\":\"AQID\"}]}|envelope.missing_payload_type",
        "{\"payload\":\"AQ*D\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\"}]}|envelope.bad_base64",
        "{\"payload\":\"+/-_\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\"}]}|envelope.bad_base64",
        "{\"payload\":\"Zg=\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\"}]}|envelope.bad_base64",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQ ID\"}]}|envelope.bad_base64",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"Zh==\"}]}|envelope.bad_base64",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\"}|envelope.no_signatures",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[]}|envelope.no_signatures",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"\"}]}|envelope.empty_signature",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[{\"keyid\":\"k\"}]}|envelope.empty_signature",
        "{\"payload\":\"AQID\",\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\"}]}|json.duplicate_member",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\",\"sig\":\"AQID\"}]}|json.duplicate_member",
        "{\"payload\":\"AQID\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\"}]} x|json.malformed"})
    void rejectsEnvelopesWithTheContractCode(String json, String expected) {
        assertEquals(expected, code(json));
    }

    @Test
    void rejectsMoreThanSixteenSignatures() {
        String sixteen = "[" + "{\"sig\":\"AQID\"},".repeat(15) + "{\"sig\":\"AQID\"}]";
        assertEquals(16, parse(env("\"AQID\"", "\"t\"", sixteen)).envelope().signatures().size());
        String seventeen = "[" + "{\"sig\":\"AQID\"},".repeat(16) + "{\"sig\":\"AQID\"}]";
        assertEquals("envelope.too_many_signatures", code(env("\"AQID\"", "\"t\"", seventeen)));
    }

    @Test
    void appliesDepthAndSizeLimits() {
        byte[] deep = env("\"AQID\"", "\"t\"", "[{\"sig\":\"AQID\",\"x\":[[[1]]]}]").getBytes(StandardCharsets.UTF_8);
        assertEquals("json.too_deep", assertThrows(AttestorException.class,
                () -> DsseEnvelopes.parse(deep, new JsonLimits(1 << 20, 4))).code());
        assertEquals("request.too_large", assertThrows(AttestorException.class,
                () -> DsseEnvelopes.parse(deep, new JsonLimits(deep.length - 1, 64))).code());
    }

    @Test
    void toJsonOmitsEmptyKeyidAndParsesBack() {
        Envelope signed = DsseEnvelopes.sign("application/vnd.in-toto+json", "{}".getBytes(StandardCharsets.UTF_8),
                TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, null);
        Envelope two = DsseEnvelopes.addSignature(signed, TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, "ed");
        String json = new String(DsseEnvelopes.toJson(two), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\","
                + "\"signatures\":[{\"sig\":\""), json);
        assertTrue(json.contains("{\"keyid\":\"ed\",\"sig\":\""), json);
        ParsedEnvelope back = DsseEnvelopes.parse(DsseEnvelopes.toJson(two), JsonLimits.DEFAULT);
        assertEquals(two, back.envelope());
        assertArrayEquals(DsseEnvelopes.toJson(two), back.canonicalJson());
    }

    @Test
    void addSignatureAppendsAndKeepsEarlierSignatures() {
        Envelope one = DsseEnvelopes.sign("t", new byte[] {1}, TestKeys.P256.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, "a");
        Envelope two = DsseEnvelopes.addSignature(one, TestKeys.P384.getPrivate(), KeyAlgorithm.ECDSA_P384_SHA384, "b");
        assertEquals(2, two.signatures().size());
        assertEquals(one.signatures().get(0), two.signatures().get(0));
        assertEquals("b", two.signatures().get(1).keyId());
    }

    @Test
    void addSignatureRefusesTheSeventeenth() {
        Envelope env = DsseEnvelopes.sign("t", new byte[] {1}, TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, "");
        for (int i = 1; i < DsseEnvelopes.MAX_SIGNATURES; i++) {
            env = DsseEnvelopes.addSignature(env, TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, "k" + i);
        }
        Envelope full = env;
        assertEquals("envelope.too_many_signatures", assertThrows(AttestorException.class,
                () -> DsseEnvelopes.addSignature(full, TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, "")).code());
    }

    @Test
    void signRefusesAnEmptyPayloadType() {
        assertEquals("envelope.missing_payload_type", assertThrows(AttestorException.class,
                () -> DsseEnvelopes.sign("", new byte[] {1}, TestKeys.ED25519.getPrivate(), KeyAlgorithm.ED25519, ""))
                .code());
    }
}
