package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;

/**
 * Reports a failed {@code oneOf} or {@code anyOf} once, instead of every failure of every alternative (the validator
 * reports all of them, and "required member is missing" for each member of which only one is needed reads as if all
 * were). For each place a combinator failed:
 * <ul>
 * <li>alternatives that each only require members the instance lacks: one error at the first member, naming the
 * alternatives ("one of these members is required: @id or identifiers");</li>
 * <li>otherwise the alternative the instance was meant for, when one stands out, gives its own errors: alternatives
 * for another JSON type than the instance's, and alternatives whose {@code const} (or one-value {@code enum})
 * discriminator the instance does not match, are set aside; of the rest, the one with the fewest structural errors
 * (wrong type, missing or unknown members) is taken;</li>
 * <li>when none stands out, one error at the instance: "matches none of the N alternatives the schema allows",
 * with the first errors of each closest alternative;</li>
 * <li>a {@code oneOf} that more than one alternative matches: one error saying which.</li>
 * </ul>
 * A message the handler registered for the combinator's location replaces the summary's wording.
 */
final class Alternatives {

    private static final Set<String> STRUCTURAL = Set.of("type", "required", "additionalProperties",
            "unevaluatedProperties", "false");
    private static final int SHOWN_ALTERNATIVES = 5;
    private static final int SHOWN_ERRORS = 3;

    private final SchemaErrors wording;
    private final SchemaDocuments documents;

    Alternatives(SchemaErrors wording, SchemaDocuments documents) {
        this.wording = wording;
        this.documents = documents;
    }

    /** The errors of one combinator at one instance. */
    private static final class Group {
        private final EvaluationPaths.Site site;
        private final List<Object> instance;
        private final Map<Integer, List<RawError>> branches = new TreeMap<>();
        private RawError summary;

        private Group(EvaluationPaths.Site site, List<Object> instance) {
            this.site = site;
            this.instance = instance;
        }

        private void add(RawError raw) {
            int branch = EvaluationPaths.branch(raw, site);
            if (branch < 0) {
                summary = raw;
            } else {
                branches.computeIfAbsent(branch, b -> new ArrayList<>()).add(raw);
            }
        }

        private String combinator() {
            return String.valueOf(summary != null ? summary.keyword()
                    : branches.values().iterator().next().get(0).evaluation().get(site.index()));
        }
    }

    /**
     * @param errors errors in validator order
     * @param from the evaluation-path index from which combinators are still to be resolved
     * @return the findings, a combinator's in place of its first error
     */
    List<Finding> reduce(List<RawError> errors, int from) {
        List<Object> ordered = new ArrayList<>();
        Map<List<List<Object>>, Group> groups = new HashMap<>();
        for (RawError raw : errors) {
            EvaluationPaths.Site site = EvaluationPaths.combinator(raw, from);
            if (site == null || raw.instance().size() < site.depth()) {
                ordered.add(raw);
                continue;
            }
            List<List<Object>> key = List.of(raw.evaluation().subList(0, site.index() + 1),
                    raw.instance().subList(0, site.depth()));
            Group group = groups.get(key);
            if (group == null) {
                group = new Group(site, raw.instance().subList(0, site.depth()));
                groups.put(key, group);
                ordered.add(group);
            }
            group.add(raw);
        }
        List<Finding> findings = new ArrayList<>();
        for (Object item : ordered) {
            if (item instanceof RawError raw) {
                findings.add(single(raw));
            } else {
                findings.addAll(resolve((Group) item));
            }
        }
        return findings;
    }

    private Finding single(RawError raw) {
        String pointer = wording.pointer(raw);
        return new Finding(pointer, pointer + "\n" + raw.location() + "\n" + raw.keyword(), () -> wording.message(raw));
    }

