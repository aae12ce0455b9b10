package io.atolldb.node.partition;

import java.util.List;
import java.util.Optional;

import io.atolldb.model.ValidationError;
import io.atolldb.proto.ConditionCheck;
import io.atolldb.proto.IndexMaintenance;
import io.atolldb.proto.TxnAction;
import io.atolldb.proto.WriteResult;

/**
 * The actions of a transaction as apply sees them: the item each addresses, its index maintenance, and
 * its decision ({@link ItemWrites}) against the stored item. A ConditionCheck is a write that changes
 * nothing: its condition is judged as a put's would be.
 */
final class TxnActions {
    private TxnActions() {
    }

    /** The item keys of {@code actions}, in order; empty when there are none or one names no action. */
    static List<byte[]> keys(List<TxnAction> actions) {
        List<byte[]> keys = new java.util.ArrayList<>();
        for (TxnAction action : actions) {
            byte[] key = key(action);
            if (key == null) {
                return List.of();
            }
            keys.add(key);
        }
        return keys;
    }

    /** The storage key an action addresses, or null when it names no action. */
    static byte[] key(TxnAction action) {
        return switch (action.getKindCase()) {
            case PUT -> action.getPut().getKey().toByteArray();
            case DELETE -> action.getDelete().getKey().toByteArray();
            case UPDATE -> action.getUpdate().getKey().toByteArray();
            case CHECK -> action.getCheck().getKey().toByteArray();
            case KIND_NOT_SET -> null;
        };
    }

    static Optional<IndexUpdates> indexes(TxnAction action) {
        IndexMaintenance maintenance = switch (action.getKindCase()) {
            case PUT -> action.getPut().getIndexes();
            case DELETE -> action.getDelete().getIndexes();
            case UPDATE -> action.getUpdate().getIndexes();
            case CHECK, KIND_NOT_SET -> IndexMaintenance.getDefaultInstance();
        };
        return IndexUpdates.of(maintenance);
    }

    /**
     * What the action does to {@code old}: the same decision a single write makes, including the index
     * key check of the item it would write. A failed ValidationError becomes an {@code invalid} reply.
     */
    static ItemWrites.Decision decide(TxnAction action, Optional<byte[]> old) {
        ItemWrites.Decision decision;
        try {
            decision = switch (action.getKindCase()) {
                case PUT -> ItemWrites.put(action.getPut(), old);
                case DELETE -> ItemWrites.delete(action.getDelete(), old);
                case UPDATE -> ItemWrites.update(action.getUpdate(), old);
                case CHECK -> check(action.getCheck(), old);
                case KIND_NOT_SET -> throw new AssertionError("checked commands name their actions");
            };
        } catch (ValidationError e) {
            return ItemWrites.Decision.unchanged(WriteResult.newBuilder().setInvalid(e.getMessage()));
        }
        Optional<IndexUpdates> indexes = indexes(action);
        if (decision.changes() && indexes.isPresent() && decision.replacement().isPresent()) {
            try {
                indexes.get().check(decision.replacement().get());
            } catch (ValidationError e) {
                return ItemWrites.Decision.unchanged(WriteResult.newBuilder().setInvalid(e.getMessage()));
            }
        }
        return decision;
    }

    private static ItemWrites.Decision check(ConditionCheck check, Optional<byte[]> old) {
        return ItemWrites.check(check.getExpressions(), old, check.getReturnOldOnConditionFailure());
    }
}
