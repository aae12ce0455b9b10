package io.atolldb.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the members of one JSON object of a request as the types DynamoDB's model declares. A member
 * of the wrong JSON type is a SerializationException (DynamoDB rejects it before validating anything);
 * an absent member and a JSON null both read as {@code null}, as DynamoDB reads them. A null inside a
 * collection (a list element, or the value of a map such as RequestItems or Expected) is not absent but
 * invalid: a ValidationException, never a null handed on.
 */
final class JsonFields {
    /** A member name as DynamoDB spells it, with the positions of nested list elements: "KeySchema[0]". */
    private static final Pattern MEMBER = Pattern.compile("([A-Z][A-Za-z]*)((?:\\[\\d{1,9}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,9})]");

    private final JsonNode node;
    private final String name;

    private JsonFields(JsonNode node, String name) {
        this.node = node;
        this.name = name;
    }

    /** Wraps {@code node}, which must be a JSON object; {@code name} says where it is, for messages. */
    static JsonFields of(JsonNode node, String name) {
        if (!node.isObject()) {
            throw wrongType(name, "an object", node);
        }
        return new JsonFields(node, name);
    }

    /** The names of this object's members, in document order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    boolean has(String member) {
        return member(member) != null;
    }

    String string(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(qualified(member), "a string", value);
        }
        return value.textValue();
    }

    Boolean bool(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(qualified(member), "a boolean", value);
        }
        return value.booleanValue();
    }

    /** An integral JSON number that fits a long. */
    Long integer(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(qualified(member), "an integer", value);
        }
        return value.longValue();
    }

    JsonFields object(String member) {
        JsonNode value = member(member);
        return value == null ? null : of(value, qualified(member));
    }

    /**
     * The value of one entry of a map of objects (e.g. a table of RequestItems, an attribute of Expected),
     * whose name came from {@link #names}: a null there is invalid and answered with {@code whenNull}.
     */
    JsonFields requiredObject(String entry, Supplier<DynamoException> whenNull) {
        JsonFields value = object(entry);
        if (value == null) {
            throw whenNull.get();
        }
        return value;
    }

    /** A JSON array of objects, each wrapped; {@code null} when absent; a null element is a ValidationException. */
    List<JsonFields> objects(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(qualified(member), "an array", value);
        }
        List<JsonFields> result = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isNull()) {
                throw nullElement(qualified(member), i);
            }
            result.add(of(value.get(i), qualified(member) + "[" + i + "]"));
        }
        return result;
    }

    /** Like {@link #objects}, but a null or absent value is answered with {@code whenNull}. */
    List<JsonFields> requiredObjects(String entry, Supplier<DynamoException> whenNull) {
        List<JsonFields> value = objects(entry);
        if (value == null) {
            throw whenNull.get();
        }
        return value;
    }

    /**
     * A JSON array of strings (AttributesToGet, TagKeys, NonKeyAttributes); {@code null} when absent. A
     * null element is a ValidationException, any other non-string a SerializationException.
     */
    List<String> strings(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(qualified(member), "an array", value);
        }
        List<String> result = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (element.isNull()) {
                throw nullElement(qualified(member), i);
            }
            if (!element.isTextual()) {
                throw wrongType(qualified(member) + "[" + i + "]", "a string", element);
            }
            result.add(element.textValue());
        }
        return result;
    }

    /** The raw JSON of a member whose shape a codec checks itself (e.g. an attribute map). */
    JsonNode raw(String member) {
        return member(member);
    }

    /** The object as JSON text: how a list of these shows in a constraint message ("Value '[{...}]' at ..."). */
    @Override
    public String toString() {
        return node.toString();
    }

    private JsonNode member(String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value;
    }

    private String qualified(String member) {
        return name.isEmpty() ? member : name + "." + member;
    }

    /**
     * DynamoDB's constraint message for a null list element, at the element's member path in DynamoDB's
     * form ("keySchema.1.member": camelCase members, 1-based positions).
     */
    static DynamoException nullElement(String where, int index) {
        return DynamoException.validation("1 validation error detected: Value null at '" + memberPath(where) + "."
                + (index + 1) + ".member' failed to satisfy constraint: Member must not be null");
    }

    /**
     * "GlobalSecondaryIndexes[0].KeySchema" as DynamoDB writes it: "globalSecondaryIndexes.1.member.keySchema".
     * Only parts shaped like a member name are rewritten; names taken from the request (tables, attributes)
     * that are not are kept as they are.
     */
    static String memberPath(String where) {
        StringBuilder path = new StringBuilder();
        String[] parts = where.split("\\.", -1);
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (p > 0) {
                path.append('.');
            }
            Matcher member = MEMBER.matcher(part);
            if (!member.matches()) {
                path.append(part);
                continue;
            }
            path.append(Character.toLowerCase(part.charAt(0))).append(member.group(1).substring(1));
            Matcher index = INDEX.matcher(member.group(2));
            while (index.find()) {
                path.append('.').append(Integer.parseInt(index.group(1)) + 1).append(".member");
            }
        }
        return path.toString();
    }

    static DynamoException wrongType(String where, String expected, JsonNode actual) {
        return DynamoException.serialization(
                "Unexpected JSON type for '" + where + "': expected " + expected + " but found "
                        + actual.getNodeType().name().toLowerCase(Locale.ROOT));
    }
}
