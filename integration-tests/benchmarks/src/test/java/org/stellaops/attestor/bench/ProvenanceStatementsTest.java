package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.sdk.intoto.Statements;
import org.stellaops.attestor.sdk.json.JsonLimits;

class ProvenanceStatementsTest {

    @Test
    void statementsAreSlsaV1ProvenanceOfAboutTwoKilobytes() {
        byte[] json = new ProvenanceStatements("run1", 2048).statement(7);
        assertTrue(json.length >= 2048 && json.length < 2400, json.length + " bytes");
        Statement s = Statements.parse(json, JsonLimits.DEFAULT);
        assertEquals(ProvenanceStatements.STATEMENT_V1, s.type());
        assertEquals(ProvenanceStatements.SLSA_V1, s.predicateType());
        assertEquals(1, s.subjects().size());
    }

    @Test
    void everySequenceNumberAndEveryRunHasItsOwnSubject() {
        ProvenanceStatements run1 = new ProvenanceStatements("run1", 2048);
        ProvenanceStatements run2 = new ProvenanceStatements("run2", 2048);
        Statement a = Statements.parse(run1.statement(1), JsonLimits.DEFAULT);
        Statement b = Statements.parse(run1.statement(2), JsonLimits.DEFAULT);
        Statement c = Statements.parse(run2.statement(1), JsonLimits.DEFAULT);
        assertNotEquals(a.subjects().get(0), b.subjects().get(0));
        assertNotEquals(a.subjects().get(0), c.subjects().get(0));
        assertNotEquals(a.subjects().get(0).digests(), c.subjects().get(0).digests());
    }
}
