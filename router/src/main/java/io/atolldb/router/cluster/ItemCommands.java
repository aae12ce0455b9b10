package io.atolldb.router.cluster;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.protobuf.ByteString;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.model.expr.ast.ExpressionRenderer;
import io.atolldb.model.expr.legacy.AttributeUpdate;
import io.atolldb.model.expr.legacy.LegacyParameters;
import io.atolldb.proto.ConditionCheck;
import io.atolldb.proto.DeleteItem;
import io.atolldb.proto.KeyElement;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.PutItem;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TxnAction;
import io.atolldb.proto.UpdateItem;
import io.atolldb.router.api.DeleteItemRequest;
import io.atolldb.router.api.PutItemRequest;
import io.atolldb.router.api.ReturnValues;
import io.atolldb.router.api.TransactWriteRequest;
import io.atolldb.router.api.UpdateItemRequest;
import io.atolldb.router.api.WriteCondition;

/**
 * Builds the partition commands of item writes, for the single-item, batch and transaction paths
 * alike: the typed request, the item's {@link ItemAddress} and its table's descriptor become a
 * {@code PutItem}, {@code DeleteItem}, {@code UpdateItem} or {@code ConditionCheck} carrying the storage
 * key, the condition ({@link WriteExpressionsMapping}) and the table's index definitions
 * ({@link TableMapping#indexMaintenance}), so that apply needs nothing but the command and the stored
 * item. A single write is wrapped in a {@link #command new command}; a transaction's actions are
 * wrapped in a {@code TxnAction} for the transaction's own commands.
 */
final class ItemCommands {
    /** The placeholder tag of legacy AttributeUpdates rendered as an update expression: {@code #un0, :uv0, ...}. */
    static final String ATTRIBUTE_UPDATES_TAG = "u";

    private final Clock clock;

    ItemCommands(Clock clock) {
        this.clock = clock;
    }

    /**
     * A new command, stamped at {@code nowMillis}: a fresh request id, which the partition's request
     * ledger uses to apply a retried copy once (so the caller keeps it across retries), and the
     * router's wall-clock time, so that apply never reads a clock.
     */
    static PartitionCommand.Builder command(long nowMillis) {
        return PartitionCommand.newBuilder().setRequestId(UUID.randomUUID().toString()).setTimestampMillis(nowMillis);
    }

    /** A new command stamped now. */
    PartitionCommand.Builder command() {
        return command(clock.millis());
    }

    /** PutItem; the old item comes back for ReturnValues ALL_OLD. */
    PartitionCommand put(TableDescriptor table, ItemAddress address, PutItemRequest request) {
        return command().setPut(putItem(table, address, request.item(), request.condition(),
                request.returnOldOnConditionFailure()).setReturnOld(request.returnValues() == ReturnValues.ALL_OLD)).build();
    }

    /** DeleteItem; the old item comes back for ReturnValues ALL_OLD. */
    PartitionCommand delete(TableDescriptor table, ItemAddress address, DeleteItemRequest request) {
        return command().setDelete(deleteItem(table, address, request.condition(), request.returnOldOnConditionFailure())
                .setReturnOld(request.returnValues() == ReturnValues.ALL_OLD)).build();
    }

    /** UpdateItem, legacy AttributeUpdates included (see {@link #updateOf}). */
    PartitionCommand update(TableDescriptor table, ItemAddress address, UpdateItemRequest request) {
        Update update = updateOf(table, request);
        return command().setUpdate(updateItem(table, address, request.key(), update.expression(), update.condition(),
                request.returnOldOnConditionFailure())
                .setReturnValues(WriteExpressionsMapping.returnValues(request.returnValues()))).build();
    }

    /** One action of a TransactWriteItems, for {@code TransactInPartition} or {@code TxnPrepare}. */
    static TxnAction action(TableDescriptor table, ItemAddress address, TransactWriteRequest.Action action) {
        WriteCondition condition = action.condition();
        boolean returnOld = action.returnOldOnConditionFailure();
        return switch (action) {
            case TransactWriteRequest.Put put -> TxnAction.newBuilder()
                    .setPut(putItem(table, address, put.item(), condition, returnOld)).build();
            case TransactWriteRequest.Delete delete -> TxnAction.newBuilder()
                    .setDelete(deleteItem(table, address, condition, returnOld)).build();
            case TransactWriteRequest.Update update -> TxnAction.newBuilder().setUpdate(
                    updateItem(table, address, update.key(), update.updateExpression(), condition, returnOld)).build();
            case TransactWriteRequest.ConditionCheck check -> TxnAction.newBuilder().setCheck(ConditionCheck.newBuilder()
                    .setKey(checked(table, address)).setExpressions(WriteExpressionsMapping.of(condition))
                    .setReturnOldOnConditionFailure(returnOld)).build();
        };
    }