    private List<Finding> resolve(Group group) {
        String at = wording.pointer(group.instance, group.instance.size());
        String location = location(group);
        String registered = location == null ? null : wording.registered(location);
        JsonNode alternatives = location == null ? null : documents.resolve(location);
        int count = alternatives != null && alternatives.isArray() ? alternatives.size() : group.branches.size();
        String key = at + "\n" + location + "\n";
        if (group.summary != null && "oneOf.indexes".equals(group.summary.error().getMessageKey())) {
            return List.of(new Finding(at, key + "several",
                    () -> registered != null ? registered : several(group.summary, count)));
        }
        if (group.branches.isEmpty()) {
            return List.of(new Finding(at, key + "none",
                    () -> registered != null ? registered : "matches none of the " + count + " alternatives the schema "
                            + "allows"));
        }
        List<List<String>> members = alternativeMembers(group);
        if (members != null) {
            return List.of(new Finding(Pointers.append(at, members.get(0).get(0)), key + "members",
                    () -> registered != null ? registered : "one of these members is required: " + describe(members)));
        }
        List<Integer> candidates = candidates(group);
        if (candidates.size() == 1) {
            return reduce(group.branches.get(candidates.get(0)), group.site.index() + 2);
        }
        return List.of(new Finding(at, key + "none",
                () -> registered != null ? registered : none(group, candidates, count, alternatives, at)));
    }

    /** @return each alternative's missing members, when every alternative only lacks required members; else null */
    private static List<List<String>> alternativeMembers(Group group) {
        List<List<String>> alternatives = new ArrayList<>();
        for (List<RawError> branch : group.branches.values()) {
            List<String> members = new ArrayList<>();
            for (RawError raw : branch) {
                String member = SchemaErrors.member(raw);
                if (!"required".equals(raw.keyword()) || raw.instance().size() != group.instance.size()
                        || member == null) {
                    return null;
                }
                if (!members.contains(member)) {
                    members.add(member);
                }
            }
            alternatives.add(members);
        }
        return alternatives.size() > 1 ? alternatives : null;
    }

    private static String describe(List<List<String>> alternatives) {
        List<String> named = alternatives.stream()
                .map(members -> members.size() == 1 ? members.get(0) : "(" + String.join(" and ", members) + ")")
                .toList();
        return list(named, "or");
    }

