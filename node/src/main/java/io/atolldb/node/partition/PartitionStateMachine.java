package io.atolldb.node.partition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.consensus.ReplicatedStateMachine;
import io.atolldb.node.storage.AppliedPosition;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.PartitionStore;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.PartitionQuery;
import io.atolldb.proto.ReadRequest;
import io.atolldb.proto.RoutingError;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResponses;

/**
 * The replicated state of one partition replica: the Raft group's state machine over a
 * {@link PartitionStore}. A thin adapter: it decodes a {@link PartitionCommand} or
 * {@link ReadRequest}, calls the store and encodes the {@code WriteResponse} or
 * {@code ReadResponse}.
 *
 * <p>Apply is deterministic: its outcome depends only on the command and the stored state. A
 * command that cannot be applied (unparsable, or addressing a key outside the partition) is
 * answered with a {@link RoutingError} and still advances the applied index, like every entry.
 *
 * <p>Snapshots are one SST file, {@value #SNAPSHOT_FILE}, in the snapshot directory.
 *
 * <p>Thread-safety: entries are applied one at a time and a snapshot install excludes everything
 * else; reads and snapshot exports run alongside each other (each reads one consistent state).
 */
public final class PartitionStateMachine implements ReplicatedStateMachine {
    /** The name of the snapshot file inside a snapshot directory. */
    public static final String SNAPSHOT_FILE = "partition.sst";

    private final PartitionStore store;
    private final PartitionBounds bounds;
    private final RequestLedger ledger;
    /** Write side: apply and snapshot install. Read side: queries and snapshot export. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /**
     * The store's applied index, kept in memory: Ratis asks for it once per entry, and a RocksDB read
     * each time cost about 2% of a write-heavy node's CPU. Read from the store once, then set under the
     * write lock by whatever changes the stored position (apply, snapshot install).
     */
    private volatile long appliedIndex;

    public PartitionStateMachine(PartitionStore store) {
        this.store = store;
        this.bounds = store.bounds();
        this.ledger = new RequestLedger(store);
        this.appliedIndex = store.appliedIndex();
    }

    @Override
    public long lastAppliedIndex() {
        return appliedIndex;
    }

    /**
     * Accepts an entry that parses and is either one command addressing an item of this partition or
     * a batch (whose commands are judged one by one when applied).
     */
    @Override
    public void validate(byte[] command) throws InvalidCommandException {
        if (CheckedCommand.of(command, bounds) instanceof CheckedCommand.Rejected rejected) {
            throw new InvalidCommandException(rejected.message());
        }
    }

    /**
     * Applies one entry; the reply is a serialized {@code WriteResponse}, or for a batch a
     * {@code WriteResponses} with one response per command.
     */
    @Override
    public byte[] apply(long index, long term, byte[] command) {
        lock.writeLock().lock();
        try {
            EntryApplication entry = new EntryApplication(store, ledger, index);
            byte[] reply = switch (CheckedCommand.of(command, bounds)) {
                case CheckedCommand.Rejected rejected -> Replies.writeRejected(rejected.code(), rejected.message()).toByteArray();
                case CheckedCommand.Accepted accepted -> entry.apply(accepted).toByteArray();
                case CheckedCommand.Batch batch -> {
                    var replies = WriteResponses.newBuilder();
                    for (CheckedCommand one : batch.commands()) {
                        replies.addResponses(switch (one) {
                            case CheckedCommand.Rejected rejected -> Replies.writeRejected(rejected.code(), rejected.message());
                            case CheckedCommand.Accepted accepted -> entry.apply(accepted);
                            case CheckedCommand.Batch nested -> throw new AssertionError("batches do not nest");
                        });
                    }
                    yield replies.build().toByteArray();
                }
            };
            store.apply(index, term, entry.mutations());
            appliedIndex = index;
            return reply;
        } catch (RuntimeException | Error e) {
            ledger.reset(); // the entry's changes may be missing from the store
            throw e;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The partition's item count and stored bytes as of the last applied entry. */
    public PartitionStats stats() {
        lock.readLock().lock();
        try {
            return PartitionStats.read(store);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Answers a serialized {@link PartitionQuery} from this replica's applied state: one item
     * (a {@code ReadResponse}) or a key range (a {@code RangeResponse}). Checking the partition id
     * and epoch is the node service's job.
     *
     * @throws IllegalArgumentException when {@code query} is not a PartitionQuery
     */
    @Override
    public byte[] query(byte[] query) {
        PartitionQuery request;
        try {
            request = PartitionQuery.parseFrom(query);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("query is not a PartitionQuery: " + e.getMessage(), e);
        }
        lock.readLock().lock();
        try {
            return switch (request.getKindCase()) {
                case GET -> readItem(request.getGet());
                case RANGE -> RangeReader.read(store, request.getRange());
                case KIND_NOT_SET -> throw new IllegalArgumentException("query names no read");
            };
        } finally {
            lock.readLock().unlock();
        }
    }

    private byte[] readItem(ReadRequest request) {
        byte[] key = request.getKey().toByteArray();
        String keyProblem = CheckedCommand.keyProblem(key, bounds);
        if (keyProblem != null) {
            return Replies.readRejected(RoutingError.Code.KEY_NOT_IN_PARTITION, keyProblem);
        }
        if (request.getTransactional()) {
            return Replies.read(store.get(key), Transactions.storedLock(store, key));
        }
        return Replies.read(store.get(key));
    }

    /**
     * Writes {@value #SNAPSHOT_FILE} into {@code dir}; the state it holds is durable in this
     * node's storage before this returns (see {@link PartitionStore#exportSnapshot}).
     */
    @Override
    public SnapshotMark writeSnapshot(Path dir) throws IOException {
        lock.readLock().lock();
        try {
            AppliedPosition position = store.exportSnapshot(dir.resolve(SNAPSHOT_FILE));
            return new SnapshotMark(position.term(), position.index());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Replaces this replica's state with the snapshot in {@code dir}.
     *
     * @throws IOException when the snapshot is missing or invalid (the state is unchanged), or when
     *                     it holds another position than {@code mark} (the state is the snapshot's)
     */
    @Override
    public void installSnapshot(Path dir, SnapshotMark mark) throws IOException {
        AppliedPosition installed;
        lock.writeLock().lock();
        try {
            ledger.reset();
            installed = store.importSnapshot(dir.resolve(SNAPSHOT_FILE));
        } finally {
            // Read back whatever the store holds now, the snapshot's position or, after a failed
            // import, the earlier one.
            appliedIndex = store.appliedIndex();
            lock.writeLock().unlock();
        }
        if (installed.index() != mark.index() || installed.term() != mark.term()) {
            throw new IOException("snapshot in " + dir + " holds index " + installed.index() + " term "
                    + installed.term() + ", not the announced " + mark);
        }
    }

    /** Nothing to release: the store lives in the node's shared engine, and its data stays. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "PartitionStateMachine[" + bounds + "]";
    }
}