    /** An update as it is sent: its expression ("" for none) and the condition whose placeholders it shares. */
    record Update(String expression, WriteCondition condition) {
    }

    /**
     * The update an UpdateItem sends. With legacy AttributeUpdates, which replace the update expression,
     * they are checked against the table's key schema (a key attribute cannot be updated) and rendered
     * as an expression tagged {@value #ATTRIBUTE_UPDATES_TAG} ({@code #un0, :uv0, ...}), whose placeholders
     * join the condition's (a legacy Expected, tagged {@code c}).
     */
    static Update updateOf(TableDescriptor table, UpdateItemRequest request) {
        List<AttributeUpdate> attributeUpdates = request.attributeUpdates();
        if (attributeUpdates.isEmpty()) {
            return new Update(request.updateExpression(), request.condition());
        }
        var rendered = ExpressionRenderer.render(
                LegacyParameters.attributeUpdates(attributeUpdates, TableMapping.keySchema(table)), ATTRIBUTE_UPDATES_TAG);
        WriteCondition condition = request.condition();
        return new Update(rendered.expression(), new WriteCondition(condition.expression(),
                joined(condition.names(), rendered.names()), joined(condition.values(), rendered.values())));
    }

    private static PutItem.Builder putItem(TableDescriptor table, ItemAddress address, Item item,
                                           WriteCondition condition, boolean returnOldOnConditionFailure) {
        return PutItem.newBuilder().setKey(checked(table, address))
                .setItem(ByteString.copyFrom(ItemCodec.encode(item)))
                .setExpressions(WriteExpressionsMapping.of(condition))
                .setReturnOldOnConditionFailure(returnOldOnConditionFailure)
                .setIndexes(TableMapping.indexMaintenance(table));
    }

    private static DeleteItem.Builder deleteItem(TableDescriptor table, ItemAddress address, WriteCondition condition,
                                                 boolean returnOldOnConditionFailure) {
        return DeleteItem.newBuilder().setKey(checked(table, address))
                .setExpressions(WriteExpressionsMapping.of(condition))
                .setReturnOldOnConditionFailure(returnOldOnConditionFailure)
                .setIndexes(TableMapping.indexMaintenance(table));
    }

    /** {@code keyAttributes} is the request's Key, from which apply creates an item that does not exist yet. */
    private static UpdateItem.Builder updateItem(TableDescriptor table, ItemAddress address,
                                                 Map<String, AttributeValue> keyAttributes, String updateExpression,
                                                 WriteCondition condition, boolean returnOldOnConditionFailure) {
        return UpdateItem.newBuilder().setKey(checked(table, address))
                .setKeyAttributes(ByteString.copyFrom(ItemCodec.encode(new Item(keyAttributes))))
                .addAllKeySchema(keySchema(table))
                .setUpdateExpression(updateExpression)
                .setExpressions(WriteExpressionsMapping.of(condition))
                .setReturnOldOnConditionFailure(returnOldOnConditionFailure)
                .setIndexes(TableMapping.indexMaintenance(table));
    }

    /** The table's key attributes, partition key first. */
    private static List<KeyElement> keySchema(TableDescriptor table) {
        return table.hasSortKey() ? List.of(table.getPartitionKey(), table.getSortKey()) : List.of(table.getPartitionKey());
    }

    /** The address's storage key, once it is known to be of {@code table}: the command carries that table's indexes. */
    private static ByteString checked(TableDescriptor table, ItemAddress address) {
        if (address.tableId() != table.getTableId()) {
            throw new IllegalArgumentException("an item of table " + address.tableId() + " addressed with the descriptor of table "
                    + table.getTableId());
        }
        return address.storageKey();
    }

    /** Two sets of placeholders of one request; renderings with distinct tags never share a placeholder. */
    private static <V> Map<String, V> joined(Map<String, V> first, Map<String, V> second) {
        Map<String, V> joined = new LinkedHashMap<>(first);
        second.forEach((placeholder, value) -> {
            if (joined.putIfAbsent(placeholder, value) != null) {
                throw new IllegalStateException("placeholder " + placeholder + " rendered twice");
            }
        });
        return joined;
    }
}
