package io.atolldb.compat;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The placeholders of one request's expressions: names become {@code #name} placeholders (always for
 * reserved words, otherwise at random), values become {@code :vN}. One instance serves every
 * expression of a request, as DynamoDB shares the two maps between them.
 */
final class Expr {
    /** Attribute names the generator uses that are DynamoDB reserved words. */
    static final Set<String> RESERVED = Set.of("status", "name", "data", "comment", "size", "value");

    private final Random random;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    Expr(Random random) {
        this.random = random;
    }

    /** One path element for a top-level attribute name. */
    String name(String attribute) {
        if (!RESERVED.contains(attribute) && random.nextInt(3) != 0) {
            return attribute;
        }
        return placeholder(attribute);
    }

    /** Always a placeholder (used where a bare name would be fine but the test wants a # name). */
    String placeholder(String attribute) {
        String placeholder = "#" + attribute.replaceAll("[^A-Za-z0-9_]", "_");
        names.put(placeholder, attribute);
        return placeholder;
    }

    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    /** Adds a name placeholder no expression uses (invalid input). */
    void unusedName() {
        names.put("#unused", "unused");
    }

    /** Adds a value placeholder no expression uses (invalid input). */
    void unusedValue() {
        values.put(":unused", AttributeValue.fromS("x"));
    }

    Map<String, String> names() {
        return names.isEmpty() ? null : names;
    }

    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : values;
    }
}
