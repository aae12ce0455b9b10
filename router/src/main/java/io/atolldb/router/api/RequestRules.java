package io.atolldb.router.api;

import java.util.regex.Pattern;

/** Member rules shared by several operations: table names, write ReturnValues, unsupported parameters. */
final class RequestRules {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private RequestRules() {}

    /** Reads the required TableName member and checks it against DynamoDB's naming rules. */
    static String tableName(JsonFields request, Violations violations) {
        String name = request.string("TableName");
        if (violations.requirePresent(name, "tableName")) {
            checkTableName(name, "tableName", violations);
        }
        return name;
    }

    /** DynamoDB table names: 3 to 255 characters of [a-zA-Z0-9_.-]. */
    /** The optional IndexName of a Query or Scan: 3-255 characters of [a-zA-Z0-9_.-], as DynamoDB checks it. */
    static String indexName(JsonFields request, Violations violations) {
        String name = request.string("IndexName");
        if (name != null) {
            violations.checkLength(name, "indexName", 3, 255);
            if (!TABLE_NAME.matcher(name).matches()) {
                violations.add(name, "indexName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
            }
        }
        return name;
    }

    static void checkTableName(String name, String path, Violations violations) {
        if (!TABLE_NAME.matcher(name).matches()) {
            violations.add(name, path, "Member must satisfy regular expression pattern: " + TABLE_NAME.pattern());
        }
        violations.checkLength(name, path, 3, 255);
    }

    /** Reads ReturnValues of a PutItem or DeleteItem; {@code null} (absent or invalid) reads as NONE. */
    static ReturnValues writeReturnValues(JsonFields request, Violations violations) {
        ReturnValues value = violations.enumValue(request.string("ReturnValues"), "returnValues", ReturnValues.class);
        return value == null ? ReturnValues.NONE : value;
    }

    /** ReturnValuesOnConditionCheckFailure: true for ALL_OLD (answer the item that failed the condition). */
    static boolean returnOldOnConditionFailure(JsonFields request, Violations violations) {
        String value = request.string("ReturnValuesOnConditionCheckFailure");
        if (value == null || value.equals("NONE")) {
            return false;
        }
        if (value.equals("ALL_OLD")) {
            return true;
        }
        violations.add(value, "returnValuesOnConditionCheckFailure", "Member must satisfy enum value set: [ALL_OLD, NONE]");
        return false;
    }

    /** PutItem and DeleteItem can only return the old item or nothing. */
    static void requireNoneOrAllOld(ReturnValues value) {
        if (value != ReturnValues.NONE && value != ReturnValues.ALL_OLD) {
            throw DynamoException.invalidParameter("Return values set to invalid value");
        }
    }

    private enum ReturnItemCollectionMetrics { SIZE, NONE }

    /**
     * Checks the optional ReturnConsumedCapacity and ReturnItemCollectionMetrics members. Consumed
     * capacity is added to the response by {@link OperationHandler#handle}. ItemCollectionMetrics is
     * never answered: DynamoDB reports item collection metrics only for tables with local secondary
     * indexes (API reference, ItemCollectionMetrics), and AtollDB does not report them for those yet
     * (docs/compatibility.md), so SIZE is accepted and adds nothing.
     */
    static void checkReportingOptions(JsonFields request, Violations violations) {
        violations.enumValue(request.string("ReturnConsumedCapacity"), "returnConsumedCapacity", ReturnConsumedCapacity.class);
        violations.enumValue(
                request.string("ReturnItemCollectionMetrics"), "returnItemCollectionMetrics", ReturnItemCollectionMetrics.class);
    }

    /**
     * Rejects request members that DynamoDB supports but AtollDB does not yet, rather than silently
     * ignoring them and doing something the client did not ask for.
     */
    static void rejectUnsupported(JsonFields request, String... members) {
        for (String member : members) {
            if (request.has(member)) {
                throw DynamoException.validation("AtollDB does not support the parameter " + member + " yet");
            }
        }
    }
}
