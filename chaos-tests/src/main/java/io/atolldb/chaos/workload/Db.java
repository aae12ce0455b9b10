package io.atolldb.chaos.workload;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.HistoryRecorder;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.HashMap;
import java.util.Map;

/**
 * The workloads' only door to the database: each call is one DynamoDB request through the AWS SDK
 * (no SDK retries, so one request is one operation), recorded in the history with its outcome. Items
 * live in one table keyed by the string attribute {@code pk}.
 */
public final class Db {
    /** The partition key attribute of the chaos table. */
    public static final String KEY = "pk";

    private final DynamoDbClient client;
    private final String table;
    private final HistoryRecorder history;

    public Db(DynamoDbClient client, String table, HistoryRecorder history) {
        this.client = client;
        this.table = table;
        this.history = history;
    }

    /** A consistent read of attribute {@code attribute} of item {@code key}; the result is its value or null. */
    public Op read(int clientId, Family family, String key, String attribute) {
        var pending = history.begin(clientId, family, key, OpKind.READ, null, null);
        try {
            var response = client.getItem(b -> b.tableName(table).key(key(key)).consistentRead(true));
            AttributeValue value = response.hasItem() ? response.item().get(attribute) : null;
            return pending.complete(Outcome.OK, value == null ? null : render(value), null);
        } catch (SdkException e) {
            return pending.complete(Outcomes.of(e), null, Outcomes.describe(e));
        }
    }

    /** Writes {@code value} into attribute {@code attribute} of item {@code key} (the whole item). */
    public Op write(int clientId, Family family, String key, String attribute, AttributeValue value) {
        var pending = history.begin(clientId, family, key, OpKind.WRITE, render(value), null);
        try {
            client.putItem(b -> b.tableName(table).item(item(key, attribute, value)));
            return pending.complete(Outcome.OK, null, null);
        } catch (SdkException e) {
            return pending.complete(Outcomes.of(e), null, Outcomes.describe(e));
        }
    }

    /**
     * Writes string {@code value} into attribute {@code attribute} of item {@code key} (the whole item)
     * with ReturnValues ALL_OLD; the result is the attribute's previous value, null if there was none.
     * Values being unique, a write that finds its own value was applied twice.
     */
    public Op swap(int clientId, Family family, String key, String attribute, String value) {
        var pending = history.begin(clientId, family, key, OpKind.SWAP, value, null);
        try {
            var response = client.putItem(b -> b.tableName(table).item(item(key, attribute, AttributeValue.fromS(value)))
                    .returnValues(ReturnValue.ALL_OLD));
            AttributeValue old = response.hasAttributes() ? response.attributes().get(attribute) : null;
            return pending.complete(Outcome.OK, old == null ? null : render(old), null);
        } catch (SdkException e) {
            return pending.complete(Outcomes.of(e), null, Outcomes.describe(e));
        }
    }

    /**
     * Adds a set element: item {@code key} holding the element in {@code attribute}, with ReturnValues
     * ALL_OLD; the result is the element the item held before (null: none, as it should be).
     */
    public Op add(int clientId, String key, String attribute, String element) {
        var pending = history.begin(clientId, Family.SET, key, OpKind.ADD, element, null);
        try {
            var response = client.putItem(b -> b.tableName(table).item(item(key, attribute, AttributeValue.fromS(element)))
                    .returnValues(ReturnValue.ALL_OLD));
            AttributeValue old = response.hasAttributes() ? response.attributes().get(attribute) : null;
            return pending.complete(Outcome.OK, old == null ? null : render(old), null);
        } catch (SdkException e) {
            return pending.complete(Outcomes.of(e), null, Outcomes.describe(e));
        }
    }

    /**
     * Compare-and-set with PutItem: writes {@code value} if the attribute equals {@code expected}
     * ({@code attribute_not_exists} when expected is null).
     */
    public Op putIfEquals(int clientId, Family family, String key, String attribute, String expected, String value) {
        var pending = history.begin(clientId, family, key, OpKind.CAS, value, expected);
        try {
            client.putItem(b -> {
                b.tableName(table).item(item(key, attribute, AttributeValue.fromS(value)))
                        .expressionAttributeNames(Map.of("#a", attribute));
                if (expected == null) {
                    b.conditionExpression("attribute_not_exists(#a)");
                } else {
                    b.conditionExpression("#a = :expected").expressionAttributeValues(Map.of(":expected", AttributeValue.fromS(expected)));
                }
            });
            return pending.complete(Outcome.OK, Op.APPLIED, null);
        } catch (SdkException e) {
            return completeCas(pending, e);
        }
    }

    /**
     * A conditional increment with UpdateItem: {@code SET #n = #n + :one} if {@code #n = :old}; recorded
     * as a compare-and-set from {@code old} to {@code old + 1}.
     */
    public Op incrementIfEquals(int clientId, String key, String attribute, long old) {
        var pending = history.begin(clientId, Family.COUNTER, key, OpKind.CAS, Long.toString(old + 1), Long.toString(old));
        try {
            client.updateItem(b -> b.tableName(table).key(key(key))
                    .updateExpression("SET #n = #n + :one")
                    .conditionExpression("#n = :old")
                    .expressionAttributeNames(Map.of("#n", attribute))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":old", AttributeValue.fromN(Long.toString(old)))));
            return pending.complete(Outcome.OK, Op.APPLIED, null);
        } catch (SdkException e) {
            return completeCas(pending, e);
        }
    }

    private static Op completeCas(HistoryRecorder.Pending pending, SdkException e) {
        if (Outcomes.conditionFailed(e)) {
            return pending.complete(Outcome.OK, Op.REJECTED, null);
        }
        return pending.complete(Outcomes.of(e), null, Outcomes.describe(e));
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(KEY, AttributeValue.fromS(key));
    }

    private static Map<String, AttributeValue> item(String key, String attribute, AttributeValue value) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(key));
        item.put(attribute, value);
        return item;
    }

    /** A string or number attribute as the string the history keeps. */
    private static String render(AttributeValue value) {
        return value.n() != null ? new java.math.BigDecimal(value.n()).stripTrailingZeros().toPlainString() : value.s();
    }
}
