package io.atolldb.compat;

/**
 * What one operation answered, reduced to what must be equal on both servers: either the canonical
 * text of the response ({@code body}) or the error code. The error message is kept for the report but
 * not compared: DynamoDB's messages are documentation, not API.
 *
 * @param errorCode null for a success
 * @param body      canonical response, or for an error what else it carried (the item of a failed
 *                  condition with ReturnValuesOnConditionCheckFailure)
 * @param message   the error message, reported, not compared
 */
record Outcome(String errorCode, String body, String message) {
    static Outcome ok(String body) {
        return new Outcome(null, body, null);
    }

    static Outcome error(String code, String body, String message) {
        return new Outcome(code, body, message);
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
