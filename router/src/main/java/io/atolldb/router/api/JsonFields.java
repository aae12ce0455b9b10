package io.atolldb.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the members of one JSON object of a request as the types DynamoDB's model declares. A member
 * of the wrong JSON type is a SerializationException (DynamoDB rejects it before validating anything);
 * an absent member and a JSON null both read as {@code null}.
 */
final class JsonFields {
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

    /** A JSON array of objects, each wrapped; {@code null} when absent. */
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
            result.add(of(value.get(i), qualified(member) + "[" + i + "]"));
        }
        return result;
    }

    /** The raw JSON of a member whose shape a codec checks itself (e.g. an attribute map). */
    JsonNode raw(String member) {
        return member(member);
    }

    private JsonNode member(String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value;
    }

    private String qualified(String member) {
        return name.isEmpty() ? member : name + "." + member;
    }

    static DynamoException wrongType(String where, String expected, JsonNode actual) {
        return DynamoException.serialization(
                "Unexpected JSON type for '" + where + "': expected " + expected + " but found "
                        + actual.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
}
