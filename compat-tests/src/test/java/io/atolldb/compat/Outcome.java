package io.atolldb.compat;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * What one operation answered, reduced to what must be equal on both servers: either the canonical
 * text of the response ({@code body}) or the error code. The error message is kept for the report but
 * not compared: DynamoDB's messages are documentation, not API.
 *
 * @param errorCode null for a success
 * @param body      canonical response, or for an error what else it carried (the item of a failed
 *                  condition with ReturnValuesOnConditionCheckFailure)
 * @param message   the error message, reported, not compared
 * @param attributes the Attributes a write returned, or null
 */
record Outcome(String errorCode, String body, String message, Map<String, AttributeValue> attributes) {
    static Outcome ok(String body) {
        return new Outcome(null, body, null, null);
    }

    /** A write's answer, keeping the returned attributes for {@link KnownDifferences}. */
    static Outcome written(Map<String, AttributeValue> attributes, boolean present) {
        return new Outcome(null, "attributes=" + Canonical.keyOrNull(attributes, present), null, present ? attributes : null);
    }

    static Outcome error(String code, String body, String message) {
        return new Outcome(code, body, message, null);
    }

    boolean isError() {
        return errorCode != null;
    }

    /** Equal for the comparison: same error code and body; messages may differ. */
    boolean sameAs(Outcome other) {
        return java.util.Objects.equals(errorCode, other.errorCode) && java.util.Objects.equals(body, other.body);
    }

    @Override
    public String toString() {
        return isError() ? "ERROR " + errorCode + " (" + message + ")" + (body.isEmpty() ? "" : " " + body) : body;
    }
}
