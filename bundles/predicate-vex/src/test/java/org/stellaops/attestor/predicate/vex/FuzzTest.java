package org.stellaops.attestor.predicate.vex;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stellaops.attestor.testing.predicate.ResultContract;
import org.stellaops.attestor.testing.predicate.TestStatements;

/**
 * Truncated and mutated predicate trees, from fixed seeds (a failure names its seed, so it can be replayed): whatever
 * the tree, the handler answers Valid (with facts that obey the contract) or Invalid (with errors located in the
 * predicate), and never throws.
 */
class FuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] NAMES = {"@id", "@context", "status", "justification", "impact_statement",
        "action_statement", "products", "hashes", "sha-256", "bom-ref", "ref", "analysis", "state", "affects",
        "vulnerabilities", "components", "specVersion", "timestamp", "x"};

    @ParameterizedTest(name = "{0}, {1} cases")
    @CsvSource({Samples.SPRING + ", 200", Samples.INHERITED + ", 200", Samples.PRODUCT + ", 200",
        Samples.INDEPENDENT + ", 200", Samples.APPLICATION + ", 30", Samples.DISTRO + ", 20"})
    void answersValidOrInvalidForEveryMutatedTree(String sample, int cases) {
        for (int seed = 0; seed < cases; seed++) {
            TestStatements statement = Samples.load(sample);
            Random random = new Random(sample.hashCode() * 1_000_003L + seed);
            ObjectNode predicate = (ObjectNode) statement.document().get("predicate");
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                mutate(predicate, random);
            }
            check(statement, sample + " seed " + seed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({Samples.SPRING, Samples.PRODUCT, Samples.INDEPENDENT, Samples.APPLICATION})
    void answersValidOrInvalidForTheTreeCutAtEveryDepth(String sample) {
        for (int depth = 0; depth < 9; depth++) {
            TestStatements statement = Samples.load(sample);
            prune(statement.document().get("predicate"), depth);
            check(statement, sample + " cut at depth " + depth);
        }
    }

    private static void check(TestStatements statement, String label) {
        ResultContract.validate(Handlers.ERROR, statement.statement(), "vex", label + " on " + excerpt(statement));
    }

    private static String excerpt(TestStatements statement) {
        String json = statement.document().toString();
        return json.length() > 2_000 ? json.substring(0, 2_000) + "…" : json;
    }

    /** One random edit of one random node: removal, truncation, replacement, duplication or a change of shape. */
    private static void mutate(ObjectNode predicate, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(predicate, containers);
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        if (parent.isEmpty()) {
            setRandomChild(parent, random);
            return;
        }
        int operation = random.nextInt(6);
        if (parent instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (operation) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, truncated(object.get(name), random));
                case 2 -> object.set(NAMES[random.nextInt(NAMES.length)], randomValue(random, 0));
                default -> object.set(name, randomValue(random, 0));
            }
        } else {
            ArrayNode array = (ArrayNode) parent;
            int index = random.nextInt(array.size());
            switch (operation) {
                case 0 -> array.remove(index);
                case 1 -> array.set(index, truncated(array.get(index), random));
                case 2 -> array.add(array.get(index).deepCopy());
                case 3 -> {
                    while (array.size() > index) {
                        array.remove(array.size() - 1);
                    }
                }
                default -> array.set(index, randomValue(random, 0));
            }
        }
    }

    private static void setRandomChild(JsonNode parent, Random random) {
        if (parent instanceof ObjectNode object) {
            object.set(NAMES[random.nextInt(NAMES.length)], randomValue(random, 0));
        } else {
            ((ArrayNode) parent).add(randomValue(random, 0));
        }
    }

    /** A string cut short, an array or object with its tail removed, an object turned into the array of its values. */
    private static JsonNode truncated(JsonNode node, Random random) {
        if (node.isTextual()) {
            String text = node.asText();
            return NODES.textNode(text.substring(0, random.nextInt(text.length() + 1)));
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            int keep = random.nextInt(node.size() + 1);
            for (int i = 0; i < keep; i++) {
                copy.add(node.get(i).deepCopy());
            }
            return copy;
        }
        if (node.isObject()) {
            if (random.nextBoolean()) {
                ArrayNode values = NODES.arrayNode();
                node.elements().forEachRemaining(value -> values.add(value.deepCopy()));
                return values;
            }
            ObjectNode copy = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            int keep = random.nextInt(node.size() + 1);
            for (int i = 0; i < keep && fields.hasNext(); i++) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), field.getValue().deepCopy());
            }
            return copy;
        }
        return NODES.nullNode();
    }

    private static JsonNode randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 12 : 15)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(BigInteger.valueOf(random.nextLong()));
            case 3: return NODES.numberNode(BigInteger.TWO.pow(100 + random.nextInt(100)).negate());
            case 4: return NODES.numberNode(new BigDecimal("1e308").multiply(BigDecimal.valueOf(random.nextInt(3))));
            case 5: return NODES.textNode("");
            case 6: return NODES.textNode(" \t\u0000\ud83d\ude00\u202e");
            case 7: return NODES.textNode(pick(random, "not_affected", "affected", "exploitable", "fixed",
                    "under_investigation", "in_triage", "code_not_present", "component_not_present", "1.4", "1.6",
                    "https://openvex.dev/ns/v0.2.0", "https://openvex.dev/ns/v0.0.1", "CVE-2021-44228"));
            case 8: return NODES.textNode(pick(random, "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/2#payments-service",
                    "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#%zz%", "urn:cdx:", "pkg:maven/a/b@1",
                    "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", "2024-02-30T25:61:61Z", "2024-01-01T00:00:00Z",
                    "product-ABC", "SHA-256", "sha-256"));
            case 9: return NODES.textNode("x".repeat(1 + random.nextInt(20_000)));
            case 10: return NODES.textNode("%e2%82%ac%" + "ab".repeat(random.nextInt(40)) + "%f0%9f");
            case 11: return NODES.numberNode(random.nextInt(5) - 1);
            case 12: {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(randomValue(random, depth + 1));
                }
                return array;
            }
            case 13: {
                ObjectNode object = NODES.objectNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    object.set(NAMES[random.nextInt(NAMES.length)], randomValue(random, depth + 1));
                }
                return object;
            }
            default: {
                JsonNode nested = NODES.textNode("deep");
                for (int i = 0; i < 40; i++) {
                    nested = random.nextBoolean() ? NODES.arrayNode().add(nested) : NODES.objectNode().set("x", nested);
                }
                return nested;
            }
        }
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.elements().forEachRemaining(child -> collect(child, containers));
        }
    }

    /** Removes everything below {@code depth}. */
    private static void prune(JsonNode node, int depth) {
        if (!node.isContainerNode()) {
            return;
        }
        if (depth == 0) {
            if (node instanceof ObjectNode object) {
                object.removeAll();
            } else {
                ((ArrayNode) node).removeAll();
            }
            return;
        }
        node.elements().forEachRemaining(child -> prune(child, depth - 1));
    }
}
