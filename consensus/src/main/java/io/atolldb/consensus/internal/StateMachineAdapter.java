package io.atolldb.consensus.internal;

import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.consensus.ReplicatedStateMachine;
import io.atolldb.consensus.ReplicatedStateMachine.SnapshotMark;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Ratis state machine of one group replica: a thin adapter from Ratis' callbacks to a
 * {@link ReplicatedStateMachine}. Bytes are converted at this edge; nothing else leaks either way.
 *
 * <p><b>Applied index across restarts.</b> Ratis restarts a replica from its newest snapshot: it
 * sets its applied index to the snapshot's index and re-delivers every later committed entry.
 * The machine, though, persists its own applied index with its data (in RocksDB, in the same
 * batch), which may be ahead of the snapshot. So:
 * <ul>
 *   <li>{@link #applyTransaction} skips every entry whose index is at most
 *       {@code machine.lastAppliedIndex()}: the machine already holds its effects. Ratis' applied
 *       term-index still advances, so Ratis' view and the machine's converge.</li>
 *   <li>{@link #initialize} handles the opposite case, a machine <em>behind</em> the newest snapshot:
 *       a crash after Ratis moved a snapshot received from the leader into place but before the
 *       machine installed it, or a machine whose data was lost. It installs that snapshot first,
 *       because Ratis will only re-deliver entries after the snapshot's index (earlier ones may
 *       already be purged from the log).</li>
 *   <li>{@link #takeSnapshot} never reports an index the machine has not made durable (the
 *       machine's {@code writeSnapshot} promises that), never one beyond what Ratis has delivered
 *       (it writes none while a replay is still under way), and checks the reported term against the
 *       log. The snapshot is written off the applying thread and published by a later call.</li>
 * </ul>
 *
 * <p><b>Snapshot from the leader.</b> A follower whose next entry was purged on the leader gets the
 * leader's snapshot files. Ratis pauses this machine ({@link #pause}), writes the chunks under
 * {@link SnapshotStore#getTmpDir()}, moves the complete snapshot into
 * {@link SnapshotStore#getSnapshotDir()}, then, on the thread that applies entries, calls
 * {@link #reinitialize}, which hands the snapshot to {@code machine.installSnapshot}.
 *
 * <p><b>Threads.</b> Ratis calls apply, takeSnapshot and reinitialize on one thread per group, in
 * log order; query runs on request threads, concurrently with apply; {@code machine.writeSnapshot} runs
 * on the server's snapshot thread, concurrently with apply (never with an install: reinitialize and
 * close wait for it first). An exception thrown by
 * {@code machine.apply} propagates: Ratis then stops this replica instead of letting it diverge.
 */
public final class StateMachineAdapter extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(StateMachineAdapter.class);
    private static final Message EMPTY = Message.valueOf(ByteString.EMPTY);

    private final UUID groupId;
    private final ReplicatedStateMachine machine;
    private final SnapshotStore snapshots = new SnapshotStore();
    private final AtomicBoolean machineClosed = new AtomicBoolean();
    private final FirstLeaders firstLeaders;
    /** Where snapshots are written (one thread per server: one partition written out at a time). */
    private final Executor snapshotWriter;
    /** The snapshot being written, or written and not yet published; null when none. Guarded by this. */
    private CompletableFuture<Prepared> preparing;

    public StateMachineAdapter(UUID groupId, ReplicatedStateMachine machine, FirstLeaders firstLeaders,
                               Executor snapshotWriter) {
        this.groupId = groupId;
        this.machine = machine;
        this.firstLeaders = firstLeaders;
        this.snapshotWriter = snapshotWriter;
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        firstLeaders.leaderChanged(groupId, newLeaderId.toString());
    }

    @Override
    public void notifyLeaderReady() {
        firstLeaders.leaderReady(groupId);
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return snapshots.getLatestSnapshot();
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId raftGroupId, RaftStorage storage) throws IOException {
        super.initialize(server, raftGroupId, storage);
        try {
            getLifeCycle().startAndTransition(() -> {
                snapshots.init(storage);
                final Optional<StoredSnapshot> latest = snapshots.latest();
                if (latest.isPresent()) {
                    catchUpWith(latest.get());
                }
            }, IOException.class);
        } catch (IOException | RuntimeException e) {
            closeMachine();
            throw e;
        }
    }

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        final TransactionContext trx = super.startTransaction(request);
        try {
            machine.validate(request.getMessage().getContent().toByteArray());
        } catch (InvalidCommandException | RuntimeException rejected) {
            trx.setException(rejected); // Ratis replies with it and never appends the entry
        }
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        final LogEntryProto entry = trx.getLogEntry();
        final long index = entry.getIndex();
        Message reply = EMPTY;
        if (index > machine.lastAppliedIndex()) {
            final byte[] command = entry.getStateMachineLogEntry().getLogData().toByteArray();
            reply = toMessage(machine.apply(index, entry.getTerm(), command));
        }
        updateLastAppliedTermIndex(entry.getTerm(), index);
        return CompletableFuture.completedFuture(reply);
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            return CompletableFuture.completedFuture(toMessage(machine.query(request.getContent().toByteArray())));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A snapshot written off the applying thread, waiting for {@link #takeSnapshot} to publish it. */
    private record Prepared(Path staged, SnapshotMark mark) {
    }

    /**
     * Ratis calls this on the thread that applies entries, which must not wait while a large partition is
     * written out (every write of the group would stall meanwhile). So the snapshot is written on the
     * server's snapshot thread: a call starts it and returns the newest published index; a call once it
     * is written publishes it and returns its index. Ratis' automatic trigger calls again after every
     * applied batch until the index advances; {@link #prepareSnapshot} lets a caller that asks for a
     * snapshot have it written before Ratis' request comes here.
     */
    @Override
    public long takeSnapshot() throws IOException {
        final long latestIndex = latestIndex();
        final CompletableFuture<Prepared> written;
        synchronized (this) {
            if (preparing == null) {
                preparing = startPreparing();
            }
            if (!preparing.isDone()) {
                return latestIndex;
            }
            written = preparing;
            preparing = null;
        }
        final Prepared prepared = written.handle((done, error) -> done).join();
        if (prepared == null) {
            return latestIndex;
        }
        if (prepared.mark().index() <= latestIndex) {
            snapshots.discard(prepared.staged());
            return latestIndex;
        }
        try {
            checkMark(prepared.mark(), getLastAppliedTermIndex());
            final long index = snapshots.publish(prepared.staged(), prepared.mark()).index();
            LOG.info("{}: snapshot at term {} index {}", groupId, prepared.mark().term(), index);
            return index;
        } catch (IOException | RuntimeException e) {
            snapshots.discard(prepared.staged());
            throw e;
        }
    }

    /**
     * Completes once a snapshot holding at least entry {@code index} is written and waits to be published
     * by the next {@link #takeSnapshot} (or once nothing newer than the published one can be written).
     */
    public CompletableFuture<Void> prepareSnapshot(long index) {
        final CompletableFuture<Prepared> current;
        synchronized (this) {
            if (preparing == null) {
                preparing = startPreparing();
            }
            current = preparing;
        }
        return current.handle((prepared, error) -> prepared).thenCompose(prepared -> {
            if (prepared == null || prepared.mark().index() >= index) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            synchronized (this) {
                if (preparing == current) {
                    // Written before the entry the caller needs: write again.
                    preparing = null;
                    snapshots.discard(prepared.staged());
                }
            }
            return prepareSnapshot(index);
        });
    }

    /** Starts writing a snapshot on the snapshot thread, or answers null at once when there is nothing new. */
    private CompletableFuture<Prepared> startPreparing() {
        final long held = machine.lastAppliedIndex();
        if (held <= latestIndex() || held > getLastAppliedTermIndex().getIndex()) {
            // Nothing new, or a replay after restart is still re-delivering entries the machine holds.
            return CompletableFuture.completedFuture(null);
        }
        try {
            return CompletableFuture.supplyAsync(this::writePrepared, snapshotWriter);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private Prepared writePrepared() {
        Path staged = null;
        try {
            staged = snapshots.stage();
            return new Prepared(staged, machine.writeSnapshot(SnapshotStore.dataDir(staged)));
        } catch (IOException | RuntimeException e) {
            if (staged != null) {
                snapshots.discard(staged);
            }
            LOG.warn("{}: writing a snapshot failed: {}", groupId, e.toString());
            throw new CompletionException(e);
        }
    }

    /** Waits for a snapshot being written and drops it: the machine's state is about to be replaced or closed. */
    private void dropPrepared() {
        final CompletableFuture<Prepared> pending;
        synchronized (this) {
            pending = preparing;
            preparing = null;
        }
        if (pending != null) {
            final Prepared prepared = pending.handle((done, error) -> done).join();
            if (prepared != null) {
                snapshots.discard(prepared.staged());
            }
        }
    }

    private long latestIndex() {
        return snapshots.latest().map(StoredSnapshot::index).orElse(RaftLog.INVALID_LOG_INDEX);
    }

    @Override
    public void pause() {
        // Called for every chunk of a snapshot being received; only the first one pauses.
        if (getLifeCycle().compareAndTransition(LifeCycle.State.RUNNING, LifeCycle.State.PAUSING)) {
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    @Override
    public void reinitialize() throws IOException {
        dropPrepared();
        getLifeCycle().startAndTransition(() -> {
            final StoredSnapshot installed = snapshots.reloadAfterInstall();
            LOG.info("{}: installing snapshot received from the leader, term {} index {}",
                    groupId, installed.mark().term(), installed.index());
            catchUpWith(installed);
        }, IOException.class);
    }

    @Override
    public void close() {
        getLifeCycle().checkStateAndClose(this::closeMachine);
        closeMachine();
    }

    private void catchUpWith(StoredSnapshot snapshot) throws IOException {
        final SnapshotMark mark = snapshot.mark();
        if (machine.lastAppliedIndex() < mark.index()) {
            Files.createDirectories(snapshot.dataDir()); // empty directories are not transferred
            machine.installSnapshot(snapshot.dataDir(), mark);
            if (machine.lastAppliedIndex() != mark.index()) {
                throw new IOException(groupId + ": after installSnapshot the machine holds index "
                        + machine.lastAppliedIndex() + ", expected " + mark.index());
            }
        }
        setLastAppliedTermIndex(TermIndex.valueOf(mark.term(), mark.index()));
    }

    private void checkMark(SnapshotMark mark, TermIndex delivered) throws IOException {
        if (mark.index() > delivered.getIndex()) {
            throw new IOException(groupId + ": snapshot reports index " + mark.index()
                    + " beyond the last delivered entry " + delivered);
        }
        final TermIndex inLog = raftLog().map(log -> log.getTermIndex(mark.index())).orElse(null);
        if (inLog != null && inLog.getTerm() != mark.term()) {
            throw new IOException(groupId + ": snapshot reports term " + mark.term() + " for index "
                    + mark.index() + " but the log has term " + inLog.getTerm());
        }
    }

    private Optional<RaftLog> raftLog() {
        try {
            return Optional.of(getServer().join().getDivision(getGroupId()).getRaftLog());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void closeMachine() {
        if (machineClosed.compareAndSet(false, true)) {
            dropPrepared();
            machine.close();
        }
    }

    private static Message toMessage(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? EMPTY : Message.valueOf(ByteString.copyFrom(bytes));
    }
}
