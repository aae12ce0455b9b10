package io.atolldb.node.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.atolldb.model.KeyCodec;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * The data of one partition replica inside the node's shared {@link StorageEngine}: its items and
 * its {@link AppliedPosition}. Keys outside the partition's {@link PartitionBounds} are refused.
 *
 * <p>Invariant: every change lands together with the applied position of the Raft entry that
 * caused it (one write batch), and the applied index only grows, except when a snapshot import
 * or {@link #destroy()} replaces the whole state.
 *
 * <p>Thread-safety: every method may be called from any thread. Reads, scans, applies and exports
 * each see one consistent state. {@link #importSnapshot} and {@link #destroy()} take several steps:
 * a reader running at the same time may see the partition empty; the owner of the replica keeps
 * readers out while they run ({@code PartitionStateMachine} does).
 */
public final class PartitionStore {
    private final StorageEngine engine;
    private final PartitionBounds bounds;

    PartitionStore(StorageEngine engine, PartitionBounds bounds) {
        this.engine = engine;
        this.bounds = bounds;
    }

    public PartitionBounds bounds() {
        return bounds;
    }

    /** The index and term of the last applied entry, read together. */
    public AppliedPosition appliedPosition() {
        try (var lease = engine.lease()) {
            return AppliedPosition.decode(lease.db().get(bounds.appliedKey()));
        } catch (RocksDBException e) {
            throw new StorageException("cannot read the applied position of " + bounds, e);
        }
    }

    public long appliedIndex() {
        return appliedPosition().index();
    }

    public long appliedTerm() {
        return appliedPosition().term();
    }

    /** The value stored under {@code key}, which must be an item key of this partition. */
    public Optional<byte[]> get(byte[] key) {
        requireOwned(key);
        try (var lease = engine.lease()) {
            return Optional.ofNullable(lease.db().get(key));
        } catch (RocksDBException e) {
            throw new StorageException("cannot read from " + bounds, e);
        }
    }

    /** Reads one of this partition's metadata keys. */
    public Optional<byte[]> getMetadata(byte[] key) {
        if (!bounds.ownsMetaKey(key)) {
            throw new IllegalArgumentException("key is not a metadata key of " + bounds);
        }
        try (var lease = engine.lease()) {
            return Optional.ofNullable(lease.db().get(key));
        } catch (RocksDBException e) {
            throw new StorageException("cannot read from " + bounds, e);
        }
    }

    /**
     * Applies Raft entry ({@code index}, {@code term}): the mutations, in order, and the new applied
     * position, as one atomic write. An entry that changes no item still advances the position.
     *
     * @throws IllegalArgumentException when a key lies outside the partition or {@code index} is
     *                                  not above the applied index; nothing is written then
     */
    public void apply(long index, long term, List<Mutation> mutations) {
        apply(index, term, mutations, null);
    }

    /**
     * Applies a split's entry: as {@link #apply(long, long, List)}, but the mutations may also write the
     * metadata and index entries of the new partition {@code child} (which starts with nothing applied).
     * Returns once the split is on disk (a flush): the child's group writes the same keys as the parent's
     * earlier entries, and without the flush a crash could leave the parent's durable position before the
     * split, so that replaying the parent's pre-split writes after the child's log overwrote newer values
     * with older ones (seen in a chaos run: a node killed after a split led the child with pre-split items).
     */
    public void applySplit(long index, long term, List<Mutation> mutations, PartitionBounds child) {
        apply(index, term, mutations, child);
        engine.flush();
    }

    private void apply(long index, long term, List<Mutation> mutations, PartitionBounds child) {
        mutations.forEach(mutation -> {
            if (child == null || !(child.ownsMetaKey(mutation.key()) || child.ownsIndexKey(mutation.key()))
                    || Arrays.equals(mutation.key(), child.appliedKey())) {
                requireOwned(mutation.key());
            }
        });
        var position = new AppliedPosition(index, term);
        try (var lease = engine.lease(); var batch = new WriteBatch()) {
            long applied = AppliedPosition.decode(lease.db().get(bounds.appliedKey())).index();
            if (index <= applied) {
                throw new IllegalArgumentException("entry " + index + " is not after the applied index " + applied
                        + " of " + bounds);
            }
            for (Mutation mutation : mutations) {
                switch (mutation) {
                    case Mutation.Put put -> batch.put(put.key(), put.value());
                    case Mutation.Delete delete -> batch.delete(delete.key());
                }
            }
            batch.put(bounds.appliedKey(), position.encode());
            lease.db().write(engine.writeOptions(), batch);
        } catch (RocksDBException e) {
            throw new StorageException("cannot apply entry " + index + " to " + bounds, e);
        }
    }

    /** The view of another partition in the same engine (the halves of a split). */
    public PartitionStore sibling(PartitionBounds other) {
        return new PartitionStore(engine, other);
    }

    /** Visits every secondary index entry the partition holds, in key order, until the visitor returns false. */
    public void scanIndexEntries(EntryVisitor visitor) {
        scanRange(bounds.indexStart(), bounds.indexEnd(), true, visitor);
    }

    /**
     * Visits the items with keys in [{@code from}, {@code to}), cut to this partition's range, in
     * ascending key order when {@code forward}, else descending, until the visitor returns false.
     * The scan sees one consistent state, whatever is applied meanwhile.
     */
    public void scan(byte[] from, byte[] to, boolean forward, EntryVisitor visitor) {
        scanRange(max(from, bounds.itemStart()), min(to, bounds.itemEnd()), forward, visitor);
    }

    private void scanRange(byte[] lower, byte[] upper, boolean forward, EntryVisitor visitor) {
        if (Arrays.compareUnsigned(lower, upper) >= 0) {
            return;
        }
        try (var lease = engine.lease();
             var lowerBound = new Slice(lower);
             var upperBound = new Slice(upper);
             var readOptions = new ReadOptions().setIterateLowerBound(lowerBound).setIterateUpperBound(upperBound);
             var iterator = lease.db().newIterator(readOptions)) {
            // With both bounds set, the first and last positions are the first and last keys inside them.
            if (forward) {
                iterator.seekToFirst();
            } else {
                iterator.seekToLast();
            }
            while (iterator.isValid()) {
                if (!visitor.visit(iterator.key(), iterator.value())) {
                    return;
                }
                if (forward) {
                    iterator.next();
                } else {
                    iterator.prev();
                }
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw new StorageException("cannot scan " + bounds, e);
        }
    }

    /**
     * Visits the entries of secondary index {@code indexId} held by this partition whose index-relative
     * keys lie in [{@code from}, {@code to}) (empty arrays: the index's first entry / past its last), in
     * ascending or descending order, until the visitor returns false. The visitor gets whole storage keys.
     */
    public void scanIndex(int indexId, byte[] from, byte[] to, boolean forward, EntryVisitor visitor) {
        long partitionId = bounds.partitionId();
        byte[] lower = KeyCodec.indexEntryKey(partitionId, indexId, from);
        byte[] upper = to.length == 0 ? KeyCodec.indexEnd(partitionId, indexId) : KeyCodec.indexEntryKey(partitionId, indexId, to);
        scanRange(lower, upper, forward, visitor);
    }

    /**
     * Visits this partition's metadata keys in [{@code from}, {@code to}) (cut to its metadata range)
     * in ascending order, until the visitor returns false.
     */
    public void scanMetadata(byte[] from, byte[] to, EntryVisitor visitor) {
        scanRange(max(from, bounds.metaStart()), min(to, bounds.metaEnd()), true, visitor);
    }

    /** Visits every item of the partition; see {@link #scan(byte[], byte[], boolean, EntryVisitor)}. */
    public void scanAll(boolean forward, EntryVisitor visitor) {
        scan(bounds.itemStart(), bounds.itemEnd(), forward, visitor);
    }

    /**
     * Writes the partition's whole state (metadata, items and index entries) as of one instant into the new SST
     * file {@code file}, then makes that state durable in this engine. Returns the applied position
     * the file holds; once this returns, the position is on disk here too, so the Raft log may be
     * truncated up to it.
     */
    public AppliedPosition exportSnapshot(Path file) throws IOException {
        return PartitionSnapshots.export(engine, bounds, file);
    }

    /**
     * The partition's whole state as of now, held for {@link #exportSnapshot(PinnedState, Path)}: cheap to take
     * (a RocksDB snapshot), so a caller can take it under the lock that orders it with apply and write it out
     * after releasing that lock. Close it when done.
     */
    public PinnedState pinState() {
        return new PinnedState(PartitionSnapshots.pin(engine, bounds));
    }

    /** Like {@link #exportSnapshot(Path)}, for the state as {@code pinned}. */
    public AppliedPosition exportSnapshot(PinnedState pinned, Path file) throws IOException {
        return pinned.pinned.writeTo(file);
    }

    /** A partition's state at one instant, see {@link #pinState()}. */
    public static final class PinnedState implements AutoCloseable {
        private final PartitionSnapshots.Pinned pinned;

        private PinnedState(PartitionSnapshots.Pinned pinned) {
            this.pinned = pinned;
        }

        @Override
        public void close() {
            pinned.close();
        }
    }

    /**
     * Replaces the partition's whole state with the snapshot in {@code file} (written by
     * {@link #exportSnapshot} of a replica of the same partition) and returns its applied
     * position. The file is checked first; an invalid one changes nothing. Durable on return. A replica
     * behind a split receives a snapshot of its narrower post-split self: its keys lie inside this (older,
     * wider) view's bounds, and everything in those bounds is replaced, the split-off part included.
     *
     * @throws IOException when the file is missing, corrupt or holds keys of another partition
     */
    public AppliedPosition importSnapshot(Path file) throws IOException {
        return PartitionSnapshots.importFile(engine, bounds, file);
    }

    /** Removes every item, index entry and all metadata of the partition, durably: the replica is gone. */
    public void destroy() {
        try (var lease = engine.lease(); var batch = new WriteBatch()) {
            clear(batch, bounds);
            lease.db().write(engine.writeOptions(), batch);
        } catch (RocksDBException e) {
            throw new StorageException("cannot destroy " + bounds, e);
        }
        engine.flush();
    }

    /** Adds to {@code batch} the deletion of the partition's metadata and items. */
    static void clear(WriteBatch batch, PartitionBounds bounds) throws RocksDBException {
        batch.deleteRange(bounds.metaStart(), bounds.metaEnd());
        batch.deleteRange(bounds.itemStart(), bounds.itemEnd());
        batch.deleteRange(bounds.indexStart(), bounds.indexEnd());
    }

    /** Items, index entries and this partition's metadata may be written; the applied position only by apply itself. */
    private void requireOwned(byte[] key) {
        boolean metadata = bounds.ownsMetaKey(key) && !Arrays.equals(key, bounds.appliedKey());
        if (!bounds.ownsItemKey(key) && !bounds.ownsIndexKey(key) && !metadata) {
            throw new IllegalArgumentException("key is neither an item, an index entry nor a metadata key of " + bounds);
        }
    }

    private static byte[] max(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "PartitionStore[" + bounds + "]";
    }
}
