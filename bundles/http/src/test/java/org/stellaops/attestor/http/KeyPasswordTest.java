package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.TrustedKey;

/**
 * A key password goes to the key service as characters, is cleared once the call is over, and is never part of an
 * answer or an audit event — whether the call succeeds, is refused, or its body does not even parse.
 */
class KeyPasswordTest {

    private static final String WRONG = "Tr0ub4dor&3-not-it";
    private static final String KEY = "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\\nAAAA\\n"
            + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\\n";

    private ApiHarness api;
    private final List<ApiHarness.Answer> answers = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        api = new ApiHarness();
    }

    @AfterEach
    void stopServer() throws Exception {
        api.close();
    }

    private ApiHarness.Answer post(String token, String path, String json) {
        ApiHarness.Answer answer = api.sendAs(token, "POST", path, json);
        answers.add(answer);
        return answer;
    }

    private String importBody(String password, boolean shared) {
        return "{\"name\":\"imported\",\"driver\":\"file\",\"format\":\"cosign\",\"key\":\"" + KEY + "\","
                + "\"password\":\"" + password + "\"" + (shared ? ",\"shared\":true" : "") + "}";
    }

    private void assertNowhere(String password) {
        for (ApiHarness.Answer answer : answers) {
            assertFalse(answer.body().contains(password), answer::body);
            answer.headers().map().values().forEach(values -> assertFalse(values.toString().contains(password)));
        }
        assertFalse(api.core.securityEvents.toString().contains(password), api.core.securityEvents::toString);
        assertFalse(api.keys.provenances.toString().contains(password));
    }

    private void assertCleared() {
        assertFalse(api.keys.passwords.isEmpty());
        for (char[] handedOver : api.keys.passwords) {
            assertTrue(new String(handedOver).chars().allMatch(c -> c == 0), "a password was left in memory");
        }
    }

    @Test
    void handsTheImportPasswordOverAndClearsItAfterwards() {
        assertEquals(201, post(TokenTable.ALL, "/api/v1/keys/import", importBody(RecordingKeys.IMPORT_PASSWORD, false))
                .status());
        assertEquals(List.of(RecordingKeys.IMPORT_PASSWORD), api.keys.passwordsSeen);
        assertCleared();
        assertNowhere(RecordingKeys.IMPORT_PASSWORD);
    }

    @Test
    void clearsAndWithholdsAPasswordTheDriverRefuses() {
        ApiHarness.Answer refused = post(TokenTable.ALL, "/api/v1/keys/import", importBody(WRONG, false));
        KeyTests.assertProblem(refused, 400, "key.invalid_input");
        assertCleared();
        assertNowhere(WRONG);
    }

    @Test
    void withholdsThePasswordOfABodyThatDoesNotParse() {
        ApiHarness.Answer malformed = post(TokenTable.ALL, "/api/v1/keys/import",
                "{\"name\":\"imported\",\"password\":" + WRONG + "}");
        KeyTests.assertProblem(malformed, 400, "json.malformed");
        ApiHarness.Answer duplicated = post(TokenTable.ALL, "/api/v1/keys/import",
                "{\"name\":\"imported\",\"password\":\"" + WRONG + "\",\"password\":\"" + WRONG + "\"}");
        KeyTests.assertProblem(duplicated, 400, "json.duplicate_member");
        assertTrue(api.keys.passwords.isEmpty());
        assertNowhere(WRONG);
    }

    @Test
    void withholdsThePasswordOfARefusedSharedImport() {
        KeyTests.assertProblem(post(TokenTable.ALL, "/api/v1/keys/import", importBody(WRONG, true)), 403,
                "auth.operator_only");
        assertNowhere(WRONG);
    }

    @Test
    void refusesAPasswordThatIsNotAStringWithoutQuotingIt() {
        ApiHarness.Answer answer = post(TokenTable.ALL, "/api/v1/keys/import", "{\"name\":\"imported\","
                + "\"driver\":\"file\",\"format\":\"cosign\",\"key\":\"k\",\"password\":[\"" + WRONG + "\"]}");
        KeyTests.assertProblem(answer, 400, "request.malformed");
        assertNowhere(WRONG);
    }

    @Test
    void handsTheExportPasswordOverClearsItAndNeverEchoesIt() {
        TrustedKey key = api.keys.seed(TokenTable.TENANT, "release", false);
        ApiHarness.Answer exported = post(TokenTable.ALL, "/api/v1/keys/release/versions/" + key.keyId()
                + "/export", "{\"format\":\"cosign\",\"password\":\"" + WRONG + "\"}");
        assertEquals(200, exported.status(), exported::body);
        assertEquals(List.of(WRONG), api.keys.passwordsSeen);
        assertCleared();
        assertNowhere(WRONG);
    }
}
