package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.ValidationError;

class ProblemsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "request.too_large,413", "request.batch_too_large,413", "request.invalid,400", "request.unsupported_media_type,415", "request.method_not_allowed,405",
            "request.not_found,404", "entry.not_found,404", "trust.key_not_found,404",
            "trust.key_already_revoked,409", "json.malformed,400", "json.duplicate_member,400",
            "envelope.bad_base64,400", "statement.no_subjects,400", "key.malformed,400",
            "signature.untrusted_signer,422", "signature.revoked_signer,422", "signature.invalid,422",
            "predicate.unknown_type,422", "predicate.invalid,422", "tlog.unavailable,503", "tlog.bad_proof,502",
            "storage.failure,503", "storage.corrupt,500", "storage.unsupported,501",
            "predicate.not_found,404", "predicate.schema_not_found,404", "internal.error,500", "key.driver_unavailable,503",
            "key.driver_timeout,503", "key.driver_failure,503", "key.not_found,404", "key.name_conflict,409",
            "key.already_revoked,409", "key.not_active,409", "key.invalid_input,400", "key.unsupported_algorithm,400",
            "key.unsupported_operation,400", "signature.retired_signer,422", "signature.signer_not_yet_valid,422"})
    void mapsEachCodeFamilyToItsStatus(String code, int status) {
        assertEquals(status, Problems.status(code));
    }

    @Test
    void anUnwrappedKeyDriverFailureKeepsItsCode() {
        assertEquals("key.driver_timeout", Problems.codeOf(new org.stellaops.attestor.api.keys.KeyDriverException(
                "key.driver_timeout", "no answer")));
    }

    @Test
    void problemBodyCarriesTypeStatusCodeAndInstance() {
        Map<String, Object> body = Problems.body("entry.not_found", "no such entry", "/api/v1/rekor/entries/x");
        assertEquals("https://stella-ops.org/problems/entry.not_found", body.get("type"));
        assertEquals(404, body.get("status"));
        assertEquals("entry.not_found", body.get("code"));
        assertEquals("Not Found", body.get("title"));
        assertEquals("/api/v1/rekor/entries/x", body.get("instance"));
    }

    @Test
    void validationErrorsAreListedWithTheirPointers() {
        Map<String, Object> body = Problems.withErrors(Problems.body("predicate.invalid", "bad", "/x"),
                List.of(new ValidationError("/predicate/buildDefinition", "is required")));
        assertEquals(List.of(Map.of("pointer", "/predicate/buildDefinition", "message", "is required")),
                body.get("errors"));
    }

    @Test
    void anItemProblemHasNoInstanceButTheCodeOfItsFailure() {
        Map<String, Object> problem = Problems.ofItem(new org.stellaops.attestor.cas.StorageException(
                "storage.failure", "disk full", null));
        assertEquals(503, problem.get("status"));
        assertEquals("storage.failure", problem.get("code"));
        assertEquals("disk full", problem.get("detail"));
        assertEquals(false, problem.containsKey("instance"));
    }
}
