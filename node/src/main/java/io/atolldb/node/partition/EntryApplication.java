package io.atolldb.node.partition;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.model.ValidationError;
import io.atolldb.node.storage.Mutation;
import io.atolldb.node.storage.PartitionStore;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResult;

/**
 * Applies the commands of one log entry, in order, and gathers every change they make into the one
 * write batch that also records the entry's index. A group-committed entry carries many commands, so
 * a command must see what the earlier commands of the same entry wrote before it reaches the store:
 * items, remembered request ids and the partition's stats are read through this entry's pending
 * changes first. Secondary index entries follow each item change ({@link IndexUpdates}); they need no
 * pending view of their own, because they are derived from the (pending) items and written in order.
 *
 * <p>Not thread-safe: one instance per entry, used by the thread that applies it.
 */
final class EntryApplication {
    private final PartitionStore store;
    private final RequestLedger ledger;
    private final long index;
    private final List<Mutation> mutations = new ArrayList<>();
    /** Item key -> its value after the commands applied so far (empty: deleted). */
    private final Map<ByteBuffer, Optional<byte[]>> written = new HashMap<>();
    /** Request id -> the reply given to it by an earlier command of this entry. */
    private final Map<String, byte[]> answered = new HashMap<>();
    private PartitionStats stats;
    private boolean expired;

    EntryApplication(PartitionStore store, RequestLedger ledger, long index) {
        this.store = store;
        this.ledger = ledger;
        this.index = index;
    }

    /** Applies one accepted command and returns its reply. */
    WriteResponse apply(CheckedCommand.Accepted accepted) {
        PartitionCommand command = accepted.command();
        if (!expired) {
            // Once per entry, against the first command's time: expiry stays bounded and deterministic.
            mutations.addAll(ledger.expire(command.getTimestampMillis()));
            expired = true;
        }
        Optional<byte[]> earlier = earlierReply(command.getRequestId());
        if (earlier.isPresent()) {
            // A retry of a write already applied: answer as then, change nothing.
            return parse(earlier.get());
        }
        byte[] key = accepted.key();
        Optional<byte[]> old = current(key);
        ItemWrites.Decision decision;
        try {
            decision = switch (command.getKindCase()) {
                case PUT -> ItemWrites.put(command.getPut(), old);
                case DELETE -> ItemWrites.delete(command.getDelete(), old);
                case UPDATE -> ItemWrites.update(command.getUpdate(), old);
                case BATCH, KIND_NOT_SET -> throw new AssertionError("accepted commands are single writes");
            };
        } catch (ValidationError e) {
            decision = ItemWrites.Decision.unchanged(WriteResult.newBuilder().setInvalid(e.getMessage()));
        }
        Optional<IndexUpdates> indexes = IndexUpdates.of(switch (command.getKindCase()) {
            case PUT -> command.getPut().getIndexes();
            case DELETE -> command.getDelete().getIndexes();
            default -> command.getUpdate().getIndexes();
        });
        if (decision.changes() && indexes.isPresent() && decision.replacement().isPresent()) {
            try {
                indexes.get().check(decision.replacement().get());
            } catch (ValidationError e) {
                // An index key of the wrong type (an update can make one): the whole write is refused.
                decision = ItemWrites.Decision.unchanged(WriteResult.newBuilder().setInvalid(e.getMessage()));
            }
        }
        if (decision.changes()) {
            written.put(ByteBuffer.wrap(key), decision.replacement());
            mutations.add(decision.replacement().<Mutation>map(value -> new Mutation.Put(key, value))
                    .orElseGet(() -> new Mutation.Delete(key)));
            Optional<byte[]> replacement = decision.replacement();
            indexes.ifPresent(updates -> mutations.addAll(updates.changes(store.bounds().partitionId(), old, replacement)));
            stats = stats().after(old, decision.replacement());
        }
        WriteResponse reply = WriteResponse.newBuilder().setResult(decision.reply().setAppliedIndex(index)).build();
        if (!command.getRequestId().isEmpty()) {
            byte[] bytes = reply.toByteArray();
            answered.put(command.getRequestId(), bytes);
            mutations.addAll(ledger.remember(command.getRequestId(), command.getTimestampMillis(), bytes));
        }
        return reply;
    }

    /** Every change of the entry, to be written in one batch with its index. */
    List<Mutation> mutations() {
        if (stats != null) {
            mutations.add(stats.write(store));
            stats = null;
        }
        return mutations;
    }

    private Optional<byte[]> current(byte[] key) {
        Optional<byte[]> pending = written.get(ByteBuffer.wrap(key));
        return pending != null ? pending : store.get(key);
    }

    private Optional<byte[]> earlierReply(String requestId) {
        byte[] pending = answered.get(requestId);
        return pending != null ? Optional.of(pending) : ledger.replyTo(requestId);
    }

    private PartitionStats stats() {
        return stats != null ? stats : PartitionStats.read(store);
    }

    private static WriteResponse parse(byte[] reply) {
        try {
            return WriteResponse.parseFrom(reply);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a remembered reply is not a WriteResponse", e);
        }
    }
}
