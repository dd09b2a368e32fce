package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.ResultContract;
import org.stellaops.attestor.testing.predicate.TestStatements;

/**
 * Feeds truncated and mutated predicate trees (deterministic seeds) to the handler: every input must give Valid or
 * Invalid, never an exception, with well-formed errors, and the facts of every Valid result must obey the contract.
 */
class FuzzTest {

    private static final int SEEDS = 30;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<Supplier<TestStatements>> SAMPLES = List.of(
            () -> TestStatements.load("/sbom/cyclonedx-1.4.json"),
            () -> TestStatements.load("/sbom/cyclonedx-1.5.json"),
            () -> TestStatements.load("/sbom/cyclonedx-1.6.json"),
            () -> TestStatements.load("/sbom/spdx-2.2.json"),
            () -> TestStatements.load("/sbom/spdx-2.3.json"),
            () -> LargeSboms.cycloneDx("1.6", 40),
            () -> LargeSboms.spdx("SPDX-2.2", 30, 5));

    /** One place in a tree: the container and the member name or index of the node there. */
    private record Location(JsonNode parent, String member, int index, int depth) {
    }

    @Test
    void survivesDroppedMembersAndElements() {
        fuzz(1_000, (predicate, random) -> {
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                pick(predicate, random).ifPresent(FuzzTest::drop);
            }
        });
    }

    @Test
    void survivesValuesOfTheWrongType() {
        fuzz(2_000, (predicate, random) -> {
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                pick(predicate, random).ifPresent(location -> replace(location, garbage(random)));
            }
        });
    }

    @Test
    void survivesInsertedGarbageMembersAndElements() {
        fuzz(3_000, (predicate, random) -> {
            List<JsonNode> containers = new ArrayList<>(List.of(predicate));
            locations(predicate).stream().map(FuzzTest::node).filter(JsonNode::isContainerNode)
                    .forEach(containers::add);
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                JsonNode container = containers.get(random.nextInt(containers.size()));
                if (container instanceof ObjectNode object) {
                    object.set(random.nextBoolean() ? "x-garbage/" + random.nextInt(9) : "~" , garbage(random));
                } else {
                    ((ArrayNode) container).insert(random.nextInt(container.size() + 1), garbage(random));
                }
            }
        });
    }

    @Test
    void survivesTreesTruncatedAtEveryDepth() {
        fuzz(4_000, (predicate, random) -> {
            int depth = 1 + random.nextInt(6);
            for (Location location : locations(predicate)) {
                if (location.depth() == depth && node(location).isContainerNode()) {
                    replace(location, random.nextBoolean() ? NODES.objectNode() : NODES.arrayNode());
                }
            }
        });
    }

    @Test
    void survivesArraysCutShortAndDuplicated() {
        fuzz(5_000, (predicate, random) -> {
            List<Location> arrays = locations(predicate).stream().filter(l -> node(l).isArray()).toList();
            for (int i = 1 + random.nextInt(3); i > 0 && !arrays.isEmpty(); i--) {
                ArrayNode array = (ArrayNode) node(arrays.get(random.nextInt(arrays.size())));
                if (array.size() > 0 && random.nextBoolean()) {
                    array.add(array.get(random.nextInt(array.size())).deepCopy());
                } else {
                    while (array.size() > random.nextInt(2)) {
                        array.remove(array.size() - 1);
                    }
                }
            }
        });
    }

    @Test
    void survivesPredicatesThatAreNoJsonTreeAtAll() {
        Map<String, Object> notJson = new HashMap<>();
        notJson.put("bomFormat", "CycloneDX");
        notJson.put("specVersion", "1.6");
        notJson.put("components", List.of(new Object()));
        assertWellFormed(Handlers.ERROR.validate(statement("https://cyclonedx.org/bom", notJson)));

        Map<String, Object> numbers = new HashMap<>();
        numbers.put("spdxVersion", "SPDX-2.3");
        numbers.put("packages", List.of(new BigDecimal("1e999999"), new BigInteger("9".repeat(400)), Double.NaN));
        assertWellFormed(Handlers.ERROR.validate(statement("https://spdx.dev/Document", numbers)));

    }

    @Test
    void refusesATreeNestedDeeperThanTheBoundAndSaysWhere() {
        Object deep = List.of();
        for (int i = 0; i < 5_000; i++) {
            deep = List.of(deep);
        }
        PredicateResult result = Handlers.ERROR.validate(statement("https://cyclonedx.org/bom/v1.5",
                Map.of("bomFormat", "CycloneDX", "specVersion", "1.5", "components", deep)));

        Errors.assertOnly(result, "/predicate/components" + "/0".repeat(TreeDepth.MAX - 1),
                "is nested deeper than 256 levels");
    }

    @Test
    void validatesComponentsNestedRightUpToTheBound() {
        // Each nested component costs two levels (the object and its components array).
        Map<String, Object> innermost = Map.of("type", "library", "name", "leaf");
        Map<String, Object> component = innermost;
        for (int i = 0; i < (TreeDepth.MAX - 2) / 2 - 1; i++) {
            component = Map.of("type", "library", "name", "level-" + i, "components", List.of(component));
        }
        PredicateResult result = Handlers.ERROR.validate(statement("https://cyclonedx.org/bom/v1.6",
                Map.of("bomFormat", "CycloneDX", "specVersion", "1.6", "components", List.of(component))));

        assertWellFormed(result);
        assertEquals((long) (TreeDepth.MAX - 2) / 2, assertInstanceOf(PredicateResult.Valid.class, result,
                () -> "result: " + result).facts().get("sbom.components"));
    }

    @Test
    void survivesAnEmptyPredicateUnderEveryType() {
        for (SbomPredicateType type : SbomPredicateType.values()) {
            assertWellFormed(Handlers.ERROR.validate(statement(type.uri(), Map.of())));
        }
    }

    private static void fuzz(long salt, BiConsumer<ObjectNode, Random> mutation) {
        int valid = 0;
        for (int sample = 0; sample < SAMPLES.size(); sample++) {
            for (int seed = 0; seed < SEEDS; seed++) {
                Random random = new Random(salt + sample * 1_000L + seed);
                TestStatements statement = SAMPLES.get(sample).get();
                JsonNode predicate = statement.document().get("predicate");
                mutation.accept((ObjectNode) predicate, random);
                Statement mutated = statement.statement();
                valid += ResultContract.validate(Handlers.WARNING, mutated, "sbom", "sample " + sample + " seed " + seed
                        + " " + predicate) ? 1 : 0;
            }
        }
        assertTrue(valid < SAMPLES.size() * SEEDS, "no mutation made any sample invalid: the mutation did nothing");
    }

    private static void assertWellFormed(PredicateResult result) {
        ResultContract.assertWellFormed(result, "sbom", "result");
    }

    private static Statement statement(String type, Map<String, Object> predicate) {
        return new Statement(Statement.TYPE_V1, List.of(new Subject("x", List.of(new Digest("sha256",
                LargeSboms.sha256("x"))))), type, predicate, Bytes.of(new byte[] {'{', '}'}));
    }

    private static JsonNode garbage(Random random) {
        switch (random.nextInt(12)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(random.nextInt(2_000_001) - 1_000_000);
            case 3: return NODES.numberNode(new BigDecimal("-1.5e308"));
            case 4: return NODES.numberNode(new BigInteger("1" + "0".repeat(60)));
            case 5: return NODES.textNode("");
            case 6: return NODES.textNode("\u0000\uffff\ud83d\ude00 <garbage> \\ \" ");
            case 7: return NODES.textNode("\ud800 lone surrogate");
            case 8: return NODES.textNode("x".repeat(5_000));
            case 9: return NODES.arrayNode().add(1).add("x").addNull().add(NODES.objectNode());
            case 10: return NODES.objectNode().put("$ref", "#/definitions/component").put("bom-ref", "dup");
            default: return NODES.objectNode().set("nested", NODES.arrayNode().add(NODES.arrayNode()));
        }
    }

    private static java.util.Optional<Location> pick(JsonNode root, Random random) {
        List<Location> all = locations(root);
        return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(random.nextInt(all.size())));
    }

    private static List<Location> locations(JsonNode root) {
        List<Location> all = new ArrayList<>();
        collect(root, 1, all);
        return all;
    }

    private static void collect(JsonNode node, int depth, List<Location> all) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                all.add(new Location(object, name, -1, depth));
                collect(object.get(name), depth + 1, all);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                all.add(new Location(array, null, i, depth));
                collect(array.get(i), depth + 1, all);
            }
        }
    }

    private static JsonNode node(Location location) {
        return location.member() != null ? location.parent().get(location.member())
                : location.parent().get(location.index());
    }

    private static void drop(Location location) {
        if (location.member() != null) {
            ((ObjectNode) location.parent()).remove(location.member());
        } else if (location.index() < location.parent().size()) {
            ((ArrayNode) location.parent()).remove(location.index());
        }
    }

    private static void replace(Location location, JsonNode value) {
        if (location.member() != null) {
            ((ObjectNode) location.parent()).set(location.member(), value);
        } else if (location.index() < location.parent().size()) {
            ((ArrayNode) location.parent()).set(location.index(), value);
        }
    }
}
