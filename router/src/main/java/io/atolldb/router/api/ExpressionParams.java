package io.atolldb.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.expr.ExpressionResolver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request's expression parameters: ExpressionAttributeNames and ExpressionAttributeValues, read once
 * and shared by the request's expressions, which are parsed and resolved here, at the edge, so that
 * bad expressions get DynamoDB's ValidationException before anything reaches a partition.
 */
final class ExpressionParams {
    final Map<String, String> names;
    final Map<String, AttributeValue> values;
    final ExpressionResolver resolver;

    private ExpressionParams(Map<String, String> names, Map<String, AttributeValue> values, ExpressionResolver resolver) {
        this.names = names;
        this.values = values;
        this.resolver = resolver;
    }

    /**
     * Reads the placeholders; {@code anyExpression} says whether the request carries an expression
     * at all (DynamoDB refuses placeholders without one).
     */
    static ExpressionParams read(JsonFields request, boolean anyExpression) {
        JsonNode rawNames = request.raw("ExpressionAttributeNames");
        JsonNode rawValues = request.raw("ExpressionAttributeValues");
        if (!anyExpression && rawNames != null) {
            throw DynamoException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (!anyExpression && rawValues != null) {
            throw DynamoException.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        Optional<Map<String, String>> names = Optional.ofNullable(rawNames).map(ExpressionParams::names);
        Optional<Map<String, AttributeValue>> values = Optional.ofNullable(rawValues).map(ExpressionParams::values);
        return new ExpressionParams(names.orElse(Map.of()), values.orElse(Map.of()), ExpressionResolver.of(names, values));
    }

    /**
     * The condition of a PutItem or DeleteItem: its legacy Expected (rendered as an expression) or its
     * ConditionExpression, checked and resolved, with every placeholder used.
     */
    static WriteCondition writeCondition(JsonFields request) {
        return LegacyJson.expected(request).orElseGet(() -> {
            String conditionExpression = request.string("ConditionExpression");
            ExpressionParams expressions = read(request, conditionExpression != null);
            WriteCondition checked = expressions.condition(conditionExpression);
            expressions.requireAllUsed();
            return checked;
        });
    }

    /** The ConditionExpression of a write, checked and resolved ("" when absent). */
    WriteCondition condition(String expression) {
        if (expression == null) {
            return new WriteCondition("", names, values);
        }
        resolver.condition(expression, io.atolldb.model.expr.ast.ExpressionKind.CONDITION);
        return new WriteCondition(expression, names, values);
    }

    /** Fails when a placeholder was not used by any expression resolved so far. */
    void requireAllUsed() {
        resolver.requireAllUsed();
    }

    private static Map<String, String> names(JsonNode node) {
        if (!node.isObject()) {
            throw JsonFields.wrongType("ExpressionAttributeNames", "an object", node);
        }
        Map<String, String> names = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (entry.getValue().isNull()) {
                throw DynamoException.validation("ExpressionAttributeNames contains invalid value: null for key " + entry.getKey());
            }
            if (!entry.getValue().isTextual()) {
                throw JsonFields.wrongType("ExpressionAttributeNames." + entry.getKey(), "a string", entry.getValue());
            }
            names.put(entry.getKey(), entry.getValue().textValue());
        });
        return names;
    }

    /** ExpressionAttributeValues; a null value is named by its key, as DynamoDB does. */
    private static Map<String, AttributeValue> values(JsonNode node) {
        if (!node.isObject()) {
            throw JsonFields.wrongType("ExpressionAttributeValues", "an object", node);
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getValue().isNull()) {
                throw DynamoException.validation("ExpressionAttributeValues contains invalid value: "
                        + AttributeValueJson.NULL_VALUE + " for key " + entry.getKey());
            }
            values.put(entry.getKey(), AttributeValueJson.read(entry.getValue(), "ExpressionAttributeValues." + entry.getKey()));
        }
        return values;
    }
}
