package io.atolldb.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Numbers;
import io.atolldb.model.Bytes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * DynamoDB's JSON form of attribute values ({"S":"x"}, {"N":"1.5"}, {"B":"base64"}, {"BOOL":true},
 * {"NULL":true}, {"M":{..}}, {"L":[..]}, {"SS":[..]}, {"NS":[..]}, {"BS":[..]}), both ways. Reading
 * enforces what DynamoDB checks without knowing the table: exactly one type per value, NULL only true,
 * valid numbers and base64, sets non-empty and without duplicates or nulls, limited nesting. A JSON null
 * where a value belongs (an attribute, a list element, a set member) is a ValidationException with
 * DynamoDB's wording; any other wrong JSON type is a SerializationException.
 */
public final class AttributeValueJson {
    /** DynamoDB's limit on nested M and L levels. */
    static final int MAX_NESTING = 32;

    /** DynamoDB's answer to a null where an attribute value belongs (a list element, an AttributeValueList entry). */
    static final String NULL_VALUE = "The supplied Item contains a null AttributeValue";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TYPES = List.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

    private AttributeValueJson() {}

    /** Reads a JSON object of attribute names to values, e.g. an Item or a Key; {@code where} names it for messages. */
    public static Map<String, AttributeValue> readMap(JsonNode node, String where) {
        return readMap(node, where, 0);
    }

    static AttributeValue read(JsonNode node, String where) {
        return read(node, where, 0);
    }

    static AttributeValue read(JsonNode node) {
        return read(node, "AttributeValue", 0);
    }

    public static ObjectNode writeMap(Map<String, AttributeValue> values) {
        ObjectNode out = NODES.objectNode();
        values.forEach((name, value) -> out.set(name, write(value)));
        return out;
    }

    static ObjectNode write(AttributeValue value) {
        ObjectNode out = NODES.objectNode();
        switch (value) {
            case AttributeValue.S s -> out.put("S", s.value());
            case AttributeValue.N n -> out.put("N", renderNumber(n.value()));
            case AttributeValue.B b -> out.put("B", b.value().toBase64());
            case AttributeValue.Bool bool -> out.put("BOOL", bool.value());
            case AttributeValue.Null ignored -> out.put("NULL", true);
            case AttributeValue.M m -> out.set("M", writeMap(m.value()));
            case AttributeValue.L l -> out.set("L", array(l.value(), AttributeValueJson::write));
            case AttributeValue.SS ss -> out.set("SS", array(ss.value(), NODES::textNode));
            case AttributeValue.NS ns -> out.set("NS", array(ns.value(), n -> NODES.textNode(renderNumber(n))));
            case AttributeValue.BS bs -> out.set("BS", array(bs.value(), b -> NODES.textNode(b.toBase64())));
        }
        return out;
    }