    private static String list(List<String> items, String conjunction) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " "
                + items.get(items.size() - 1);
    }

    /** @return the alternatives the instance may have been meant for, closest first; one when one stands out */
    private static List<Integer> candidates(Group group) {
        int depth = group.instance.size();
        List<Integer> candidates = new ArrayList<>(group.branches.keySet());
        narrow(candidates, branch -> group.branches.get(branch).stream()
                .noneMatch(raw -> "type".equals(raw.keyword()) && raw.instance().size() == depth));
        narrow(candidates, branch -> group.branches.get(branch).stream().noneMatch(raw -> discriminates(raw, depth)));
        int from = group.site.index() + 2;
        long fewest = candidates.stream().mapToLong(branch -> structural(group.branches.get(branch), from)).min()
                .orElse(0);
        candidates.removeIf(branch -> structural(group.branches.get(branch), from) > fewest);
        return candidates;
    }

    /** Keeps the candidates that pass, unless none does (then nothing tells them apart this way). */
    private static void narrow(List<Integer> candidates, Predicate<Integer> keep) {
        List<Integer> kept = candidates.stream().filter(keep).toList();
        if (!kept.isEmpty()) {
            candidates.retainAll(kept);
        }
    }

    private static boolean discriminates(RawError raw, int depth) {
        if (raw.instance().size() > depth + 1) {
            return false;
        }
        JsonNode keyword = raw.error().getSchemaNode();
        return "const".equals(raw.keyword())
                || "enum".equals(raw.keyword()) && keyword != null && keyword.isArray() && keyword.size() == 1;
    }

    /** @return the branch's structural errors, a nested combinator's counting once however many it has */
    private static long structural(List<RawError> branch, int from) {
        Set<List<List<Object>>> nested = new HashSet<>();
        long count = 0;
        for (RawError raw : branch) {
            EvaluationPaths.Site site = EvaluationPaths.combinator(raw, from);
            if (site != null && raw.instance().size() >= site.depth()) {
                nested.add(List.of(raw.evaluation().subList(0, site.index() + 1),
                        raw.instance().subList(0, site.depth())));
            } else if (STRUCTURAL.contains(raw.keyword())) {
                count++;
            }
        }
        return count + nested.size();
    }

    private static String several(RawError summary, int count) {
        Object[] arguments = summary.error().getArguments();
        List<String> matched = new ArrayList<>();
        if (arguments != null && arguments.length > 1) {
            for (String index : String.valueOf(arguments[1]).split(",\\s*")) {
                matched.add(index.matches("[0-9]+") ? String.valueOf(Integer.parseInt(index) + 1) : index);
            }
        }
        return "matches " + matched.size() + " of the " + count + " alternatives the schema allows (alternatives "
                + list(matched, "and") + "), but must match exactly one";
    }

    private String none(Group group, List<Integer> candidates, int count, JsonNode alternatives, String at) {
        if (candidates.stream().allMatch(branch -> onlyTypeErrors(group.branches.get(branch), group.instance.size()))) {
            List<String> types = new ArrayList<>();
            candidates.forEach(branch -> group.branches.get(branch).forEach(raw ->
                    TypeNames.names(raw.error().getSchemaNode()).stream().filter(t -> !types.contains(t))
                            .forEach(types::add)));
            RawError first = group.branches.get(candidates.get(0)).get(0);
            return "must be " + TypeNames.expected(types) + ", not "
                    + TypeNames.article(TypeNames.actual(first.error()));
        }
        StringBuilder message = new StringBuilder("matches none of the " + count + " alternatives the schema allows");
        for (int branch : candidates.subList(0, Math.min(candidates.size(), SHOWN_ALTERNATIVES))) {
            message.append(". As alternative ").append(branch + 1).append(title(alternatives, branch)).append(": ")
                    .append(errors(group, branch, at));
        }
        if (candidates.size() > SHOWN_ALTERNATIVES) {
            message.append(". And ").append(candidates.size() - SHOWN_ALTERNATIVES).append(" more alternatives");
        }
        return message.toString();
    }

    private static boolean onlyTypeErrors(List<RawError> branch, int depth) {
        return branch.stream().allMatch(raw -> "type".equals(raw.keyword()) && raw.instance().size() == depth);
    }

    private static String title(JsonNode alternatives, int branch) {
        JsonNode title = alternatives == null ? null : alternatives.path(branch).get("title");
        return title != null && title.isTextual() ? " (\"" + title.asText() + "\")" : "";
    }

    private String errors(Group group, int branch, String at) {
        List<Finding> findings = reduce(group.branches.get(branch), group.site.index() + 2);
        List<String> shown = new ArrayList<>();
        for (Finding finding : findings.subList(0, Math.min(findings.size(), SHOWN_ERRORS))) {
            String relative = finding.pointer().substring(Math.min(at.length(), finding.pointer().length()));
            shown.add(relative.isEmpty() ? finding.message().get() : relative + ": " + finding.message().get());
        }
        String more = findings.size() > SHOWN_ERRORS ? "; and " + (findings.size() - SHOWN_ERRORS) + " more" : "";
        return String.join("; ", shown) + more;
    }

    /** @return the absolute location of the combinator keyword, or null when the errors do not tell it */
    private static String location(Group group) {
        if (group.summary != null) {
            return group.summary.location();
        }
        for (List<RawError> branch : group.branches.values()) {
            for (RawError raw : branch) {
                SchemaLocation at = raw.error().getSchemaLocation();
                int trailing = raw.evaluation().size() - group.site.index() - 1;
                NodePath fragment = at == null ? null : at.getFragment();
                if (fragment == null || !EvaluationPaths.local(raw, group.site)
                        || fragment.getNameCount() <= trailing) {
                    continue;
                }
                for (int i = 0; i < trailing; i++) {
                    fragment = fragment.getParent();
                }
                if (group.combinator().equals(fragment.getElement(fragment.getNameCount() - 1))) {
                    return new SchemaLocation(at.getAbsoluteIri(), fragment).toString();
                }
            }
        }
        return null;
    }
}
