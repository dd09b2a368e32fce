package org.stellaops.attestor.sdk.intoto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;

class StatementsTest {

    private static final String SHA256 = "a".repeat(64);
    private static final String SUBJECT = "[{\"name\":\"pkg:oci/app\",\"digest\":{\"sha256\":\"" + SHA256 + "\"}}]";

    private static Statement parse(String json) {
        return Statements.parse(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }

    private static String code(String json) {
        return assertThrows(AttestorException.class, () -> parse(json)).code();
    }

    private static String statement(String type, String subject, String predicateType, String predicate) {
        return "{\"_type\":" + type + ",\"subject\":" + subject + ",\"predicateType\":" + predicateType
                + (predicate == null ? "" : ",\"predicate\":" + predicate) + "}";
    }

    @Test
    void parsesAnInTotoV1Statement() {
        String json = statement("\"https://in-toto.io/Statement/v1\"", SUBJECT, "\"https://slsa.dev/provenance/v1\"",
                "{\"buildDefinition\":{\"buildType\":\"x\"}}");
        Statement s = parse(json);
        assertEquals(Statement.TYPE_V1, s.type());
        assertEquals("pkg:oci/app", s.subjects().get(0).name());
        assertEquals(List.of(new Digest("sha256", SHA256)), s.subjects().get(0).digests());
        assertEquals("https://slsa.dev/provenance/v1", s.predicateType());
        assertEquals(Map.of("buildType", "x"), s.predicate().get("buildDefinition"));
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), s.payload().value());
    }

    @Test
    void acceptsTheOlderV01Type() {
        Statement s = parse(statement("\"https://in-toto.io/Statement/v0.1\"", SUBJECT, "\"p\"", null));
        assertEquals(Statement.TYPE_V01, s.type());
        assertEquals(Map.of(), s.predicate());
    }

    @Test
    void predicateTreeIsPlainUnmodifiableJava() {
        Statement s = parse(statement("\"https://in-toto.io/Statement/v1\"", SUBJECT, "\"p\"",
                "{\"i\":12345678901234567890,\"d\":1.50,\"b\":true,\"n\":null,\"l\":[1,null,\"x\"],\"o\":{}}"));
        Map<String, Object> p = s.predicate();
        assertEquals(new BigInteger("12345678901234567890"), p.get("i"));
        assertEquals(new BigDecimal("1.50"), p.get("d"));
        assertEquals(Boolean.TRUE, p.get("b"));
        assertTrue(p.containsKey("n"));
        assertNull(p.get("n"));
        List<?> l = (List<?>) p.get("l");
        assertEquals(BigInteger.ONE, l.get(0));
        assertNull(l.get(1));
        assertThrows(UnsupportedOperationException.class, () -> p.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) p.get("l")).add(1));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) p.get("o")).put("k", 1));
        assertEquals(List.of("i", "d", "b", "n", "l", "o"), List.copyOf(p.keySet()));
    }

    @Test
    void keepsEveryDigestTheApiCanHoldAndValidatesTheRest() {
        String subject = "[{\"digest\":{\"sha512\":\"" + "b".repeat(128) + "\",\"gitCommit\":\"" + "c".repeat(40)
                + "\",\"sha3_256\":\"" + "d".repeat(64) + "\"}}]";
        Statement s = parse(statement("\"https://in-toto.io/Statement/v1\"", subject, "\"p\"", null));
        assertEquals(List.of(new Digest("sha512", "b".repeat(128)), new Digest("gitCommit", "c".repeat(40)),
                new Digest("sha3_256", "d".repeat(64))), s.subjects().get(0).digests());
        assertEquals("", s.subjects().get(0).name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"https://in-toto.io/Statement/v2\"|" + "SUBJECT|\"p\"|{}|statement.unknown_type",
        "null|SUBJECT|\"p\"|{}|statement.unknown_type",
        "1|SUBJECT|\"p\"|{}|statement.malformed",
        "\"https://in-toto.io/Statement/v1\"|{}|\"p\"|{}|statement.malformed",
        "\"https://in-toto.io/Statement/v1\"|[1]|\"p\"|{}|statement.malformed",
        "\"https://in-toto.io/Statement/v1\"|[{\"name\":1,\"digest\":{\"sha256\":\"00\"}}]|\"p\"|{}|statement.malformed",
        "\"https://in-toto.io/Statement/v1\"|SUBJECT|1|{}|statement.malformed",
        "\"https://in-toto.io/Statement/v1\"|SUBJECT|\"p\"|[]|statement.malformed",
        "\"https://in-toto.io/Statement/v1\"|SUBJECT|\"p\"|\"x\"|statement.malformed",
        "\"https://in-toto.io/Statement/v1\"|[]|\"p\"|{}|statement.no_subjects",
        "\"https://in-toto.io/Statement/v1\"|null|\"p\"|{}|statement.no_subjects",
        "\"https://in-toto.io/Statement/v1\"|[{\"name\":\"a\"}]|\"p\"|{}|statement.bad_subject_digest",
        "\"https://in-toto.io/Statement/v1\"|[{\"digest\":{}}]|\"p\"|{}|statement.bad_subject_digest",
        "\"https://in-toto.io/Statement/v1\"|[{\"digest\":[]}]|\"p\"|{}|statement.bad_subject_digest",
        "\"https://in-toto.io/Statement/v1\"|[{\"digest\":{\"sha256\":1}}]|\"p\"|{}|statement.bad_subject_digest",
        "\"https://in-toto.io/Statement/v1\"|[{\"digest\":{\"sha256\":\"ABC\"}}]|\"p\"|{}|statement.bad_subject_digest",
        "\"https://in-toto.io/Statement/v1\"|[{\"digest\":{\"sha256\":\"abcd\"}}]|\"p\"|{}|statement.bad_subject_digest",
        "\"https://in-toto.io/Statement/v1\"|[{\"digest\":{\"sha3_256\":\"abcd\"}}]|\"p\"|{}|statement.bad_subject_digest",
        "\"https://in-toto.io/Statement/v1\"|[{\"digest\":{\"gitCommit\":\"abcd\"}}]|\"p\"|{}|statement.bad_subject_digest",
        "\"https://in-toto.io/Statement/v1\"|[{\"digest\":{\"sha1\":\"\"}}]|\"p\"|{}|statement.bad_subject_digest",
        "\"https://in-toto.io/Statement/v1\"|SUBJECT|\"\"|{}|statement.missing_predicate_type",
        "\"https://in-toto.io/Statement/v1\"|SUBJECT|null|{}|statement.missing_predicate_type"})
    void rejectsStatementsWithTheContractCode(String type, String subject, String predicateType, String predicate,
                                               String expected) {
        String s = subject.equals("SUBJECT") ? SUBJECT : subject;
        assertEquals(expected, code(statement(type, s, predicateType, predicate)));
    }

    @Test
    void rejectsMissingMembers() {
        assertEquals("statement.unknown_type", code("{\"subject\":" + SUBJECT + ",\"predicateType\":\"p\"}"));
        assertEquals("statement.no_subjects",
                code("{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"p\"}"));
        assertEquals("statement.missing_predicate_type",
                code("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":" + SUBJECT + "}"));
    }

    @Test
    void rejectsNonObjectStatementsAndPassesJsonCodesThrough() {
        assertEquals("statement.malformed", code("[]"));
        assertEquals("json.malformed", code("{"));
        assertEquals("json.duplicate_member", code(statement("\"https://in-toto.io/Statement/v1\"", SUBJECT, "\"p\"",
                "{\"a\":{\"b\":1,\"b\":2}}")));
        assertEquals("json.too_deep", assertThrows(AttestorException.class, () -> Statements.parse(
                statement("\"https://in-toto.io/Statement/v1\"", SUBJECT, "\"p\"", "{\"a\":[[[]]]}")
                        .getBytes(StandardCharsets.UTF_8), new JsonLimits(1 << 20, 4))).code());
    }
}
