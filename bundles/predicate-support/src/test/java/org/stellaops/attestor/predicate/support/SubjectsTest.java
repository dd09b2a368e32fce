package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;

class SubjectsTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(128);

    private final Statement statement = new Statement(Statement.TYPE_V1,
            List.of(new Subject("app.jar", List.of(new Digest("sha256", A))),
                    new Subject("app.tar", List.of(new Digest("sha512", B)))),
            "https://example.test/p", Map.of(), Bytes.of(new byte[0]));

    @Test
    void listsEverySubjectDigestByAlgorithm() {
        assertEquals(Set.of("sha256:" + A, "sha512:" + B), Subjects.digests(statement));
    }

    @Test
    void findsADigestWhateverTheCaseOfItsAlgorithmAndHex() {
        assertTrue(Subjects.has(statement, "SHA256", A.toUpperCase()));
        assertFalse(Subjects.has(statement, "sha512", A));
    }
}
