package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.List;

import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.predicate.support.FactsBuilder;

/** The facts every VEX format shares, and the products a statement inherits from the in-toto subjects. */
final class VexFacts {

    /** Fact: {@code openvex} or {@code cyclonedx}. */
    static final String FORMAT = "vex.format";
    /** Fact: the format version the document was validated as ({@code 0.2.0}, {@code 1.6}, …). */
    static final String SPEC_VERSION = "vex.specVersion";
    /** Fact: the document id (OpenVEX {@code @id}, CycloneDX {@code serialNumber}). */
    static final String DOCUMENT_ID = "vex.documentId";
    /** Fact: when the document was issued. */
    static final String TIMESTAMP = "vex.timestamp";
    /** Fact: number of statements (OpenVEX statements, CycloneDX vulnerabilities). */
    static final String STATEMENT_COUNT = "vex.statementCount";
    /** Fact: vulnerability ids. */
    static final String VULNERABILITIES = "vex.vulnerabilities";
    /** Fact: other names of the vulnerabilities. */
    static final String ALIASES = "vex.aliases";
    /** Fact: product ids. */
    static final String PRODUCTS = "vex.products";
    /** Fact: {@code vulnerability|product|status} per statement and product. */
    static final String STATEMENTS = "vex.statements";
    /** Fact: justification labels, as the format spells them. */
    static final String JUSTIFICATIONS = "vex.justifications";

    private VexFacts() {
    }

    /** Adds the shared facts of the statements. */
    static void addStatements(FactsBuilder facts, List<VexStatement> statements) {
        for (VexStatement statement : statements) {
            facts.add(VULNERABILITIES, statement.vulnerability());
            facts.add(statement.status().factName(), statement.vulnerability());
            statement.products().forEach(product -> facts.add(PRODUCTS, product));
            statement.triples().forEach(triple -> facts.add(STATEMENTS, triple));
        }
    }

    /**
     * The products of a statement that names none: following the VEX inheritance model (OpenVEX ATTESTING.md), the
     * attestation's subjects are the products.
     *
     * @return each subject's name, or its first digest when it has no name
     */
    static List<String> inheritedProducts(Statement statement) {
        List<String> products = new ArrayList<>();
        for (Subject subject : statement.subjects()) {
            if (!subject.name().isBlank()) {
                products.add(subject.name());
            } else if (!subject.digests().isEmpty()) {
                products.add(subject.digests().get(0).toString());
            }
        }
        return products;
    }
}
