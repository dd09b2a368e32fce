package org.stellaops.attestor.predicate.sbom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.DigestClaim;
import org.stellaops.attestor.predicate.support.FactLists;
import org.stellaops.attestor.predicate.support.HashNames;
import org.stellaops.attestor.predicate.support.Json;
import org.stellaops.attestor.predicate.support.Pointers;

/**
 * SPDX 2.2/2.3 JSON. The inventory is {@code packages} (and {@code files}); the artifacts the document describes are
 * the elements named by {@code documentDescribes} and by {@code DESCRIBES} / {@code DESCRIBED_BY} relationships with
 * the document itself.
 */
final class SpdxReader implements SbomReader {

    private static final String PREDICATE = SbomPredicateHandler.PREDICATE_POINTER;
    private static final String PACKAGES = "packages";
    private static final String FILES = "files";
    private static final String SPDXID = "SPDXID";

    /** A package or file that the document describes. */
    private record Element(JsonNode node, String pointer, String label) {
    }

    @Override
    public long size(JsonNode predicate) {
        return Json.elements(predicate.get(PACKAGES)).size() + (long) Json.elements(predicate.get(FILES)).size();
    }

    @Override
    public ValidationError tooLarge(long size, int max) {
        return new ValidationError(Pointers.append(PREDICATE, PACKAGES), "the document has " + size + " packages and "
                + "files, more than the " + max + " this service accepts in one SBOM (configuration maxComponents): "
                + "split the document, or ask the operator to raise the limit");
    }

    @Override
    public List<ValidationError> rules(JsonNode predicate) {
        // SPDX 2: an SPDX identifier is unique within its document; relationships refer to elements by it.
        UniqueIds ids = new UniqueIds(SPDXID, "an SPDX identifier must be unique within its document, or "
                + "relationships cannot tell the elements apart");
        ids.check(predicate, PREDICATE);
        for (String list : List.of(PACKAGES, FILES, "snippets")) {
            List<JsonNode> elements = Json.elements(predicate.get(list));
            for (int i = 0; i < elements.size(); i++) {
                ids.check(elements.get(i), Pointers.append(Pointers.append(PREDICATE, list), i));
            }
        }
        return ids.errors();
    }

    @Override
    public Map<String, Object> facts(JsonNode predicate, SbomSchema schema) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(SbomFacts.FORMAT, SbomFormat.SPDX.label());
        facts.put(SbomFacts.SPEC_VERSION, schema.version());
        List<JsonNode> packages = Json.elements(predicate.get(PACKAGES));
        Set<String> purls = new HashSet<>();
        Licenses licenses = new Licenses();
        for (JsonNode pkg : packages) {
            for (JsonNode ref : Json.elements(pkg.get("externalRefs"))) {
                String locator = Json.nonBlank(ref.get("referenceLocator"));
                if ("purl".equals(Json.text(ref.get("referenceType"))) && locator != null) {
                    purls.add(locator);
                }
            }
            boolean named = addExpression(pkg.get("licenseConcluded"), licenses);
            named |= addExpression(pkg.get("licenseDeclared"), licenses);
            if (!named) {
                licenses.addComponentWithoutLicense();
            }
        }
        facts.put(SbomFacts.COMPONENTS, (long) packages.size());
        facts.put(SbomFacts.FILES, (long) Json.elements(predicate.get(FILES)).size());
        FactLists.put(facts, SbomFacts.PURLS, purls);
        licenses.putFacts(facts);
        facts.put(SbomFacts.DOCUMENT_NAMESPACE, predicate.path("documentNamespace").asText());
        return facts;
    }

    private static boolean addExpression(JsonNode value, Licenses licenses) {
        String expression = Json.nonBlank(value);
        return expression != null && licenses.addExpression(expression);
    }

    @Override
    public List<DigestClaim> described(JsonNode predicate) {
        Map<String, Element> elements = elementsById(predicate);
        List<DigestClaim> claims = new ArrayList<>();
        int artifact = 0;
        for (String id : describedIds(predicate)) {
            Element element = elements.get(id);
            if (element == null) {
                continue;
            }
            List<JsonNode> checksums = Json.elements(element.node().get("checksums"));
            for (int i = 0; i < checksums.size(); i++) {
                String algorithm = HashNames.fromSpdx(Json.text(checksums.get(i).get("algorithm")));
                String value = Json.text(checksums.get(i).get("checksumValue"));
                if (algorithm != null && value != null) {
                    String pointer = Pointers.append(Pointers.append(Pointers.append(element.pointer(), "checksums"), i),
                            "checksumValue");
                    claims.add(new DigestClaim(pointer, algorithm, value, artifact, element.label()));
                }
            }
            artifact++;
        }
        return claims;
    }

    private static Map<String, Element> elementsById(JsonNode predicate) {
        Map<String, Element> byId = new HashMap<>();
        for (String list : List.of(PACKAGES, FILES)) {
            List<JsonNode> elements = Json.elements(predicate.get(list));
            for (int i = 0; i < elements.size(); i++) {
                JsonNode element = elements.get(i);
                String id = Json.text(element.get(SPDXID));
                if (id != null) {
                    String kind = list.equals(PACKAGES) ? "package" : "file";
                    String name = Json.text(element.get(list.equals(PACKAGES) ? "name" : "fileName"));
                    String label = kind + " " + (name == null ? "" : "'" + name + "' ") + "(" + id + ")";
                    byId.putIfAbsent(id, new Element(element, Pointers.append(Pointers.append(PREDICATE, list), i),
                            label));
                }
            }
        }
        return byId;
    }

    private static Set<String> describedIds(JsonNode predicate) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode id : Json.elements(predicate.get("documentDescribes"))) {
            if (id.isTextual()) {
                ids.add(id.asText());
            }
        }
        String document = Json.text(predicate.get(SPDXID));
        if (document == null) {
            return ids;
        }
        for (JsonNode relationship : Json.elements(predicate.get("relationships"))) {
            String from = Json.text(relationship.get("spdxElementId"));
            String to = Json.text(relationship.get("relatedSpdxElement"));
            String type = Json.text(relationship.get("relationshipType"));
            if ("DESCRIBES".equals(type) && document.equals(from) && to != null) {
                ids.add(to);
            } else if ("DESCRIBED_BY".equals(type) && document.equals(to) && from != null) {
                ids.add(from);
            }
        }
        return ids;
    }
}
