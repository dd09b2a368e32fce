package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.predicate.support.DigestClaim;
import org.stellaops.attestor.predicate.support.FactsBuilder;
import org.stellaops.attestor.predicate.support.HashNames;
import org.stellaops.attestor.predicate.support.Json;

/**
 * Reads the facts and the described component's digests of a CycloneDX VEX. Tolerates a BOM the schema rejected.
 * Each vulnerability is one statement; its products are its {@code affects[].ref}s, each resolved to the purl of the
 * component it names when this BOM gives one, else kept as written (a bom-ref or a BOM-Link into another BOM).
 */
final class CycloneDxReader {

    /** Fact: the BOM {@code version}. */
    static final String DOCUMENT_VERSION = "vex.documentVersion";
    /** Fact: the {@code analysis.state} values as CycloneDX spells them. */
    static final String STATES = "vex.cyclonedx.states";
    /** Fact: the {@code analysis.response} values. */
    static final String RESPONSES = "vex.cyclonedx.responses";

    private final JsonNode bom;
    private final BomIndex index;
    private final Statement statement;
    private final FactsBuilder facts = new FactsBuilder();
    private final List<VexStatement> statements = new ArrayList<>();

    private CycloneDxReader(JsonNode bom, BomIndex index, Statement statement) {
        this.bom = bom;
        this.index = index;
        this.statement = statement;
    }

    /**
     * @param bom the BOM
     * @param specVersion the specVersion it was validated as
     * @param index its bom-refs
     * @param statement the in-toto statement (its subjects are the products of a vulnerability without affects)
     * @return the facts and the digests of {@code metadata.component}
     */
    static Reading read(JsonNode bom, String specVersion, BomIndex index, Statement statement) {
        CycloneDxReader reader = new CycloneDxReader(bom, index, statement);
        reader.facts.put(VexFacts.FORMAT, "cyclonedx").put(VexFacts.SPEC_VERSION, specVersion);
        if (bom.isObject()) {
            reader.readDocument();
        }
        VexFacts.addStatements(reader.facts, reader.statements);
        return new Reading(reader.facts.build(), claims(bom));
    }

    private void readDocument() {
        facts.put(VexFacts.DOCUMENT_ID, Json.nonBlank(bom, "serialNumber"))
                .put(DOCUMENT_VERSION, CycloneDxRules.bomVersion(bom));
        JsonNode metadata = Json.object(bom, "metadata");
        if (metadata != null) {
            facts.put(VexFacts.TIMESTAMP, Json.nonBlank(metadata, "timestamp"));
        }
        int count = 0;
        for (JsonNode vulnerability : Json.elements(bom.get("vulnerabilities"))) {
            if (vulnerability.isObject()) {
                readVulnerability(vulnerability);
            }
            count++;
        }
        facts.put(VexFacts.STATEMENT_COUNT, count);
    }

    private void readVulnerability(JsonNode vulnerability) {
        String id = Json.nonBlank(vulnerability, "id");
        for (JsonNode reference : Json.elements(vulnerability.get("references"))) {
            if (reference.isObject()) {
                facts.add(VexFacts.ALIASES, Json.nonBlank(reference, "id"));
            }
        }
        JsonNode analysis = Json.object(vulnerability, "analysis");
        String state = analysis == null ? null : Json.nonBlank(analysis, "state");
        if (analysis != null) {
            facts.add(STATES, state);
            facts.add(VexFacts.JUSTIFICATIONS, Json.nonBlank(analysis, "justification"));
            for (JsonNode response : Json.elements(analysis.get("response"))) {
                facts.add(RESPONSES, response.isTextual() ? response.asText() : null);
            }
        }
        List<String> products = new ArrayList<>();
        for (JsonNode affect : Json.elements(vulnerability.get("affects"))) {
            String ref = affect.isObject() ? Json.nonBlank(affect, "ref") : null;
            if (ref != null && !products.contains(resolve(ref))) {
                products.add(resolve(ref));
            }
        }
        if (products.isEmpty()) {
            products.addAll(VexFacts.inheritedProducts(statement));
        }
        if (id != null) {
            VexStatus.ofCycloneDx(state).ifPresent(status -> statements.add(new VexStatement(id, products, status)));
        }
    }

    private String resolve(String ref) {
        BomLink link = BomLink.parse(ref);
        String local = ref;
        if (link != null) {
            boolean here = link.bomRef() != null
                    && link.pointsInto(Json.nonBlank(bom, "serialNumber"), CycloneDxRules.bomVersion(bom));
            local = here ? link.bomRef() : null;
        }
        BomIndex.Element element = local == null ? null : index.find(local);
        return element != null && element.purl() != null ? element.purl() : ref;
    }

    /** @return the digests of {@code metadata.component}, the artifact the BOM describes */
    private static List<DigestClaim> claims(JsonNode bom) {
        JsonNode component = bom.path("metadata").path("component");
        if (!component.isObject()) {
            return List.of();
        }
        String label = Json.nonBlank(component, "purl") != null ? Json.nonBlank(component, "purl")
                : Json.nonBlank(component, "name") != null ? Json.nonBlank(component, "name") : "metadata.component";
        List<DigestClaim> claims = new ArrayList<>();
        int position = 0;
        for (JsonNode hash : Json.elements(component.get("hashes"))) {
            String pointer = "/predicate/metadata/component/hashes/" + position++ + "/content";
            String algorithm = hash.isObject() ? HashNames.fromCycloneDx(Json.nonBlank(hash, "alg")) : null;
            String content = hash.isObject() ? Json.nonBlank(hash, "content") : null;
            if (algorithm != null && content != null) {
                claims.add(new DigestClaim(pointer, algorithm, content, 0, label));
            }
        }
        return claims;
    }
}
