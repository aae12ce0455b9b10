package io.atolldb.node.partition;

import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.model.KeyCodec;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.RoutingError;

/**
 * A partition command as its replica judges it: {@link Accepted} when it parses, names an
 * operation and addresses an item this partition owns; otherwise {@link Rejected} with the reason.
 * The judgement depends only on the bytes and the bounds, so every replica reaches the same one.
 */
sealed interface CheckedCommand {

    /** A command this partition can apply; {@code key} is the item key it addresses. */
    record Accepted(PartitionCommand command, byte[] key) implements CheckedCommand {
    }

    /** A command this partition must not apply; {@code code} tells the caller how to recover. */
    record Rejected(RoutingError.Code code, String message) implements CheckedCommand {
    }

    static CheckedCommand of(byte[] bytes, PartitionBounds bounds) {
        PartitionCommand command;
        try {
            command = PartitionCommand.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return malformed("command is not a PartitionCommand: " + e.getMessage());
        }
        if (command.getKindCase() == PartitionCommand.KindCase.KIND_NOT_SET) {
            return malformed("command names no operation (put, delete or update)");
        }
        // No default branch: a new kind of command does not compile until it is handled here.
        byte[] key = switch (command.getKindCase()) {
            case PUT -> command.getPut().getKey().toByteArray();
            case DELETE -> command.getDelete().getKey().toByteArray();
            case UPDATE -> command.getUpdate().getKey().toByteArray();
            case KIND_NOT_SET -> throw new AssertionError("checked above");
        };
        String keyProblem = keyProblem(key, bounds);
        if (keyProblem != null) {
            return KeyCodec.isItemKey(key)
                    ? new Rejected(RoutingError.Code.KEY_NOT_IN_PARTITION, keyProblem)
                    : malformed(keyProblem);
        }
        return new Accepted(command, key);
    }

    /** Why {@code key} is not an item key of the partition, or null when it is one. */
    static String keyProblem(byte[] key, PartitionBounds bounds) {
        if (!KeyCodec.isItemKey(key)) {
            return "key is not an item key";
        }
        long tableId = KeyCodec.tableIdOf(key);
        if (tableId != bounds.tableId()) {
            return "key belongs to table " + Long.toUnsignedString(tableId) + ", not to " + bounds;
        }
        long token = KeyCodec.tokenOf(key);
        if (!bounds.tokens().contains(token)) {
            return "key token " + Long.toUnsignedString(token) + " lies outside " + bounds;
        }
        return null;
    }

    private static Rejected malformed(String message) {
        return new Rejected(RoutingError.Code.CODE_UNSPECIFIED, message);
    }
}
