package io.atolldb.router.api;

import java.util.Objects;

/**
 * An error the client sees as a DynamoDB error: its {@link ErrorType} decides the wire {@code __type} and
 * HTTP status, and the message is shown to the client as is. These are expected outcomes, not bugs, so
 * they carry no stack trace unless they wrap a cause.
 */
public class DynamoException extends RuntimeException {
    private final ErrorType type;
    private final transient java.util.Map<String, io.atolldb.model.AttributeValue> item;
    private final transient java.util.List<CancellationReason> cancellationReasons;

    public DynamoException(ErrorType type, String message) {
        super(message, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.item = null;
        this.cancellationReasons = null;
    }

    private DynamoException(ErrorType type, String message, java.util.Map<String, io.atolldb.model.AttributeValue> item) {
        super(message, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.item = item;
        this.cancellationReasons = null;
    }

    private DynamoException(String message, java.util.List<CancellationReason> reasons) {
        super(message, null, false, false);
        this.type = ErrorType.TransactionCanceledException;
        this.item = null;
        this.cancellationReasons = java.util.List.copyOf(reasons);
    }

    /**
     * TransactionCanceledException with one reason per action, in order; DynamoDB's message lists
     * their codes: "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]".
     */
    public static DynamoException transactionCanceled(java.util.List<CancellationReason> reasons) {
        return new DynamoException("Transaction cancelled, please refer cancellation reasons for specific reasons "
                + reasons.stream().map(CancellationReason::code).toList(), reasons);
    }

    /** The reasons of a TransactionCanceledException, or null. */
    public java.util.List<CancellationReason> cancellationReasons() {
        return cancellationReasons;
    }

    /**
     * ConditionalCheckFailedException; with ReturnValuesOnConditionCheckFailure=ALL_OLD it carries the
     * item that failed the condition ({@code null}: none, or not asked for).
     */
    public static DynamoException conditionFailed(java.util.Map<String, io.atolldb.model.AttributeValue> item) {
        return new DynamoException(ErrorType.ConditionalCheckFailedException, "The conditional request failed", item);
    }

    /** The item an error carries back (ConditionalCheckFailedException only), or null. */
    public java.util.Map<String, io.atolldb.model.AttributeValue> item() {
        return item;
    }

    public DynamoException(ErrorType type, String message, Throwable cause) {
        super(message, cause, false, true);
        this.type = Objects.requireNonNull(type, "type");
        this.item = null;
        this.cancellationReasons = null;
    }

    public ErrorType type() {
        return type;
    }

    public static DynamoException validation(String message) {
        return new DynamoException(ErrorType.ValidationException, message);
    }

    /** A ValidationException worded like DynamoDB's semantic checks: "One or more parameter values were invalid: ...". */
    public static DynamoException invalidParameter(String detail) {
        return validation("One or more parameter values were invalid: " + detail);
    }

    public static DynamoException serialization(String message) {
        return new DynamoException(ErrorType.SerializationException, message);
    }

    /** DynamoDB's answer when DescribeTable/DeleteTable name a table that does not exist. */
    public static DynamoException tableNotFound(String tableName) {
        return new DynamoException(
                ErrorType.ResourceNotFoundException, "Requested resource not found: Table: " + tableName + " not found");
    }

    /** DynamoDB's answer when CreateTable names a table that already exists. */
    public static DynamoException tableAlreadyExists(String tableName) {
        return new DynamoException(ErrorType.ResourceInUseException, "Table already exists: " + tableName);
    }

    @Override
    public String toString() {
        return type + ": " + getMessage();
    }
}
