package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.predicate.support.DigestClaim;
import org.stellaops.attestor.predicate.support.FactsBuilder;
import org.stellaops.attestor.predicate.support.HashNames;
import org.stellaops.attestor.predicate.support.Json;
import org.stellaops.attestor.predicate.support.Pointers;

/**
 * Reads the facts and the product digests of an OpenVEX predicate. Tolerates a predicate the schema rejected (the
 * digests are needed either way; the facts are used only for a valid one).
 */
final class OpenVexReader {

    /** Fact: the document {@code author}. */
    static final String AUTHOR = "vex.author";
    /** Fact: the document {@code version}. */
    static final String DOCUMENT_VERSION = "vex.documentVersion";
    /** Fact: ids of the statements' product subcomponents. */
    static final String SUBCOMPONENTS = "vex.subcomponents";

    private static final String[] IDENTIFIER_KEYS = {"purl", "cpe23", "cpe22"};

    private final Statement statement;
    private final FactsBuilder facts = new FactsBuilder();
    private final List<DigestClaim> claims = new ArrayList<>();
    private final List<VexStatement> statements = new ArrayList<>();
    private int productCount;

    private OpenVexReader(Statement statement) {
        this.statement = statement;
    }

    /**
     * @param predicate an OpenVEX predicate
     * @param statement the in-toto statement (its subjects are the products of statements that name none)
     * @return the facts and digests
     */
    static Reading read(JsonNode predicate, Statement statement) {
        OpenVexReader reader = new OpenVexReader(statement);
        if (predicate.isObject()) {
            reader.readDocument(predicate);
        }
        VexFacts.addStatements(reader.facts, reader.statements);
        return new Reading(reader.facts.build(), reader.claims);
    }

    private void readDocument(JsonNode predicate) {
        facts.put(VexFacts.FORMAT, "openvex")
                .put(VexFacts.SPEC_VERSION, specVersion(Json.nonBlank(predicate, "@context")))
                .put(VexFacts.DOCUMENT_ID, Json.nonBlank(predicate, "@id"))
                .put(AUTHOR, Json.nonBlank(predicate, "author"))
                .put(VexFacts.TIMESTAMP, Json.nonBlank(predicate, "timestamp"));
        JsonNode version = predicate.path("version");
        if (version.isIntegralNumber() && version.canConvertToLong()) {
            facts.put(DOCUMENT_VERSION, version.longValue());
        }
        int count = 0;
        for (JsonNode element : Json.elements(predicate.get("statements"))) {
            if (element.isObject()) {
                readStatement(element, "/predicate/statements/" + count);
            }
            count++;
        }
        facts.put(VexFacts.STATEMENT_COUNT, count);
    }

    private static String specVersion(String context) {
        if (context == null || !OpenVexRules.CONTEXT.matcher(context).matches()) {
            return null;
        }
        int version = context.indexOf("/v0.");
        // the unversioned context is what the spec prescribed at its v0.2.0 tag
        return version < 0 ? "0.2.0" : context.substring(version + 2);
    }

    private void readStatement(JsonNode element, String pointer) {
        JsonNode vulnerability = Json.object(element, "vulnerability");
        String name = vulnerability == null ? null : Json.nonBlank(vulnerability, "name");
        if (vulnerability != null) {
            Json.elements(vulnerability.get("aliases")).forEach(alias -> facts.add(VexFacts.ALIASES, textOf(alias)));
        }
        facts.add(VexFacts.JUSTIFICATIONS, Json.nonBlank(element, "justification"));
        List<String> products = new ArrayList<>();
        int index = 0;
        for (JsonNode product : Json.elements(element.get("products"))) {
            String productPointer = pointer + "/products/" + index++;
            if (product.isObject()) {
                readProduct(product, productPointer, products);
            }
        }
        if (products.isEmpty()) {
            products.addAll(VexFacts.inheritedProducts(statement));
        }
        String status = Json.nonBlank(element, "status");
        if (name != null) {
            VexStatus.ofOpenVex(status).ifPresent(s -> statements.add(new VexStatement(name, products, s)));
        }
    }

    private void readProduct(JsonNode product, String pointer, List<String> products) {
        List<String> ids = identifiers(product);
        ids.forEach(id -> facts.add(VexFacts.PRODUCTS, id));
        if (!ids.isEmpty()) {
            products.add(ids.get(0));
        }
        int group = productCount++;
        String label = ids.isEmpty() ? "the product at " + pointer : ids.get(0);
        JsonNode hashes = Json.object(product, "hashes");
        if (hashes != null) {
            hashes.properties().forEach(hash -> {
                String algorithm = HashNames.fromOpenVex(hash.getKey());
                if (algorithm != null && hash.getValue().isTextual()) {
                    claims.add(new DigestClaim(Pointers.append(pointer + "/hashes", hash.getKey()), algorithm,
                            hash.getValue().asText(), group, label));
                }
            });
        }
        for (JsonNode subcomponent : Json.elements(product.get("subcomponents"))) {
            if (subcomponent.isObject()) {
                identifiers(subcomponent).forEach(id -> facts.add(SUBCOMPONENTS, id));
            }
        }
    }

    /** @return the component's {@code @id}, then its purl, cpe23 and cpe22 identifiers, each when present */
    private static List<String> identifiers(JsonNode component) {
        List<String> ids = new ArrayList<>();
        addIfText(ids, Json.nonBlank(component, "@id"));
        JsonNode identifiers = Json.object(component, "identifiers");
        if (identifiers != null) {
            for (String key : IDENTIFIER_KEYS) {
                addIfText(ids, Json.nonBlank(identifiers, key));
            }
        }
        return ids;
    }

    private static void addIfText(List<String> ids, String id) {
        if (id != null && !ids.contains(id)) {
            ids.add(id);
        }
    }

    private static String textOf(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
