package io.atolldb.node.partition;

import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.model.KeyCodec;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.proto.CommandBatch;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.RoutingError;

/**
 * A log entry as its replica judges it: {@link Accepted} when it is one command that parses, names an
 * operation and addresses an item this partition owns; {@link Rejected} with the reason when it is
 * not; a {@link Batch} when the entry carries several commands (group commit), each judged on its own.
 * The judgement depends only on the bytes and the bounds, so every replica reaches the same one.
 */
sealed interface CheckedCommand {

    /** A command this partition can apply; {@code key} is the item key it addresses. */
    record Accepted(PartitionCommand command, byte[] key) implements CheckedCommand {
    }

    /** A command this partition must not apply; {@code code} tells the caller how to recover. */
    record Rejected(RoutingError.Code code, String message) implements CheckedCommand {
    }

    /** The commands of one group-committed entry, in order; each is {@link Accepted} or {@link Rejected}. */
    record Batch(List<CheckedCommand> commands) implements CheckedCommand {
    }

    /** A command on the partition itself (a split, a barrier): addresses no item, never batched. */
    record PartitionLevel(PartitionCommand command) implements CheckedCommand {
    }

    static CheckedCommand of(byte[] bytes, PartitionBounds bounds) {
        PartitionCommand command;
        try {
            command = PartitionCommand.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return malformed("command is not a PartitionCommand: " + e.getMessage());
        }
        if (command.getKindCase() == PartitionCommand.KindCase.BATCH) {
            return batch(command.getBatch(), bounds);
        }
        if (command.getKindCase() == PartitionCommand.KindCase.SPLIT
                || command.getKindCase() == PartitionCommand.KindCase.BARRIER) {
            return new PartitionLevel(command);
        }
        return single(command, bounds);
    }

    private static CheckedCommand batch(CommandBatch batch, PartitionBounds bounds) {
        if (batch.getCommandsCount() == 0) {
            return malformed("command batch is empty");
        }
        return new Batch(batch.getCommandsList().stream()
                .map(command -> switch (command.getKindCase()) {
                    case BATCH -> malformed("a command batch cannot hold another batch");
                    case SPLIT, BARRIER -> malformed("a command batch cannot hold a partition-level command");
                    default -> single(command, bounds);
                })
                .toList());
    }

    private static CheckedCommand single(PartitionCommand command, PartitionBounds bounds) {
        // No default branch: a new kind of command does not compile until it is handled here.
        List<byte[]> keys = switch (command.getKindCase()) {
            case PUT -> List.of(command.getPut().getKey().toByteArray());
            case DELETE -> List.of(command.getDelete().getKey().toByteArray());
            case UPDATE -> List.of(command.getUpdate().getKey().toByteArray());
            case TRANSACT -> TxnActions.keys(command.getTransact().getActionsList());
            case PREPARE -> TxnActions.keys(command.getPrepare().getActionsList());
            case DECIDE -> List.of(command.getDecide().getKey().toByteArray());
            case FINISH -> List.of(command.getFinish().getKey().toByteArray());
            case RESOLVE -> List.of(command.getResolve().getKey().toByteArray());
            case FORGET -> List.of(command.getForget().getKey().toByteArray());
            case TOKEN -> List.of(command.getToken().getKey().toByteArray());
            case BATCH, SPLIT, BARRIER -> throw new AssertionError("batches and partition-level commands are judged by of()");
            case KIND_NOT_SET -> List.of();
        };
        if (keys.isEmpty()) {
            return malformed("command names no operation (put, delete, update or a transaction step)");
        }
        for (byte[] key : keys) {
            String keyProblem = keyProblem(key, bounds);
            if (keyProblem != null) {
                return KeyCodec.isItemKey(key)
                        ? new Rejected(RoutingError.Code.KEY_NOT_IN_PARTITION, keyProblem)
                        : malformed(keyProblem);
            }
        }
        return new Accepted(command, keys.getFirst());
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
