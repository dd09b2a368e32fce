package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * Rewords the errors of a schema {@code anyOf} whose branches each require a different member. The validator reports
 * every branch's member as missing, which reads as if all were required; the submitter needs one error saying that
 * one of them is.
 */
final class AlternativeMembers {

    /** The message the shared schema support gives a missing member. */
    static final String MISSING = "required member is missing";

    /**
     * Members of which one is required, and what to tell the submitter.
     *
     * @param members the alternatives, in the order the message names them
     * @param message the message of the merged error, located at the first member
     */
    record Group(List<String> members, String message) {
    }

    private AlternativeMembers() {
    }

    /**
     * @param errors schema errors, in order
     * @param groups the alternatives the schema declares
     * @return the errors with each set of missing alternatives under one parent merged into one error
     */
    static List<ValidationError> merge(List<ValidationError> errors, List<Group> groups) {
        Map<String, Set<String>> missingByParent = new HashMap<>();
        for (ValidationError error : errors) {
            if (MISSING.equals(error.message())) {
                missingByParent.computeIfAbsent(parent(error.pointer()), p -> new HashSet<>()).add(member(error.pointer()));
            }
        }
        List<ValidationError> merged = new ArrayList<>();
        Set<String> emitted = new HashSet<>();
        for (ValidationError error : errors) {
            Group group = MISSING.equals(error.message()) ? groupOf(error.pointer(), missingByParent, groups) : null;
            if (group == null) {
                merged.add(error);
            } else if (emitted.add(parent(error.pointer()) + "\n" + group.members())) {
                merged.add(new ValidationError(parent(error.pointer()) + "/" + group.members().get(0), group.message()));
            }
        }
        return merged;
    }

    private static Group groupOf(String pointer, Map<String, Set<String>> missingByParent, List<Group> groups) {
        Set<String> missing = missingByParent.getOrDefault(parent(pointer), Set.of());
        String member = member(pointer);
        for (Group group : groups) {
            if (group.members().contains(member) && missing.containsAll(group.members())) {
                return group;
            }
        }
        return null;
    }

    private static String parent(String pointer) {
        return pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
    }

    private static String member(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }
}
