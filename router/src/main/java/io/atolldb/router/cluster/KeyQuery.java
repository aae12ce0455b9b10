package io.atolldb.router.cluster;

import com.google.protobuf.ByteString;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.KeySchema;
import io.atolldb.model.Keys;
import io.atolldb.model.OrderedEncoding;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.Tokens;
import io.atolldb.model.ValidationError;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.model.expr.Expressions;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ConditionPaths;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.key.KeyCondition;
import io.atolldb.model.expr.key.SortKeyCondition;
import io.atolldb.proto.RangeItem;
import io.atolldb.proto.RangeRequest;
import io.atolldb.proto.RangeResponse;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.router.api.CapacityUnits;
import io.atolldb.router.api.ConsumedCapacity;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.PageResult;
import io.atolldb.router.api.QueryRequest;
import io.atolldb.router.routing.PartitionCaller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads one page of a Query. A partition key's items are one contiguous run of storage keys in one
 * partition, sorted by sort key (KeyCodec), so the key condition becomes one key range: the partition
 * key's prefix, narrowed by the sort key bounds or begins_with prefix, and by ExclusiveStartKey.
 */
final class KeyQuery {
    private final PartitionCaller caller;

    KeyQuery(PartitionCaller caller) {
        this.caller = caller;
    }

    PageResult query(TableDescriptor table, QueryRequest request) {
        KeySchema schema = TableMapping.keySchema(table);
        long tableId = table.getTableId();
        Resolved resolved = resolve(request, schema);
        var expressions = resolved.expressions();
        KeyCondition condition = resolved.condition();
        long token = Tokens.of(tableId, condition.partitionKey());
        byte[] prefix = KeyCodec.partitionKeyPrefix(tableId, token, condition.partitionKey());
        byte[][] range = sortKeyRange(tableId, token, condition, prefix);
        byte[] from = range[0];
        byte[] to = range[1];
        if (request.exclusiveStartKey() != null) {
            byte[] start = startKey(schema, tableId, condition, request.exclusiveStartKey());
            if (request.scanForward()) {
                from = max(from, TableScanner.successor(start));
            } else {
                to = min(to, start);
            }
        }
        byte[] lower = from;
        byte[] upper = to;
        PartitionCaller.Target target = request.consistentRead() ? PartitionCaller.Target.LEADER : PartitionCaller.Target.NEAREST;
        RangeResponse response = caller.call(tableId, token, target, (stub, partition) -> stub.readRange(RangeRequest.newBuilder()
                        .setPartitionId(partition.getPartitionId()).setEpoch(partition.getEpoch())
                        .setConsistent(target == PartitionCaller.Target.LEADER)
                        .setMinAppliedIndex(caller.readFloor(partition, target == PartitionCaller.Target.LEADER))
                        .setFrom(ByteString.copyFrom(lower)).setTo(ByteString.copyFrom(upper)).setForward(request.scanForward())
                        .setLimit(request.limit()).setMaxBytes(TableScanner.PAGE_BYTES).build()),
                r -> r.hasRoutingError() ? r.getRoutingError() : null);
        List<Item> items = new ArrayList<>();
        byte[] lastKey = null;
        for (RangeItem entry : response.getResult().getItemsList()) {
            items.add(ItemCodec.decode(entry.getItem().toByteArray()));
            lastKey = entry.getKey().toByteArray();
        }
        // Reaching Limit means there may be more, unless the table has no sort key: then the key condition
        // names one item, and DynamoDB gives no LastEvaluatedKey for a Query that has read it.
        boolean more = response.getResult().getMore()
                || (request.limit() > 0 && items.size() >= request.limit() && schema.sortKey().isPresent());
        Map<String, AttributeValue> lastEvaluated = more && lastKey != null ? KeyCodec.primaryKeyOf(lastKey).toMap(schema) : null;
        var consumed = new ConsumedCapacity(request.tableName(), CapacityUnits.readPage(items, request.consistentRead()));
        return new PageShaper(expressions, request.select()).page(items, lastEvaluated, consumed);
    }


    /** A Query's key condition, resolved against a key schema, and the read expressions left to apply. */
    record Resolved(KeyCondition condition, io.atolldb.router.api.ReadExpressions expressions) {
    }

