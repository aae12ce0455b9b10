package io.atolldb.consensus;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The state a Raft group replicates, as the rest of AtollDB sees it: no Ratis type appears here.
 * The consensus module adapts it to Ratis; node (partitions) and metadata (the catalog) implement it.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #apply} is deterministic: the same entries in the same order give the same state and
 *       the same replies on every replica. It reads no clock and no randomness; whatever it needs
 *       comes in the command.</li>
 *   <li>Entries are applied in log order. After a restart the adapter skips every entry whose index
 *       is at most {@link #lastAppliedIndex()}, so apply sees each index at most once per state.</li>
 *   <li>{@link #lastAppliedIndex()} never goes backwards across a restart for an index whose
 *       snapshot was reported by {@link #writeSnapshot}.</li>
 *   <li>Threads: apply and installSnapshot are called on one thread per group, in log order;
 *       {@link #query} is called from request threads, concurrently with apply; {@link #writeSnapshot}
 *       on a snapshot thread, concurrently with apply (not with installSnapshot), so it must capture
 *       one consistent state without holding up apply for long.
 *       {@link #lastAppliedIndex()} is called once per entry: keep it an in-memory read.</li>
 *   <li>An exception thrown by apply stops this replica (Ratis closes it) rather than let it
 *       diverge; apply should fail only when the replica truly cannot continue (I/O failure).</li>
 * </ul>
 */
public interface ReplicatedStateMachine extends AutoCloseable {

    /** Index of the last entry whose effects this machine holds (0 when none). */
    long lastAppliedIndex();

    /**
     * Checks a command before it enters the log, on the leader. Throws
     * {@link InvalidCommandException} to reject it; the log then never contains it.
     */
    default void validate(byte[] command) throws InvalidCommandException {
    }

    /** Applies one committed entry and returns the reply for its proposer. */
    byte[] apply(long index, long term, byte[] command);

    /** Answers a read against the applied state (called after the read index is reached for linearizable reads). */
    byte[] query(byte[] query);

    /**
     * Makes the applied state durable and writes a snapshot of it into {@code dir} (an empty
     * directory owned by this call). Returns the index and term of the last entry it contains.
     * Must never report an index whose effects are not durable.
     */
    SnapshotMark writeSnapshot(Path dir) throws IOException;

    /**
     * Replaces the whole state with the snapshot in {@code dir} (written by {@link #writeSnapshot}
     * on another replica and copied here, file by file: empty directories are not copied, and a
     * file named {@code X.md5} next to a file {@code X} is reserved). Afterwards, durably,
     * {@link #lastAppliedIndex()} is the snapshot's index.
     */
    void installSnapshot(Path dir, SnapshotMark mark) throws IOException;

    @Override
    void close();

    /** The last entry a snapshot contains. */
    record SnapshotMark(long term, long index) {
    }
}
