package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;

/**
 * Locates and words single validator errors for the submitter: a missing member, a member that is not allowed and an
 * array item that is not allowed are reported at that member or item itself; an {@code enum} lists at most
 * {@value #LISTED_VALUES} of its values; a {@code format} error is one sentence naming the standard. A message the
 * schema gives ({@code errorMessage}) or the handler registered for the keyword's location wins over all of these.
 */
final class SchemaErrors {

    /** The most allowed values an {@code enum} message lists. */
    static final int LISTED_VALUES = 20;

    private final String prefix;
    private final Map<String, String> messages;

    /**
     * @param prefix the validated document's pointer in the statement, prepended to every pointer
     * @param messages messages the handler registered, by absolute keyword location
     */
    SchemaErrors(String prefix, Map<String, String> messages) {
        this.prefix = prefix;
        this.messages = messages;
    }

    /** @return the pointer of the instance at the first {@code count} tokens of the error's instance location */
    String pointer(List<Object> tokens, int count) {
        StringBuilder pointer = new StringBuilder(prefix);
        for (int i = 0; i < count; i++) {
            pointer.append('/').append(Pointers.escape(String.valueOf(tokens.get(i))));
        }
        return pointer.toString();
    }

    /** @return where the error is: the member or item it is about, else the failing instance */
    String pointer(RawError raw) {
        String at = pointer(raw.instance(), raw.instance().size());
        String member = member(raw);
        return member == null ? at : Pointers.append(at, member);
    }

    /** @return the message the handler registered for a keyword location, or null */
    String registered(String location) {
        return messages.get(location);
    }

    /** @return what is wrong and what is expected */
    String message(RawError raw) {
        Error error = raw.error();
        if (error.isCustomMessage()) {
            return error.getMessage();
        }
        String registered = registered(raw.location());
        if (registered != null) {
            return registered;
        }
        switch (raw.keyword()) {
            case "required":
                return "required member is missing";
            case "additionalProperties":
            case "unevaluatedProperties":
                return member(raw) == null ? error.getMessage()
                        : "member '" + member(raw) + "' is not allowed here: the schema does not define it";
            case "items":
            case "additionalItems":
            case "unevaluatedItems":
                return member(raw) == null ? error.getMessage()
                        : "item " + member(raw) + " is not allowed here: the array has more items than the schema "
                                + "allows";
            case "type":
                return TypeNames.message(error);
            case "enum":
                return enumMessage(error);
            case "format":
                return FormatNames.message(error);
            default:
                return error.getMessage();
        }
    }

    /** @return the member name or item index the error is about, when it is about one the instance has or lacks */
    static String member(RawError raw) {
        Error error = raw.error();
        switch (raw.keyword()) {
            case "required":
            case "additionalProperties":
            case "unevaluatedProperties":
                return error.getProperty() != null ? error.getProperty() : firstArgument(error);
            case "items":
            case "additionalItems":
            case "unevaluatedItems":
                String index = firstArgument(error);
                return index != null && index.matches("[0-9]+") ? index : null;
            default:
                return null;
        }
    }

    private static String firstArgument(Error error) {
        Object[] arguments = error.getArguments();
        return arguments != null && arguments.length > 0 && arguments[0] != null ? arguments[0].toString() : null;
    }

    private static String enumMessage(Error error) {
        JsonNode values = error.getSchemaNode();
        if (values == null || !values.isArray()) {
            return error.getMessage();
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(values.size(), LISTED_VALUES); i++) {
            shown.add(values.get(i).toString());
        }
        if (values.size() <= LISTED_VALUES) {
            // the validator's own wording, without the cost of building it
            return "does not have a value in the enumeration [" + String.join(", ", shown) + "]";
        }
        return "is not one of the " + values.size() + " values the schema allows: " + String.join(", ", shown)
                + " … and " + (values.size() - LISTED_VALUES) + " more";
    }
}