    /**
     * Resolves the key condition against {@code schema} (the table's or an index's). Legacy
     * KeyConditions and QueryFilter need the key schema, so they are converted here, the filter into
     * an expression.
     */
    static Resolved resolve(QueryRequest request, KeySchema schema) {
        var expressions = request.expressions();
        KeyCondition condition;
        if (request.legacy() != null) {
            condition = io.atolldb.model.expr.legacy.LegacyParameters.keyConditions(request.legacy().keyConditions(), schema);
            var filter = io.atolldb.model.expr.legacy.LegacyConditions.queryFilter(request.legacy().queryFilter(),
                    request.legacy().conditionalOperator(), schema);
            if (filter.isPresent()) {
                var rendered = io.atolldb.model.expr.ast.ExpressionRenderer.render(filter.get());
                var names = new java.util.LinkedHashMap<>(expressions.names());
                names.putAll(rendered.names());
                expressions = new io.atolldb.router.api.ReadExpressions("", rendered.expression(), expressions.projection(),
                        names, rendered.values());
            }
        } else {
            var resolver = Expressions.resolver(expressions.names(), expressions.values());
            condition = resolver.keyCondition(expressions.keyCondition(), schema);
            if (!expressions.filter().isEmpty()) {
                refuseKeyAttributesInFilter(resolver.condition(expressions.filter(), ExpressionKind.FILTER), schema);
            }
        }
        return new Resolved(condition, expressions);
    }

    /** Query API reference: a filter expression cannot contain partition key or sort key attributes. */
    private static void refuseKeyAttributesInFilter(Condition filter, KeySchema schema) {
        for (Path path : ConditionPaths.of(filter)) {
            String attribute = path.attribute();
            if (attribute.equals(schema.partitionKey().name())
                    || schema.sortKey().map(KeySchema.KeyAttribute::name).filter(attribute::equals).isPresent()) {
                throw DynamoException.validation("Filter Expression can only contain non-primary key attributes: "
                        + "Primary key attribute: " + attribute);
            }
        }
    }

    /** [from, to) of the storage keys the key condition selects. */
    private static byte[][] sortKeyRange(long tableId, long token, KeyCondition condition, byte[] prefix) {
        byte[] end = KeyCodec.prefixEnd(prefix);
        if (condition.sortKey().isEmpty()) {
            return new byte[][] {prefix, end};
        }
        return switch (condition.sortKey().get()) {
            case SortKeyCondition.BeginsWith beginsWith -> {
                byte[] p = KeyCodec.sortKeyBeginsWithPrefix(tableId, token, condition.partitionKey(), beginsWith.prefix());
                yield new byte[][] {p, KeyCodec.prefixEnd(p)};
            }
            case SortKeyCondition.Range r -> new byte[][] {
                    r.lower().map(v -> r.lowerInclusive() ? concat(prefix, v) : TableScanner.successor(concat(prefix, v))).orElse(prefix),
                    r.upper().map(v -> r.upperInclusive() ? TableScanner.successor(concat(prefix, v)) : concat(prefix, v)).orElse(end)};
        };
    }

    private static byte[] startKey(KeySchema schema, long tableId, KeyCondition condition, Map<String, AttributeValue> key) {
        PrimaryKey start;
        try {
            start = Keys.extractKey(schema, key);
        } catch (ValidationError e) {
            throw DynamoException.validation("The provided starting key is invalid: " + e.getMessage());
        }
        if (!start.partitionKey().equals(condition.partitionKey())) {
            throw DynamoException.validation("The provided starting key does not match the range key predicate");
        }
        return KeyCodec.itemKey(tableId, Tokens.of(tableId, start.partitionKey()), start.partitionKey(), start.sortKey());
    }

    private static byte[] concat(byte[] prefix, AttributeValue sortKey) {
        byte[] encoded = OrderedEncoding.encodeKeyValue(sortKey);
        byte[] key = Arrays.copyOf(prefix, prefix.length + encoded.length);
        System.arraycopy(encoded, 0, key, prefix.length, encoded.length);
        return key;
    }

    private static byte[] max(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
