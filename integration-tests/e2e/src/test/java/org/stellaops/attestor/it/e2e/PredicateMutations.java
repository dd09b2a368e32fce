package org.stellaops.attestor.it.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Deterministic (seeded) mutations of one format's valid statement, each classified: {@link Expect#INVALID} when
 * the mutation breaks a documented rule by construction (then the expected code, and for predicate errors the
 * pointer the answer must name, are known), {@link Expect#ANY} when the outcome depends on rules the test does not
 * model (then any 2xx or 4xx is acceptable, never a 5xx).
 */
final class PredicateMutations {

    /** Components of the CycloneDX SBOM that is mutated (the large one is tested in {@link PredicateHandlersIT}). */
    static final int BOM_COMPONENTS = 40;
    /** Size of a huge string: well inside the 4 MiB request limit even as base64 inside an envelope. */
    static final int HUGE = 1 << 20;
    /** Nesting beyond the core's {@code maxJsonDepth} (64) once inside the statement and its predicate. */
    static final int TOO_DEEP = 70;
    /** Nesting well inside the depth limit. */
    static final int DEEP_BUT_ALLOWED = 24;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String GARBAGE_ALPHABET = "abcXYZ019 _-.:/@#%&*+=?!<>{}[]|\\'\"\t~éß漢字𝄞";

    /** How a mutation must be answered. */
    enum Expect { INVALID, ANY }

    /**
     * One mutated statement.
     *
     * @param label what was done, for failure messages
     * @param payload the statement bytes to sign
     * @param expect the classification
     * @param code the expected problem code of an {@link Expect#INVALID} mutation
     * @param pointer a pointer the {@code errors} must contain, or null
     */
    record Mutation(String label, byte[] payload, Expect expect, String code, String pointer) {
    }

    private final PredicateFormat format;
    private final Random random;
    private final List<Mutation> out = new ArrayList<>();

    private PredicateMutations(PredicateFormat format, long seed) {
        this.format = format;
        this.random = new Random(seed);
    }

    /** @return every mutation of the format's statement for this seed, in a fixed order */
    static List<Mutation> of(PredicateFormat format, long seed) {
        PredicateMutations m = new PredicateMutations(format, seed);
        m.truncations(2);
        FuzzTargets targets = FuzzTargets.of(format);
        targets.required().forEach(p -> m.invalid("drop " + p, s -> JsonEdits.remove(s, p), p));
        targets.typed().forEach(p -> m.invalid("wrong type at " + p, s -> JsonEdits.set(s, p, m.wrongType(
                JsonEdits.at(s, p))), p));
        targets.constrained().forEach(p -> m.invalid("garbage at " + p, s -> JsonEdits.set(s, p, m.garbage()), p));
        m.invalid("huge string at " + targets.huge(), s -> JsonEdits.set(s, targets.huge(), hugeGarbage()),
                targets.huge());
        if (targets.free() != null) {
            m.any("huge free text at " + targets.free(), s -> JsonEdits.set(s, targets.free(), hugeText()));
        }
        if (targets.fact() != null) {
            m.any("huge fact value at " + targets.fact(), s -> JsonEdits.set(s, targets.fact(), hugeText()));
        }
        m.add("nesting " + TOO_DEEP + " deep", s -> JsonEdits.set(s, "/predicate/x-e2e-deep",
                JsonEdits.nested(TOO_DEEP)), Expect.INVALID, "json.too_deep", null);
        m.any("nesting " + DEEP_BUT_ALLOWED + " deep", s -> JsonEdits.set(s, "/predicate/x-e2e-nested",
                JsonEdits.nested(DEEP_BUT_ALLOWED)));
        m.any("unknown member", s -> JsonEdits.set(s, "/predicate/x-e2e-unknown", m.garbage()));
        for (int i = 0; i < 3; i++) {
            m.randomLeaf();
        }
        return m.out;
    }

    private ObjectNode statement() {
        return format.statement(BOM_COMPONENTS);
    }

    private void truncations(int count) {
        byte[] whole = Attestations.bytes(statement());
        for (int i = 0; i < count; i++) {
            int cut = 1 + random.nextInt(whole.length - 1);
            out.add(new Mutation("truncated at byte " + cut + " of " + whole.length, Arrays.copyOf(whole, cut),
                    Expect.INVALID, "json.malformed", null));
        }
    }

    private void invalid(String label, Consumer<ObjectNode> edit, String pointer) {
        add(label, edit, Expect.INVALID, "predicate.invalid", pointer);
    }

    private void any(String label, Consumer<ObjectNode> edit) {
        add(label, edit, Expect.ANY, null, null);
    }

    private void add(String label, Consumer<ObjectNode> edit, Expect expect, String code, String pointer) {
        ObjectNode statement = statement();
        edit.accept(statement);
        out.add(new Mutation(label, Attestations.bytes(statement), expect, code, pointer));
    }

    /** Replaces a random scalar of the predicate with a random value of a random type. */
    private void randomLeaf() {
        List<String> leaves = JsonEdits.leaves(statement(), "/predicate");
        String pointer = leaves.get(random.nextInt(leaves.size()));
        JsonNode value = switch (random.nextInt(6)) {
            case 0 -> garbage();
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.nullNode();
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.objectNode().put("x", garbage().asText());
            default -> NODES.textNode("y".repeat(10_000));
        };
        any("random " + value.getNodeType() + " at " + pointer, s -> JsonEdits.set(s, pointer, value));
    }

    /** @return a value of another JSON type than the original, chosen by the seed */
    private JsonNode wrongType(JsonNode original) {
        List<JsonNode> candidates = new ArrayList<>();
        if (!original.isTextual()) {
            candidates.add(NODES.textNode("wrong type"));
        }
        if (!original.isNumber()) {
            candidates.add(NODES.numberNode(42));
        }
        if (!original.isBoolean()) {
            candidates.add(NODES.booleanNode(true));
        }
        if (!original.isArray()) {
            candidates.add(NODES.arrayNode().add("x"));
        }
        if (!original.isObject()) {
            candidates.add(NODES.objectNode().put("x", 1));
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    /**
     * @return a string that starts and ends with a space: no enum value, date-time, URI, IRI, JSON Pointer, hex
     *     digest, version or id pattern of these formats accepts it
     */
    private JsonNode garbage() {
        StringBuilder text = new StringBuilder(" ");
        int length = 4 + random.nextInt(40);
        int[] codePoints = GARBAGE_ALPHABET.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return NODES.textNode(text.append(' ').toString());
    }

    private static JsonNode hugeGarbage() {
        return NODES.textNode(" " + "x".repeat(HUGE) + " ");
    }

    private static JsonNode hugeText() {
        return NODES.textNode("lorem ipsum ".repeat(HUGE / 12));
    }
}
