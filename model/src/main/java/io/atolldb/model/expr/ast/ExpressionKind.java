package io.atolldb.model.expr.ast;

import io.atolldb.model.ValidationError;

/**
 * The request parameter an expression came from. It decides the grammar (conditions, updates or
 * projections) and names the parameter in error messages: "Invalid ConditionExpression: ...".
 */
public enum ExpressionKind {
    CONDITION("ConditionExpression"),
    FILTER("FilterExpression"),
    KEY_CONDITION("KeyConditionExpression"),
    UPDATE("UpdateExpression"),
    PROJECTION("ProjectionExpression");

    private final String parameter;

    ExpressionKind(String parameter) {
        this.parameter = parameter;
    }

    /** The request parameter's name, e.g. "FilterExpression". */
    public String parameter() {
        return parameter;
    }

    /** True for the kinds that use the condition grammar. */
    public boolean isCondition() {
        return this == CONDITION || this == FILTER || this == KEY_CONDITION;
    }

    /** The error DynamoDB reports for a problem in this expression: "Invalid &lt;parameter&gt;: &lt;detail&gt;". */
    public ValidationError error(String detail) {
        return new ValidationError("Invalid " + parameter + ": " + detail);
    }
}
