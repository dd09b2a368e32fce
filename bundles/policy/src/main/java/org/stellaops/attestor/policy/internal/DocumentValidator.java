package org.stellaops.attestor.policy.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.policy.Mode;
import org.stellaops.attestor.policy.PolicyCodes;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyProblem;
import org.stellaops.attestor.policy.PolicyValidation;
import org.stellaops.attestor.policy.RuleSpec;
import org.stellaops.attestor.policy.Selector;
import org.stellaops.attestor.policy.SubjectPattern;
import org.stellaops.attestor.sdk.json.Jcs;

/**
 * Validates a parsed policy document against the format of {@code docs/policies.md}, every rule configuration
 * against its rule type (schema, then the type's own checks against the environment), and builds the
 * {@link PolicyDocument} when nothing is wrong. Reports every problem, each with a JSON Pointer.
 */
final class DocumentValidator {

    /** The {@code apiVersion} this engine reads. */
    static final String API_VERSION = "stella-ops.org/attestor/policy/v1";
    /** The {@code kind} of a verification policy. */
    static final String KIND = "VerificationPolicy";
    /** Policy and rule ids. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_DESCRIPTION = 4096;

    private final Map<String, RuleRegistry.Registered> types;
    private final ConfigSchemas schemas;
    private final PolicyEnvironment environment;
    private final int maxRules;
    private final List<ConfigProblem> problems = new ArrayList<>();

    DocumentValidator(Map<String, RuleRegistry.Registered> types, ConfigSchemas schemas,
                      PolicyEnvironment environment, int maxRules) {
        this.types = types;
        this.schemas = schemas;
        this.environment = environment;
        this.maxRules = maxRules;
    }

    /**
     * @param root the parsed document
     * @return the validation
     */
    @SuppressWarnings("unchecked")
    PolicyValidation validate(JsonNode root) {
        Object tree;
        try {
            tree = Tree.fromJson(root);
        } catch (IllegalArgumentException e) {
            return invalid(List.of(new PolicyProblem("", ConfigProblem.BAD_VALUE, e.getMessage())));
        }
        if (!(tree instanceof Map)) {
            return invalid(List.of(new PolicyProblem("", ConfigProblem.BAD_TYPE, "a policy is a JSON object, not "
                    + Tree.typeName(tree))));
        }
        PolicyDocument document = document(ConfigReader.of((Map<String, Object>) tree, problems), tree);
        if (!problems.isEmpty()) {
            return invalid(problems.stream().map(p -> new PolicyProblem(p.pointer(), p.code(), p.message())).toList());
        }
        return new PolicyValidation(document, List.of());
    }

    private static PolicyValidation invalid(List<PolicyProblem> found) {
        return new PolicyValidation(null, found);
    }

    private PolicyDocument document(ConfigReader doc, Object tree) {
        doc.only("apiVersion", "kind", "id", "version", "description", "mode", "selector", "rules");
        doc.string("apiVersion", true).filter(v -> !v.equals(API_VERSION)).ifPresent(v -> doc.problem(
                doc.pointer("apiVersion"), PolicyCodes.UNSUPPORTED_VERSION, "must be " + API_VERSION));
        doc.string("kind", true).filter(v -> !v.equals(KIND)).ifPresent(v -> doc.problem(doc.pointer("kind"),
                PolicyCodes.UNSUPPORTED_VERSION, "must be " + KIND));
        String id = doc.string("id", true, ID, "1 to 128 of A-Z a-z 0-9 . _ - starting with a letter or digit")
                .orElse("");
        int version = (int) doc.integer("version", true, 1, Integer.MAX_VALUE).orElse(1);
        String description = description(doc);
        Mode mode = mode(doc, "mode").orElse(Mode.ENFORCE);
        Selector selector = doc.object("selector", false).map(this::selector).orElse(Selector.ANY);
        List<RuleSpec> rules = rules(doc);
        if (!problems.isEmpty()) {
            return null;
        }
        return new PolicyDocument(id, version, description, mode, selector, rules, digest(tree));
    }

    private static String description(ConfigReader reader) {
        Optional<String> text = reader.string("description", false);
        if (text.isPresent() && text.get().length() > MAX_DESCRIPTION) {
            reader.problem(reader.pointer("description"), ConfigProblem.BAD_VALUE, "at most " + MAX_DESCRIPTION
                    + " characters");
        }
        return text.orElse("");
    }

    private static Optional<Mode> mode(ConfigReader reader, String member) {
        Optional<String> text = reader.string(member, false);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Mode> mode = Mode.fromWireName(text.get());
        if (mode.isEmpty()) {
            reader.problem(reader.pointer(member), ConfigProblem.BAD_VALUE, "must be enforce, warn or audit");
        }
        return mode;
    }