    private static Map<String, AttributeValue> readMap(JsonNode node, String where, int depth) {
        if (!node.isObject()) {
            throw JsonFields.wrongType(where, "an object", node);
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getValue().isNull()) {
                throw DynamoException.validation("The supplied Item contains a null AttributeValue: " + entry.getKey() + " is null");
            }
            values.put(entry.getKey(), read(entry.getValue(), where + "." + entry.getKey(), depth));
        }
        return values;
    }

    private static AttributeValue read(JsonNode node, String where, int depth) {
        if (node.isNull()) {
            throw DynamoException.validation(NULL_VALUE);
        }
        if (!node.isObject()) {
            throw JsonFields.wrongType(where, "an AttributeValue object", node);
        }
        String type = singleType(node);
        JsonNode content = node.get(type);
        String path = where + "." + type;
        return switch (type) {
            case "S" -> new AttributeValue.S(text(content, path));
            case "N" -> new AttributeValue.N(parseNumber(text(content, path)));
            case "B" -> new AttributeValue.B(parseBinary(text(content, path)));
            case "BOOL" -> new AttributeValue.Bool(bool(content, path));
            case "NULL" -> readNull(bool(content, path));
            case "M" -> new AttributeValue.M(readMap(content, path, nested(depth)));
            case "L" -> new AttributeValue.L(readList(content, path, nested(depth)));
            case "SS" -> new AttributeValue.SS(readSet(content, path, "An string set  may not be empty",
                    "An string set may not have a null string as a member", Function.identity()));
            case "NS" -> new AttributeValue.NS(readSet(content, path, "An number set  may not be empty",
                    "An number set may not have a null number as a member", AttributeValueJson::parseNumber));
            case "BS" -> new AttributeValue.BS(readSet(content, path, "Binary sets should not be empty",
                    "A binary set may not have a null binary as a member", AttributeValueJson::parseBinary));
            default -> throw new IllegalStateException("unhandled type " + type);
        };
    }

    /** The one type member set in {@code node}; unknown members are ignored, as DynamoDB does. */
    private static String singleType(JsonNode node) {
        String found = null;
        for (String type : TYPES) {
            JsonNode member = node.get(type);
            if (member != null && !member.isNull()) {
                if (found != null) {
                    throw DynamoException.validation("Supplied AttributeValue has more than one datatypes set, "
                            + "must contain exactly one of the supported datatypes");
                }
                found = type;
            }
        }
        if (found == null) {
            throw DynamoException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        return found;
    }

    private static AttributeValue readNull(boolean value) {
        if (!value) {
            throw DynamoException.invalidParameter("Null attribute value types must have the value of true");
        }
        return AttributeValue.Null.INSTANCE;
    }

    private static List<AttributeValue> readList(JsonNode node, String where, int depth) {
        if (!node.isArray()) {
            throw JsonFields.wrongType(where, "an array", node);
        }
        List<AttributeValue> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(read(node.get(i), where + "[" + i + "]", depth));
        }
        return values;
    }

    /** A set's members in client order; duplicates are judged on the parsed values (1 and 1.0 are one number). */
    private static <T> List<T> readSet(JsonNode node, String where, String emptyMessage, String nullMessage,
                                       Function<String, T> parse) {
        if (!node.isArray()) {
            throw JsonFields.wrongType(where, "an array", node);
        }
        if (node.isEmpty()) {
            throw DynamoException.invalidParameter(emptyMessage);
        }
        List<String> texts = new ArrayList<>(node.size());
        List<T> members = new ArrayList<>(node.size());
        Set<Object> seen = new HashSet<>();
        boolean duplicates = false;
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isNull()) {
                throw DynamoException.invalidParameter(nullMessage);
            }
            String text = text(node.get(i), where + "[" + i + "]");
            T member = parse.apply(text);
            duplicates |= !seen.add(member instanceof BigDecimal number ? number.stripTrailingZeros() : member);
            texts.add(text);
            members.add(member);
        }
        if (duplicates) {
            throw DynamoException.validation("Input collection " + texts + " contains duplicates.");
        }
        return members;
    }

    private static int nested(int depth) {
        if (depth + 1 > MAX_NESTING) {
            throw DynamoException.invalidParameter("Nesting Levels have exceeded supported limits");
        }
        return depth + 1;
    }

    private static String text(JsonNode node, String where) {
        if (!node.isTextual()) {
            throw JsonFields.wrongType(where, "a string", node);
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode node, String where) {
        if (!node.isBoolean()) {
            throw JsonFields.wrongType(where, "a boolean", node);
        }
        return node.booleanValue();
    }

    private static Bytes parseBinary(String base64) {
        try {
            return Bytes.wrap(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw DynamoException.serialization("Base64 encoded binary value is invalid: " + e.getMessage());
        }
    }

    /** The only place that turns wire text into a number. */
    private static BigDecimal parseNumber(String text) {
        return Numbers.parse(text);
    }

    private static String renderNumber(BigDecimal number) {
        return Numbers.canonical(number);
    }

    private static <T> ArrayNode array(List<T> values, Function<T, JsonNode> write) {
        ArrayNode out = NODES.arrayNode(values.size());
        values.forEach(value -> out.add(write.apply(value)));
        return out;
    }
}
