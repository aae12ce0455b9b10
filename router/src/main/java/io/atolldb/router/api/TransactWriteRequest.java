package io.atolldb.router.api;

import java.util.List;
import java.util.Map;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;

/**
 * A checked TransactWriteItems: its actions in request order and the optional ClientRequestToken.
 * Expressions were parsed and their placeholders resolved by the handler, as for the single writes.
 */
public record TransactWriteRequest(List<Action> actions, String clientRequestToken) {

    /** One of Put, Update, Delete, ConditionCheck; each names its table and carries its condition. */
    public sealed interface Action {
        String tableName();

        WriteCondition condition();

        /** ReturnValuesOnConditionCheckFailure ALL_OLD. */
        boolean returnOldOnConditionFailure();
    }

    public record Put(String tableName, Item item, WriteCondition condition, boolean returnOldOnConditionFailure)
            implements Action {
    }

    public record Update(String tableName, Map<String, AttributeValue> key, String updateExpression,
                         WriteCondition condition, boolean returnOldOnConditionFailure) implements Action {
    }

    public record Delete(String tableName, Map<String, AttributeValue> key, WriteCondition condition,
                         boolean returnOldOnConditionFailure) implements Action {
    }

    public record ConditionCheck(String tableName, Map<String, AttributeValue> key, WriteCondition condition,
                                 boolean returnOldOnConditionFailure) implements Action {
    }
}
