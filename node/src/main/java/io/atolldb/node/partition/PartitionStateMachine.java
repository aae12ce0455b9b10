package io.atolldb.node.partition;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;

import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.consensus.ReplicatedStateMachine;
import io.atolldb.model.TokenRange;
import io.atolldb.node.storage.AppliedPosition;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.PartitionStore;
import io.atolldb.proto.AppliedEntry;
import io.atolldb.proto.Epoch;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionQuery;
import io.atolldb.proto.ReadRequest;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.RangeResponse;
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
 * <p>The partition's token range and epoch are part of the replicated state: a {@code PartitionSplit}
 * entry narrows the range ({@link SplitApplication}) in the same batch that records it, and reads check
 * the caller's split version under the same lock that applies entries, so a read never returns a range
 * cut short by a split its caller does not know of. The range as last changed is stored with the data
 * ({@code KeyCodec.META_DESCRIPTOR}); until a first split, it is the one the partition was created with.
 *
 * <p>Snapshots are one SST file, {@value #SNAPSHOT_FILE}, in the snapshot directory.
 *
 * <p>Thread-safety: entries are applied one at a time and a snapshot install excludes everything
 * else; reads and snapshot exports run alongside each other (each reads one consistent state).
 */
public final class PartitionStateMachine implements ReplicatedStateMachine {
    /** The name of the snapshot file inside a snapshot directory. */
    public static final String SNAPSHOT_FILE = "partition.sst";

    /** Told, on the applying thread, when an applied split created a partition; must not block. */
    @FunctionalInterface
    public interface SplitListener {
        void split(PartitionDescriptor left, PartitionDescriptor right);

        SplitListener NONE = (left, right) -> { };
    }

    /** What the machine works on: its descriptor as applied, the store cut to its range, its ledger. */
    private record Current(PartitionDescriptor descriptor, PartitionStore store, RequestLedger ledger,
                           Optional<PartitionDescriptor> splitOff) {
        PartitionBounds bounds() {
            return store.bounds();
        }
    }

    private final SplitListener listener;
    /** Told, on the applying thread, the proposer's clock reading of each item write applied (replica lag). */
    private final LongConsumer writeTimes;
    private final PartitionLoad load = new PartitionLoad();
    /** Write side: apply and snapshot install. Read side: queries and snapshot export. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Current current;
    /**
     * The store's applied index, kept in memory: Ratis asks for it once per entry, and a RocksDB read
     * each time cost about 2% of a write-heavy node's CPU. Read from the store once, then set under the
     * write lock by whatever changes the stored position (apply, snapshot install).
     */
    private volatile long appliedIndex;
    /** When (wall clock, microseconds) {@link #appliedIndex} was applied; set with it, under the write lock. */
    private volatile long appliedAtMicros;
    private final AppliedWaiters appliedWaiters = new AppliedWaiters();

    /** A machine for a partition that never splits (tests); see {@link #PartitionStateMachine(PartitionStore, PartitionDescriptor, SplitListener)}. */
    public PartitionStateMachine(PartitionStore store) {
        this(store, PartitionDescriptor.newBuilder().setPartitionId(store.bounds().partitionId())
                .setTableId(store.bounds().tableId()).setTokenStart(store.bounds().tokens().start())
                .setTokenEnd(store.bounds().tokens().end()).setEpoch(Epoch.newBuilder().setConfVersion(1).setSplitVersion(1))
                .build(), SplitListener.NONE);
    }

    /**
     * @param store    the partition's view of the engine, with the range it was created with
     * @param assigned its descriptor as the catalog placed it; a split stored since takes precedence
     * @param listener told of every split this machine applies
     */
    public PartitionStateMachine(PartitionStore store, PartitionDescriptor assigned, SplitListener listener) {
        this(store, assigned, listener, timestampMillis -> { });
    }

    /** ... and {@code writeTimes} told the proposer's timestamp of every item write applied; must not block. */
    public PartitionStateMachine(PartitionStore store, PartitionDescriptor assigned, SplitListener listener,
                                 LongConsumer writeTimes) {
        this.listener = listener;
        this.writeTimes = writeTimes;
        this.current = load(store, assigned);
        this.appliedIndex = store.appliedIndex();
    }

    /** The descriptor stored by a split, if newer than {@code assigned}, with the store cut to its range. */
    private static Current load(PartitionStore store, PartitionDescriptor assigned) {
        PartitionDescriptor descriptor = SplitApplication.storedDescriptor(store, assigned.getPartitionId())
                .filter(stored -> stored.getEpoch().getSplitVersion() >= assigned.getEpoch().getSplitVersion())
                .map(stored -> stored.toBuilder().clearReplicas().addAllReplicas(assigned.getReplicasList())
                        .setEpoch(stored.getEpoch().toBuilder().setConfVersion(assigned.getEpoch().getConfVersion()))
                        .build())
                .orElse(assigned);
        PartitionStore cut = store.sibling(new PartitionBounds(descriptor.getPartitionId(), descriptor.getTableId(),
                new TokenRange(descriptor.getTokenStart(), descriptor.getTokenEnd())));
        return new Current(descriptor, cut, new RequestLedger(cut), Optional.empty());
    }

    /** The descriptor a split stored in {@code store}'s engine for its partition, if one did. */
    public static Optional<PartitionDescriptor> storedDescriptor(PartitionStore store) {
        return SplitApplication.storedDescriptor(store, store.bounds().partitionId());
    }

    @Override
    public long lastAppliedIndex() {
        return appliedIndex;
    }

    /**
     * Completes once this replica has applied log entry {@code index}: at once when it has, otherwise on
     * the applying thread (continue elsewhere); fails at once when too many reads already wait.
     */
    public CompletableFuture<Void> applied(long index) {
        return appliedWaiters.await(index, () -> appliedIndex);
    }

    /** The partition as this replica has applied it: range and split version (replicas as last assigned). */
    public PartitionDescriptor descriptor() {
        return current.descriptor();
    }

    /** The partition the last split applied since this machine started took away, if any (a routing hint). */
    public Optional<PartitionDescriptor> splitOff() {
        return current.splitOff();
    }

    /** The replica's view of the engine, cut to its current range. */
    public PartitionStore store() {
        return current.store();
    }

    /** Takes the membership the catalog now assigns (a move changed it); range and split version stay as applied. */
    public void assigned(PartitionDescriptor fromCatalog) {
        lock.writeLock().lock();
        try {
            Current now = current;
            if (fromCatalog.getEpoch().getConfVersion() > now.descriptor().getEpoch().getConfVersion()) {
                current = new Current(now.descriptor().toBuilder().clearReplicas().addAllReplicas(fromCatalog.getReplicasList())
                        .setEpoch(now.descriptor().getEpoch().toBuilder().setConfVersion(fromCatalog.getEpoch().getConfVersion()))
                        .build(), now.store(), now.ledger(), now.splitOff());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Accepts an entry that parses and is either one command addressing an item of this partition, a
     * split, or a batch (whose commands are judged one by one when applied).
     */
    @Override
    public void validate(byte[] command) throws InvalidCommandException {
        if (CheckedCommand.of(command, current.bounds()) instanceof CheckedCommand.Rejected rejected) {
            throw new InvalidCommandException(rejected.message());
        }
    }

    /**
     * Applies one entry; the reply is a serialized {@code WriteResponse}, or for a batch a
     * {@code WriteResponses} with one response per command.
     */
    @Override
    public byte[] apply(long index, long term, byte[] command) {
        Optional<SplitApplication.Outcome> split = Optional.empty();
        lock.writeLock().lock();
        try {
            Current now = current;
            EntryApplication entry = new EntryApplication(now.store(), now.ledger(), index);
            byte[] reply = switch (CheckedCommand.of(command, now.bounds())) {
                case CheckedCommand.Rejected rejected -> rejectedReply(now, rejected).toByteArray();
                case CheckedCommand.Accepted accepted -> counted(accepted, entry.apply(accepted)).toByteArray();
                case CheckedCommand.PartitionLevel level when level.command().hasSplit() -> {
                    split = Optional.of(SplitApplication.apply(now.store(), now.descriptor(), level.command().getSplit()));
                    yield WriteResponse.newBuilder().setResult(split.get().reply().toBuilder().setAppliedIndex(index))
                            .build().toByteArray();
                }
                case CheckedCommand.PartitionLevel barrier -> WriteResponse.newBuilder()
                        .setResult(io.atolldb.proto.WriteResult.newBuilder().setAppliedIndex(index)).build().toByteArray();
                case CheckedCommand.Batch batch -> {
                    var replies = WriteResponses.newBuilder();
                    for (CheckedCommand one : batch.commands()) {
                        replies.addResponses(switch (one) {
                            case CheckedCommand.Rejected rejected -> rejectedReply(now, rejected);
                            case CheckedCommand.Accepted accepted -> counted(accepted, entry.apply(accepted));
                            case CheckedCommand.Batch nested -> throw new AssertionError("batches do not nest");
                            case CheckedCommand.PartitionLevel nested -> throw new AssertionError("partition-level commands are not batched");
                        });
                    }
                    yield replies.build().toByteArray();
                }
            };
            if (split.isPresent() && split.get().splits()) {
                PartitionDescriptor left = split.get().left().orElseThrow();
                PartitionDescriptor right = split.get().right().orElseThrow();
                now.store().applySplit(index, term, split.get().mutations(), boundsOf(right));
                PartitionStore narrowed = now.store().sibling(boundsOf(left));
                current = new Current(left, narrowed, new RequestLedger(narrowed), Optional.of(right));
            } else {
                now.store().apply(index, term, entry.mutations());
            }
            appliedIndex = index;
            appliedAtMicros = nowMicros();
            if (split.isPresent() && split.get().right().isPresent()) {
                // Also for a split applied before (a retried entry): the node opens the child if it is not open.
                listener.split(split.get().left().orElseThrow(), split.get().right().get());
            }
            return reply;
        } catch (RuntimeException | Error e) {
            current.ledger().reset(); // the entry's changes may be missing from the store
            throw e;
        } finally {
            lock.writeLock().unlock();
            appliedWaiters.reached(appliedIndex);
        }
    }

    /** Counts a single-item write's units in the partition's load (transaction steps are not counted). */
    private WriteResponse counted(CheckedCommand.Accepted accepted, WriteResponse response) {
        writeTimes.accept(accepted.command().getTimestampMillis());
        if (response.hasResult() && !Transactions.handles(accepted.command())) {
            load.wrote(io.atolldb.model.KeyCodec.tokenOf(accepted.key()), response.getResult().getOldSize(),
                    response.getResult().getNewSize());
        }
        return response;
    }

    /** The load this replica serves: units per second and where it falls (split for heat). */
    public PartitionLoad load() {
        return load;
    }

    /** A command refused by the range check; a key that a split moved away names the partition it went to. */
    private static WriteResponse rejectedReply(Current now, CheckedCommand.Rejected rejected) {
        WriteResponse response = Replies.writeRejected(rejected.code(), rejected.message());
        if (rejected.code() != RoutingError.Code.KEY_NOT_IN_PARTITION) {
            return response;
        }
        return WriteResponse.newBuilder().setRoutingError(withHints(response.getRoutingError().toBuilder(), now)).build();
    }

    private static RoutingError withHints(RoutingError.Builder error, Current now) {
        error.setCurrent(now.descriptor());
        now.splitOff().ifPresent(error::addRelated);
        return error.build();
    }

    private static PartitionBounds boundsOf(PartitionDescriptor descriptor) {
        return new PartitionBounds(descriptor.getPartitionId(), descriptor.getTableId(),
                new TokenRange(descriptor.getTokenStart(), descriptor.getTokenEnd()));
    }

    /** The partition's item count and stored bytes as of the last applied entry. */
    public PartitionStats stats() {
        lock.readLock().lock();
        try {
            return PartitionStats.read(current.store());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Answers a serialized {@link PartitionQuery} from this replica's applied state: one item
     * (a {@code ReadResponse}) or a key range (a {@code RangeResponse}). A query naming another split
     * version than this replica's is answered EPOCH_MISMATCH with this replica's descriptor (and the
     * partition split off from it, when known): its caller's idea of the range is not this replica's.
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
            Current now = current;
            byte[] answer = switch (request.getKindCase()) {
                case GET -> epochProblem(now, request.getGet().hasEpoch() ? request.getGet().getEpoch() : null)
                        .map(error -> ReadResponse.newBuilder().setRoutingError(error).build().toByteArray())
                        .orElseGet(() -> readItem(now, request.getGet()));
                case RANGE -> epochProblem(now, request.getRange().hasEpoch() ? request.getRange().getEpoch() : null)
                        .map(error -> RangeResponse.newBuilder().setRoutingError(error).build().toByteArray())
                        .orElseGet(() -> RangeReader.read(now.store(), request.getRange()));
                case KIND_NOT_SET -> throw new IllegalArgumentException("query names no read");
            };
            countRead(request, answer.length);
            return answer;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Counts a read's units where it fell: the item's token, or a range's first token (a scan's reads spread). */
    private void countRead(PartitionQuery request, long bytes) {
        if (request.hasRange() && request.getRange().getIndexId() != 0) {
            return; // index-relative keys name no token
        }
        byte[] key = request.hasGet() ? request.getGet().getKey().toByteArray() : request.getRange().getFrom().toByteArray();
        if (io.atolldb.model.KeyCodec.isItemKey(key)) {
            load.read(io.atolldb.model.KeyCodec.tokenOf(key), bytes);
        }
    }

    /** Why a caller with {@code epoch} must not read this replica (null epoch: the caller does not say). */
    private static Optional<RoutingError> epochProblem(Current now, Epoch epoch) {
        if (epoch == null || epoch.getSplitVersion() == now.descriptor().getEpoch().getSplitVersion()) {
            return Optional.empty();
        }
        return Optional.of(withHints(RoutingError.newBuilder().setCode(RoutingError.Code.EPOCH_MISMATCH)
                .setMessage("split version " + epoch.getSplitVersion() + " is not this replica's "
                        + now.descriptor().getEpoch().getSplitVersion()), now));
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private byte[] readItem(Current now, ReadRequest request) {
        byte[] answer = readItemOnly(now, request);
        if (!request.getReportApplied()) {
            return answer;
        }
        try {
            // Under the read lock: the index and its time belong together.
            AppliedEntry applied = AppliedEntry.newBuilder().setIndex(appliedIndex).setAtMicros(appliedAtMicros).build();
            return ReadResponse.parseFrom(answer).toBuilder().setApplied(applied).build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a read's own reply does not parse", e);
        }
    }

    private static byte[] readItemOnly(Current now, ReadRequest request) {
        byte[] key = request.getKey().toByteArray();
        String keyProblem = CheckedCommand.keyProblem(key, now.bounds());
        if (keyProblem != null) {
            return Replies.readRejected(RoutingError.Code.KEY_NOT_IN_PARTITION, keyProblem);
        }
        if (request.getTransactional()) {
            return Replies.read(now.store().get(key), Transactions.storedLock(now.store(), key));
        }
        return Replies.read(now.store().get(key));
    }

    /**
     * Writes {@value #SNAPSHOT_FILE} into {@code dir}; the state it holds is durable in this
     * node's storage before this returns (see {@link PartitionStore#exportSnapshot}). Apply waits only
     * while the state is pinned (under the read lock, so the range and the state match, a split
     * included), not while it is written out.
     */
    @Override
    public SnapshotMark writeSnapshot(Path dir) throws IOException {
        PartitionStore store;
        PartitionStore.PinnedState pinned;
        lock.readLock().lock();
        try {
            store = current.store();
            pinned = store.pinState();
        } finally {
            lock.readLock().unlock();
        }
        try (pinned) {
            AppliedPosition position = store.exportSnapshot(pinned, dir.resolve(SNAPSHOT_FILE));
            return new SnapshotMark(position.term(), position.index());
        }
    }

    /**
     * Replaces this replica's state with the snapshot in {@code dir}. The snapshot may come from a
     * replica that applied splits this one has not: the range it stores is taken afterwards.
     *
     * @throws IOException when the snapshot is missing or invalid (the state is unchanged), or when
     *                     it holds another position than {@code mark} (the state is the snapshot's)
     */
    @Override
    public void installSnapshot(Path dir, SnapshotMark mark) throws IOException {
        AppliedPosition installed;
        lock.writeLock().lock();
        try {
            Current before = current;
            before.ledger().reset();
            try {
                installed = before.store().importSnapshot(dir.resolve(SNAPSHOT_FILE));
            } finally {
                current = load(before.store(), before.descriptor());
            }
        } finally {
            // Read back whatever the store holds now, the snapshot's position or, after a failed
            // import, the earlier one.
            appliedIndex = current.store().appliedIndex();
            appliedAtMicros = nowMicros();
            lock.writeLock().unlock();
            appliedWaiters.reached(appliedIndex);
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
        return "PartitionStateMachine[" + current.bounds() + "]";
    }
}
