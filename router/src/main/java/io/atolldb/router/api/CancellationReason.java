package io.atolldb.router.api;

import java.util.Map;

import io.atolldb.model.AttributeValue;

/**
 * Why one action of a cancelled transaction did not go through, as TransactionCanceledException's
 * CancellationReasons lists them, one per action in request order.
 *
 * @param code    None, ConditionalCheckFailed, TransactionConflict, ValidationError, ...
 * @param message null for None
 * @param item    the item that failed its condition, with ReturnValuesOnConditionCheckFailure ALL_OLD; or null
 */
public record CancellationReason(String code, String message, Map<String, AttributeValue> item) {
    public static final String NONE = "None";
    public static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    public static final String TRANSACTION_CONFLICT = "TransactionConflict";
    public static final String VALIDATION_ERROR = "ValidationError";

    public static CancellationReason none() {
        return new CancellationReason(NONE, null, null);
    }
}
