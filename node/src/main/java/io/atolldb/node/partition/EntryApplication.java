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
import io.atolldb.proto.TxnLock;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResult;

/**
 * Applies the commands of one log entry, in order, and gathers every change they make into the one
 * write batch that also records the entry's index. A group-committed entry carries many commands, so
 * a command must see what the earlier commands of the same entry wrote before it reaches the store:
 * items, remembered request ids and the partition's stats are read through this entry's pending
 * changes first. Secondary index entries follow each item change ({@link IndexUpdates}); they need no
 * pending view of their own, because they are derived from the (pending) items and written in order.
 * Transaction steps ({@link Transactions}) read and write items and partition metadata (locks,
 * prepared actions, decisions) through the same pending view, and a plain write to an item a
 * transaction has locked is refused with the lock's owner (TransactionConflictException).
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
    /** Request ids whose kept reply an earlier command of this entry dropped. */
    private final java.util.Set<String> forgotten = new java.util.HashSet<>();
    /** Partition metadata key -> its value after the commands applied so far (empty: deleted). */
    private final Map<ByteBuffer, Optional<byte[]>> metadataWritten = new HashMap<>();
    private final Transactions transactions = new Transactions(this);
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
        WriteResult.Builder result;
        if (Transactions.handles(command)) {
            result = transactions.apply(command);
        } else {
            byte[] key = accepted.key();
            Optional<TxnLock> lock = transactions.lockOn(key);
            if (lock.isPresent()) {
                // The item is being written by a transaction in flight: refused, not remembered (it
                // changed nothing, and the router retries it once the transaction is resolved).
                return WriteResponse.newBuilder().setResult(WriteResult.newBuilder()
                        .setConflict(lock.get()).setAppliedIndex(index)).build();
            }
            result = writeSingle(command, key);
        }
        WriteResponse reply = WriteResponse.newBuilder().setResult(result.setAppliedIndex(index)).build();
        remember(command.getRequestId(), command.getTimestampMillis(), reply.toByteArray());
        return reply;
    }

    private WriteResult.Builder writeSingle(PartitionCommand command, byte[] key) {
        Optional<byte[]> old = current(key);
        ItemWrites.Decision decision;
        try {
            decision = switch (command.getKindCase()) {
                case PUT -> ItemWrites.put(command.getPut(), old);
                case DELETE -> ItemWrites.delete(command.getDelete(), old);
                case UPDATE -> ItemWrites.update(command.getUpdate(), old);
                default -> throw new AssertionError("single writes only: " + command.getKindCase());
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
        writeItem(key, old, decision, indexes);
        return decision.reply();
    }

    /** Carries out a decided item write: the item, its index entries and the partition's stats. */
    void writeItem(byte[] key, Optional<byte[]> old, ItemWrites.Decision decision, Optional<IndexUpdates> indexes) {
        if (!decision.changes()) {
            return;
        }
        written.put(ByteBuffer.wrap(key), decision.replacement());
        mutations.add(decision.replacement().<Mutation>map(value -> new Mutation.Put(key, value))
                .orElseGet(() -> new Mutation.Delete(key)));
        Optional<byte[]> replacement = decision.replacement();
        indexes.ifPresent(updates -> mutations.addAll(updates.changes(store.bounds().partitionId(), old, replacement)));
        stats = stats().after(old, decision.replacement());
    }

    /** The item stored under {@code key} as the commands applied so far left it. */
    Optional<byte[]> current(byte[] key) {
        Optional<byte[]> pending = written.get(ByteBuffer.wrap(key));
        return pending != null ? pending : store.get(key);
    }

    /** A partition metadata value as the commands applied so far left it. */
    Optional<byte[]> metadata(byte[] key) {
        Optional<byte[]> pending = metadataWritten.get(ByteBuffer.wrap(key));
        return pending != null ? pending : store.getMetadata(key);
    }

    void putMetadata(byte[] key, byte[] value) {
        metadataWritten.put(ByteBuffer.wrap(key), Optional.of(value));
        mutations.add(new Mutation.Put(key, value));
    }

    void deleteMetadata(byte[] key) {
        metadataWritten.put(ByteBuffer.wrap(key), Optional.empty());
        mutations.add(new Mutation.Delete(key));
    }

    /** Keeps {@code reply} under {@code requestId} (if any) for the ledger's retention. */
    void remember(String requestId, long timestampMillis, byte[] reply) {
        if (!requestId.isEmpty()) {
            forgotten.remove(requestId);
            answered.put(requestId, reply);
            mutations.addAll(ledger.remember(requestId, timestampMillis, reply));
        }
    }

    /** Drops what the ledger keeps under {@code requestId}. */
    void forget(String requestId) {
        answered.remove(requestId);
        forgotten.add(requestId);
        mutations.addAll(ledger.forget(requestId));
    }

    long partitionId() {
        return store.bounds().partitionId();
    }

    /** Every change of the entry, to be written in one batch with its index. */
    List<Mutation> mutations() {
        if (stats != null) {
            mutations.add(stats.write(store));
            stats = null;
        }
        return mutations;
    }

    /** The reply kept under {@code requestId} by this entry or an earlier one. */
    Optional<byte[]> earlierReply(String requestId) {
        byte[] pending = answered.get(requestId);
        if (pending != null) {
            return Optional.of(pending);
        }
        return forgotten.contains(requestId) ? Optional.empty() : ledger.replyTo(requestId);
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
