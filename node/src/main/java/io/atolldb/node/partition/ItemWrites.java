package io.atolldb.node.partition;

import com.google.protobuf.ByteString;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.Items;
import io.atolldb.model.KeySchema;
import io.atolldb.model.Keys;
import io.atolldb.model.ValidationError;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.model.expr.ExpressionResolver;
import io.atolldb.model.expr.Expressions;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.update.UpdateResult;
import io.atolldb.proto.DeleteItem;
import io.atolldb.proto.KeyElement;
import io.atolldb.proto.PutItem;
import io.atolldb.proto.UpdateItem;
import io.atolldb.proto.WriteExpressions;
import io.atolldb.proto.WriteResult;

import java.util.Map;
import java.util.Optional;

/**
 * Decides, inside apply, what one item write does: evaluates its condition against the stored item,
 * applies an update expression, and chooses what the reply carries, including the DynamoDB sizes of
 * the item before and after (the router's write capacity arithmetic needs them, and only apply knows
 * the replaced item). Everything here is a function of the command and the stored item, so every
 * replica decides the same (the router already rejected malformed expressions; errors that only the
 * stored item can reveal, such as adding a number to a string, are decided here and answered as
 * DynamoDB's ValidationException, writing nothing).
 */
final class ItemWrites {
    private ItemWrites() {
    }

    /** The outcome: the new stored value (absent: delete; null: no change) and the reply. */
    record Decision(Optional<byte[]> replacement, boolean changes, WriteResult.Builder reply) {
        static Decision unchanged(WriteResult.Builder reply) {
            return new Decision(Optional.empty(), false, reply);
        }
    }

    static Decision put(PutItem put, Optional<byte[]> old) {
        if (!conditionHolds(put.getExpressions(), old)) {
            return failed(old, put.getReturnOldOnConditionFailure());
        }
        var reply = WriteResult.newBuilder();
        if (put.getReturnOld()) {
            withOld(reply, old);
        }
        byte[] item = put.getItem().toByteArray();
        reply.setOldSize(size(old)).setNewSize(size(Optional.of(item)));
        return new Decision(Optional.of(item), true, reply);
    }

    static Decision delete(DeleteItem delete, Optional<byte[]> old) {
        if (!conditionHolds(delete.getExpressions(), old)) {
            return failed(old, delete.getReturnOldOnConditionFailure());
        }
        var reply = WriteResult.newBuilder();
        if (delete.getReturnOld()) {
            withOld(reply, old);
        }
        reply.setOldSize(size(old));
        return new Decision(Optional.empty(), old.isPresent(), reply);
    }

    /** A transaction's ConditionCheck: the condition alone; the item stays as it is. */
    static Decision check(WriteExpressions expressions, Optional<byte[]> old, boolean returnOldOnFailure) {
        if (!conditionHolds(expressions, old)) {
            return failed(old, returnOldOnFailure);
        }
        return Decision.unchanged(WriteResult.newBuilder().setOldSize(size(old)));
    }

    static Decision update(UpdateItem update, Optional<byte[]> old) {
        if (!conditionHolds(update.getExpressions(), old)) {
            return failed(old, update.getReturnOldOnConditionFailure());
        }
        Optional<Item> oldItem = old.map(ItemCodec::decode);
        Item keyItem = ItemCodec.decode(update.getKeyAttributes().toByteArray());
        KeySchema schema = schema(update);
        UpdateResult result;
        try {
            if (update.getUpdateExpression().isEmpty()) {
                result = new UpdateResult(oldItem.orElse(keyItem), java.util.Set.of(), java.util.List.of());
            } else {
                var expression = resolver(update.getExpressions()).update(update.getUpdateExpression());
                result = Expressions.apply(expression, oldItem, Keys.keyOfItem(schema, keyItem), schema);
            }
            if (Items.size(result.item()) > Items.MAX_ITEM_BYTES) {
                throw new ValidationError("Item size to update has exceeded the maximum allowed size");
            }
        } catch (ValidationError e) {
            return Decision.unchanged(WriteResult.newBuilder().setInvalid(e.getMessage()));
        }
        byte[] replacement = ItemCodec.encode(result.item());
        var reply = WriteResult.newBuilder();
        switch (update.getReturnValues()) {
            case RETURN_VALUES_ALL_OLD -> withOld(reply, old);
            case RETURN_VALUES_UPDATED_OLD -> reply.setOldItem(encode(result.updatedOld(oldItem)));
            case RETURN_VALUES_ALL_NEW -> reply.setHasNew(true).setNewItem(ByteString.copyFrom(replacement));
            case RETURN_VALUES_UPDATED_NEW -> reply.setHasNew(true).setNewItem(encode(result.updatedNew()));
            case RETURN_VALUES_NONE, UNRECOGNIZED -> { }
        }
        reply.addAllUpdatedAttributes(result.updatedAttributes());
        reply.setOldSize(oldItem.map(Items::size).orElse(0L)).setNewSize(Items.size(result.item()));
        return new Decision(Optional.of(replacement), true, reply);
    }

    private static boolean conditionHolds(WriteExpressions expressions, Optional<byte[]> old) {
        if (expressions.getConditionExpression().isEmpty()) {
            return true;
        }
        var condition = resolver(expressions).condition(expressions.getConditionExpression(), ExpressionKind.CONDITION);
        return Expressions.matches(condition, old.map(ItemCodec::decode));
    }

    private static Decision failed(Optional<byte[]> old, boolean returnOld) {
        var reply = WriteResult.newBuilder().setConditionFailed(true).setOldSize(size(old));
        if (returnOld) {
            withOld(reply, old);
        }
        return Decision.unchanged(reply);
    }

    /**
     * An encoded item's DynamoDB size (0 when absent): the router turns the sizes before and after a
     * write into write capacity units, which only apply knows for a replaced or updated item.
     */
    private static long size(Optional<byte[]> item) {
        return item.map(bytes -> Items.size(ItemCodec.decode(bytes))).orElse(0L);
    }

    /** had_old says whether old_item carries the item that was replaced. */
    private static void withOld(WriteResult.Builder reply, Optional<byte[]> old) {
        reply.setHadOld(old.isPresent());
        old.ifPresent(bytes -> reply.setOldItem(ByteString.copyFrom(bytes)));
    }

    private static ExpressionResolver resolver(WriteExpressions expressions) {
        Map<String, AttributeValue> values = expressions.getValues().isEmpty()
                ? Map.of() : ItemCodec.decodeKey(expressions.getValues().toByteArray());
        return Expressions.resolver(expressions.getNamesMap(), values);
    }

    private static KeySchema schema(UpdateItem update) {
        var elements = update.getKeySchemaList();
        return new KeySchema(attribute(elements.getFirst()),
                elements.size() > 1 ? Optional.of(attribute(elements.get(1))) : Optional.empty());
    }

    private static KeySchema.KeyAttribute attribute(KeyElement element) {
        return new KeySchema.KeyAttribute(element.getAttributeName(), switch (element.getType()) {
            case KEY_TYPE_N -> KeySchema.ScalarType.N;
            case KEY_TYPE_B -> KeySchema.ScalarType.B;
            default -> KeySchema.ScalarType.S;
        });
    }

    private static ByteString encode(Map<String, AttributeValue> attributes) {
        return ByteString.copyFrom(ItemCodec.encode(new Item(attributes)));
    }
}
