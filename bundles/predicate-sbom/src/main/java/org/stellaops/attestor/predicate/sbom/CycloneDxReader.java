package org.stellaops.attestor.predicate.sbom;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.stellaops.attestor.predicate.support.Trees;

/**
 * CycloneDX 1.4–1.6 JSON. The inventory is the {@code components} tree (nested {@code components} included); the
 * artifact the BOM describes is {@code metadata.component}.
 */
final class CycloneDxReader implements SbomReader {

    private static final String PREDICATE = SbomPredicateHandler.PREDICATE_POINTER;
    private static final String COMPONENTS = "components";
    private static final String SERVICES = "services";
    private static final String BOM_REF = "bom-ref";

    @Override
    public long size(JsonNode predicate) {
        return Trees.count(predicate.get(COMPONENTS), COMPONENTS);
    }

    @Override
    public ValidationError tooLarge(long size, int max) {
        return new ValidationError(Pointers.append(PREDICATE, COMPONENTS), "the BOM has " + size + " components "
                + "(nested ones included), more than the " + max + " this service accepts in one SBOM "
                + "(configuration maxComponents): split the BOM, or ask the operator to raise the limit");
    }

    @Override
    public List<ValidationError> rules(JsonNode predicate) {
        // CycloneDX: "every bom-ref must be unique within the BOM"; dependencies and compositions refer to them.
        UniqueIds ids = new UniqueIds(BOM_REF, "every bom-ref must be unique within the BOM, or dependencies cannot "
                + "tell the elements apart");
        JsonNode metadata = predicate.path("metadata");
        String root = Pointers.append(Pointers.append(PREDICATE, "metadata"), "component");
        ids.check(metadata.get("component"), root);
        Trees.walk(metadata.path("component").get(COMPONENTS), Pointers.append(root, COMPONENTS), COMPONENTS,
                ids::check);
        Trees.walk(predicate.get(COMPONENTS), Pointers.append(PREDICATE, COMPONENTS), COMPONENTS, ids::check);
        Trees.walk(predicate.get(SERVICES), Pointers.append(PREDICATE, SERVICES), SERVICES, ids::check);
        return ids.errors();
    }

    @Override
    public Map<String, Object> facts(JsonNode predicate, SbomSchema schema) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(SbomFacts.FORMAT, SbomFormat.CYCLONEDX.label());
        facts.put(SbomFacts.SPEC_VERSION, schema.version());
        Set<String> purls = new HashSet<>();
        Licenses licenses = new Licenses();
        long[] components = {0};
        Trees.walk(predicate.get(COMPONENTS), "", COMPONENTS, (component, pointer) -> {
            components[0]++;
            addPurl(component, purls);
            if (!addLicenses(component.get("licenses"), licenses)) {
                licenses.addComponentWithoutLicense();
            }
        });
        addPurl(predicate.path("metadata").path("component"), purls);
        facts.put(SbomFacts.COMPONENTS, components[0]);
        FactLists.put(facts, SbomFacts.PURLS, purls);
        licenses.putFacts(facts);
        String serialNumber = Json.nonBlank(predicate.get("serialNumber"));
        if (serialNumber != null) {
            facts.put(SbomFacts.SERIAL_NUMBER, serialNumber);
        }
        return facts;
    }

    private static void addPurl(JsonNode component, Set<String> purls) {
        String purl = Json.nonBlank(component.get("purl"));
        if (purl != null) {
            purls.add(purl);
        }
    }

    /** @return whether the licence choice names at least one licence */
    private static boolean addLicenses(JsonNode choices, Licenses licenses) {
        boolean named = false;
        for (JsonNode choice : Json.elements(choices)) {
            JsonNode license = choice.path("license");
            String id = Json.nonBlank(license.get("id"));
            String name = Json.nonBlank(license.get("name"));
            String expression = Json.nonBlank(choice.get("expression"));
            if (id != null) {
                licenses.addId(id);
                named = true;
            } else if (name != null) {
                licenses.addName(name);
                named = true;
            }
            if (expression != null) {
                named |= licenses.addExpression(expression);
            }
        }
        return named;
    }

    @Override
    public List<DigestClaim> described(JsonNode predicate) {
        JsonNode root = predicate.path("metadata").path("component");
        String hashesPointer = Pointers.append(Pointers.append(Pointers.append(PREDICATE, "metadata"), "component"),
                "hashes");
        String name = Json.text(root.get("name"));
        String label = name == null ? "the root component (metadata.component)" : "the root component '" + name + "'";
        List<DigestClaim> claims = new ArrayList<>();
        List<JsonNode> hashes = Json.elements(root.get("hashes"));
        for (int i = 0; i < hashes.size(); i++) {
            String algorithm = HashNames.fromCycloneDx(Json.text(hashes.get(i).get("alg")));
            String content = Json.text(hashes.get(i).get("content"));
            if (algorithm != null && content != null) {
                claims.add(new DigestClaim(Pointers.append(Pointers.append(hashesPointer, i), "content"), algorithm,
                        content, 0, label));
            }
        }
        return claims;
    }
}