    private Selector selector(ConfigReader selector) {
        selector.only("predicateTypes", "subjects", "tenants");
        List<String> predicateTypes = selector.names("predicateTypes", false).orElse(List.of());
        List<String> tenants = selector.names("tenants", false).orElse(List.of());
        List<SubjectPattern> subjects = new ArrayList<>();
        List<Object> list = selector.array("subjects", false, true).orElse(List.of());
        for (int i = 0; i < list.size(); i++) {
            subjectPattern(selector, i, list.get(i)).ifPresent(subjects::add);
        }
        return new Selector(predicateTypes, subjects, tenants);
    }

    @SuppressWarnings("unchecked")
    private static Optional<SubjectPattern> subjectPattern(ConfigReader selector, int index, Object element) {
        String at = selector.pointer("subjects", index);
        if (!(element instanceof Map)) {
            selector.problem(at, ConfigProblem.BAD_TYPE, "a subject pattern is an object {name} or {digest}");
            return Optional.empty();
        }
        ConfigReader pattern = selector.child((Map<String, Object>) element, at);
        pattern.only("name", "digest");
        if (pattern.has("name") == pattern.has("digest")) {
            pattern.problem(pattern.pointer("name"), ConfigProblem.BAD_VALUE, "give exactly one of 'name' and 'digest'");
            return Optional.empty();
        }
        if (pattern.has("name")) {
            return pattern.string("name", true, ConfigReader.NAME, "a name glob without spaces")
                    .map(name -> new SubjectPattern(name, null));
        }
        Optional<String> digest = pattern.string("digest", true);
        try {
            return digest.map(d -> new SubjectPattern(null, Digest.parse(d)));
        } catch (IllegalArgumentException e) {
            pattern.problem(pattern.pointer("digest"), ConfigProblem.BAD_VALUE, "must be <algorithm>:<lowercase hex>: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private List<RuleSpec> rules(ConfigReader doc) {
        List<RuleSpec> rules = new ArrayList<>();
        Optional<List<Object>> list = doc.array("rules", true, true);
        if (list.isEmpty()) {
            return rules;
        }
        if (list.get().size() > maxRules) {
            doc.problem(doc.pointer("rules"), ConfigProblem.BAD_VALUE, "at most " + maxRules + " rules, not "
                    + list.get().size());
            return rules;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.get().size(); i++) {
            rule(doc, i, list.get().get(i), ids).ifPresent(rules::add);
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private Optional<RuleSpec> rule(ConfigReader doc, int index, Object element, Set<String> ids) {
        String at = doc.pointer("rules", index);
        if (!(element instanceof Map)) {
            doc.problem(at, ConfigProblem.BAD_TYPE, "a rule is an object {id, type, config, …}");
            return Optional.empty();
        }
        ConfigReader rule = doc.child((Map<String, Object>) element, at);
        rule.only("id", "type", "mode", "description", "predicateTypes", "config");
        Optional<String> id = rule.string("id", true, ID, "1 to 128 of A-Z a-z 0-9 . _ - starting with a letter or"
                + " digit");
        id.filter(i -> !ids.add(i)).ifPresent(i -> rule.problem(rule.pointer("id"), ConfigProblem.DUPLICATE,
                "another rule already has the id '" + i + "'"));
        Optional<String> type = rule.string("type", true);
        Mode mode = mode(rule, "mode").orElse(null);
        String description = description(rule);
        List<String> predicateTypes = rule.names("predicateTypes", false).orElse(List.of());
        Map<String, Object> config = rule.object("config", false).map(ConfigReader::object).orElse(Map.of());
        type.ifPresent(t -> config(rule, t, config));
        if (id.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RuleSpec(id.get(), type.get(), mode, description, predicateTypes, config));
    }

    private void config(ConfigReader rule, String type, Map<String, Object> config) {
        RuleRegistry.Registered registered = types.get(type);
        String base = rule.pointer("config");
        if (registered == null) {
            rule.problem(rule.pointer("type"), PolicyCodes.UNKNOWN_RULE_TYPE, "no rule type '" + type
                    + "' is installed; available: " + String.join(", ", types.keySet()));
            return;
        }
        List<ConfigProblem> found;
        try {
            found = registered.builtin() ? registered.rule().validateConfig(config, environment)
                    : custom(registered, config);
        } catch (RuntimeException e) {
            found = List.of(new ConfigProblem("", PolicyCodes.RULE_TYPE_BROKEN, "rule type " + type + " ("
                    + registered.provider() + ") failed to check its configuration: " + e));
        }
        for (ConfigProblem p : found) {
            rule.problem(base + p.pointer(), p.code(), p.message());
        }
    }

    private List<ConfigProblem> custom(RuleRegistry.Registered registered, Map<String, Object> config) {
        List<ConfigProblem> found = schemas.validate(registered.rule().configSchema(), config);
        if (!found.isEmpty()) {
            return found;
        }
        List<ConfigProblem> own = registered.rule().validateConfig(config, environment);
        return own == null ? List.of() : own;
    }

    /**
     * @param tree a document tree
     * @return {@code sha256:<hex>} of its RFC 8785 form
     */
    static String digest(Object tree) {
        try {
            byte[] canonical = Jcs.canonicalize(Tree.toJson(tree));
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
