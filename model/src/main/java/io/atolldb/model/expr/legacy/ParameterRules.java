package io.atolldb.model.expr.legacy;

import io.atolldb.model.ValidationError;
import java.util.List;
import java.util.Set;

/**
 * DynamoDB's rules on which expression-related parameters may appear together in one request:
 * expression and non-expression (legacy) parameters cannot be mixed, and ExpressionAttributeNames
 * and ExpressionAttributeValues need an expression that can use them. Messages list the parameters
 * present in a fixed order per operation, as DynamoDB does.
 */
public final class ParameterRules {
    public static final String NAMES = "ExpressionAttributeNames";
    public static final String VALUES = "ExpressionAttributeValues";

    private ParameterRules() {
    }

    /** The operations with expression parameters, and each one's parameters in DynamoDB's order. */
    public enum Operation {
        GET_ITEM(List.of("ProjectionExpression"), List.of("AttributesToGet")),
        PUT_ITEM(List.of("ConditionExpression"), List.of("Expected", "ConditionalOperator")),
        DELETE_ITEM(List.of("ConditionExpression"), List.of("Expected", "ConditionalOperator")),
        UPDATE_ITEM(List.of("UpdateExpression", "ConditionExpression"),
                List.of("AttributeUpdates", "Expected", "ConditionalOperator")),
        QUERY(List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"),
                List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions")),
        SCAN(List.of("ProjectionExpression", "FilterExpression"), List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"));

        private final List<String> expressionParameters;
        private final List<String> legacyParameters;

        Operation(List<String> expressionParameters, List<String> legacyParameters) {
            this.expressionParameters = expressionParameters;
            this.legacyParameters = legacyParameters;
        }
    }

    /**
     * Checks the parameters a request carries ({@code present}: their names, e.g. "FilterExpression",
     * "ExpressionAttributeValues"). KeyConditions counts as legacy only next to a KeyConditionExpression.
     */
    public static void check(Operation operation, Set<String> present) {
        List<String> expressions = operation.expressionParameters.stream().filter(present::contains).toList();
        List<String> legacy = operation.legacyParameters.stream().filter(present::contains)
                .filter(p -> !p.equals("KeyConditions") || present.contains("KeyConditionExpression"))
                .toList();
        if (!expressions.isEmpty() && !legacy.isEmpty()) {
            throw new ValidationError("Can not use both expression and non-expression parameters in the same request: "
                    + "Non-expression parameters: {" + String.join(", ", legacy) + "} "
                    + "Expression parameters: {" + String.join(", ", expressions) + "}");
        }
        if (present.contains(NAMES) && expressions.isEmpty()) {
            throw new ValidationError("ExpressionAttributeNames can only be specified when using expressions");
        }
        List<String> takingValues = operation.expressionParameters.stream()
                .filter(p -> !p.equals("ProjectionExpression")).toList();
        if (present.contains(VALUES) && !takingValues.isEmpty() && takingValues.stream().noneMatch(present::contains)) {
            throw new ValidationError("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", takingValues) + (takingValues.size() > 1 ? " are" : " is") + " null");
        }
    }
}
