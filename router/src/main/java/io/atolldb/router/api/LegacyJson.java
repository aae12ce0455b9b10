package io.atolldb.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.expr.ast.ExpressionRenderer;
import io.atolldb.model.expr.legacy.AttributeUpdate;
import io.atolldb.model.expr.legacy.ComparisonOperator;
import io.atolldb.model.expr.legacy.ConditionalOperator;
import io.atolldb.model.expr.legacy.ExpectedCondition;
import io.atolldb.model.expr.legacy.FilterCondition;
import io.atolldb.model.expr.legacy.LegacyConditions;
import io.atolldb.model.expr.legacy.LegacyParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pre-expression parameters real clients still send (Expected, ConditionalOperator, AttributesToGet,
 * ScanFilter, QueryFilter, KeyConditions, AttributeUpdates), read from JSON and converted by the model
 * to the same trees as expressions, then rendered back to expression text: below the API there is
 * only one form. Each parameter is rendered with its own placeholder tag (Expected {@code c}, ScanFilter
 * {@code f}, AttributesToGet {@code p}; AttributeUpdates {@code u} where the table is known), so two of
 * them can share a request.
 */
final class LegacyJson {
    private LegacyJson() {
    }

    /** Expected (+ ConditionalOperator) as a write condition; empty when the request has none. */
    static Optional<WriteCondition> expected(JsonFields request) {
        JsonFields expected = request.object("Expected");
        if (expected == null) {
            return Optional.empty();
        }
        List<ExpectedCondition> conditions = new ArrayList<>();
        for (String attribute : expected.names()) {
            requireName(attribute);
            JsonFields entry = expected.requiredObject(attribute, () -> DynamoException.invalidParameter(
                    "ExpectedAttributeValue must not be null for Attribute: " + attribute));
            Optional<AttributeValue> value = Optional.ofNullable(entry.raw("Value"))
                    .map(node -> AttributeValueJson.read(node, "Expected." + attribute + ".Value"));
            conditions.add(new ExpectedCondition(attribute, value, Optional.ofNullable(entry.bool("Exists")),
                    operator(entry.string("ComparisonOperator")), valueList(entry)));
        }
        return LegacyConditions.expected(conditions, conditionalOperator(request))
                .map(condition -> ExpressionRenderer.render(condition, "c"))
                .map(r -> new WriteCondition(r.expression(), r.names(), r.values()));
    }

    /** ScanFilter or QueryFilter entries. */
    static List<FilterCondition> filter(JsonFields request, String member) {
        JsonFields filter = request.object(member);
        List<FilterCondition> conditions = new ArrayList<>();
        if (filter != null) {
            for (String attribute : filter.names()) {
                requireName(attribute);
                JsonFields entry = filter.requiredObject(attribute, () -> DynamoException.validation(
                        "The filter condition for an attribute cannot be null: " + attribute));
                ComparisonOperator operator = operator(entry.string("ComparisonOperator")).orElseThrow(() ->
                        DynamoException.validation("1 validation error detected: Value null at '" + member.substring(0, 1)
                                .toLowerCase(java.util.Locale.ROOT) + member.substring(1) + "." + attribute
                                + ".member.comparisonOperator' failed to satisfy constraint: Member must not be null"));
                conditions.add(new FilterCondition(attribute, operator, valueList(entry)));
            }
        }
        return conditions;
    }

    /** A ScanFilter rendered as a FilterExpression with its placeholders ("" when none). */
    static Optional<ExpressionRenderer.Rendered> scanFilter(JsonFields request) {
        return LegacyConditions.scanFilter(filter(request, "ScanFilter"), conditionalOperator(request))
                .map(condition -> ExpressionRenderer.render(condition, "f"));
    }

    /**
     * AttributesToGet rendered as a ProjectionExpression with its names; empty when absent. The list holds
     * 1 or more names (API reference: AttributeNameList), none empty.
     */
    static Optional<ExpressionRenderer.Rendered> attributesToGet(JsonFields request) {
        List<String> attributes = request.strings("AttributesToGet");
        if (attributes == null) {
            return Optional.empty();
        }
        if (attributes.isEmpty()) {
            throw DynamoException.validation("1 validation error detected: Value '[]' at 'attributesToGet' failed to "
                    + "satisfy constraint: Member must have length greater than or equal to 1");
        }
        if (attributes.contains("")) {
            throw DynamoException.validation("Empty attribute name");
        }
        return Optional.of(ExpressionRenderer.render(LegacyParameters.attributesToGet(attributes), "p"));
    }

    /** AttributeUpdates, checked against the key schema where the table is known. */
    static List<AttributeUpdate> attributeUpdates(JsonFields request) {
        JsonFields updates = request.object("AttributeUpdates");
        List<AttributeUpdate> parsed = new ArrayList<>();
        if (updates != null) {
            for (String attribute : updates.names()) {
                requireName(attribute);
                JsonFields entry = updates.requiredObject(attribute, () -> DynamoException.invalidParameter(
                        "AttributeValueUpdate must not be null for Attribute: " + attribute));
                Optional<AttributeValue> value = Optional.ofNullable(entry.raw("Value"))
                        .map(node -> AttributeValueJson.read(node, "AttributeUpdates." + attribute + ".Value"));
                String action = entry.string("Action");
                AttributeUpdate.Action parsedAction = action == null ? AttributeUpdate.Action.PUT : switch (action) {
                    case "PUT" -> AttributeUpdate.Action.PUT;
                    case "ADD" -> AttributeUpdate.Action.ADD;
                    case "DELETE" -> AttributeUpdate.Action.DELETE;
                    default -> throw DynamoException.validation("1 validation error detected: Value '" + action
                            + "' at 'attributeUpdates." + attribute + ".member.action' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: [ADD, PUT, DELETE]");
                };
                parsed.add(new AttributeUpdate(attribute, value, parsedAction));
            }
        }
        return parsed;
    }

    static Optional<ConditionalOperator> conditionalOperator(JsonFields request) {
        String operator = request.string("ConditionalOperator");
        if (operator == null) {
            return Optional.empty();
        }
        return switch (operator) {
            case "AND" -> Optional.of(ConditionalOperator.AND);
            case "OR" -> Optional.of(ConditionalOperator.OR);
            default -> throw DynamoException.validation("1 validation error detected: Value '" + operator
                    + "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]");
        };
    }

    /** A legacy parameter's attribute name, taken literally: it must not be empty (DynamoDB's wording). */
    private static void requireName(String attribute) {
        if (attribute.isEmpty()) {
            throw DynamoException.validation("Empty attribute name");
        }
    }

    private static Optional<ComparisonOperator> operator(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(ComparisonOperator.fromName(name).orElseThrow(() -> DynamoException.validation(
                "1 validation error detected: Value '" + name + "' at 'comparisonOperator' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, "
                        + "BEGINS_WITH, GE, CONTAINS]")));
    }

    private static List<AttributeValue> valueList(JsonFields entry) {
        JsonNode list = entry.raw("AttributeValueList");
        List<AttributeValue> values = new ArrayList<>();
        if (list != null) {
            if (!list.isArray()) {
                throw JsonFields.wrongType("AttributeValueList", "an array", list);
            }
            for (int i = 0; i < list.size(); i++) {
                values.add(AttributeValueJson.read(list.get(i), "AttributeValueList[" + i + "]"));
            }
        }
        return values;
    }
}
