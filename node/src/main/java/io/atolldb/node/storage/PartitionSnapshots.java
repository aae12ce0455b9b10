package io.atolldb.node.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileWriter;
import org.rocksdb.WriteBatch;

/**
 * Moves a partition's whole state in and out of the engine as one SST file: the partition's
 * metadata keys (its applied position first among them), its items, then its secondary index entries
 * (another key space, see KeyCodec), in key order.
 * The file is never empty: a partition that never applied an entry exports its zero position.
 */
final class PartitionSnapshots {
    /**
     * How fast an export reads the partition and writes its file, in bytes of keys and values a second
     * (CockroachDB's default for rebalancing snapshots is the same 32 MiB/s). Unpaced, an export takes a
     * whole CPU while it runs, and a move under load showed it in the write latency of every partition on
     * the node: p99 1.4-3.2x the undisturbed one over six runs; 1.6-1.7x in three runs at 32 MiB/s, with
     * the move taking about 7 s for 100 MB instead of 4 (docs/performance.md). Exports of one node run one
     * at a time (the snapshot thread), so this is also the node's rate.
     */
    static final long EXPORT_BYTES_PER_SECOND = 32L * 1024 * 1024;

    private PartitionSnapshots() {
    }

    static AppliedPosition export(StorageEngine engine, PartitionBounds bounds, Path file) throws IOException {
        try (Pinned pinned = pin(engine, bounds)) {
            return pinned.writeTo(file);
        }
    }

    /** Holds the engine's state as of now (a RocksDB snapshot: cheap) for one export of the partition. */
    static Pinned pin(StorageEngine engine, PartitionBounds bounds) {
        StorageEngine.Lease lease = engine.lease();
        return new Pinned(engine, bounds, lease, lease.db().getSnapshot());
    }

    /**
     * The partition's state at one instant, pinned until closed: the position and every item as of then,
     * whatever is applied meanwhile.
     */
    static final class Pinned implements AutoCloseable {
        private final StorageEngine engine;
        private final PartitionBounds bounds;
        private final StorageEngine.Lease lease;
        private final Snapshot snapshot;

        private Pinned(StorageEngine engine, PartitionBounds bounds, StorageEngine.Lease lease, Snapshot snapshot) {
            this.engine = engine;
            this.bounds = bounds;
            this.lease = lease;
            this.snapshot = snapshot;
        }

        /** Writes the pinned state into the new SST file {@code file}; it is durable in this engine on return. */
        AppliedPosition writeTo(Path file) throws IOException {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            RocksDB db = lease.db();
            try (var envOptions = new EnvOptions(); var writer = new SstFileWriter(envOptions, engine.options())) {
                AppliedPosition position;
                try (var readOptions = new ReadOptions().setSnapshot(snapshot)) {
                    position = AppliedPosition.decode(db.get(readOptions, bounds.appliedKey()));
                }
                // The snapshot's state, the position included, is on disk here before we report it.
                engine.flush();
                writer.open(file.toString());
                var pace = new Pacer(EXPORT_BYTES_PER_SECOND);
                long written = copy(db, snapshot, bounds.metaStart(), bounds.metaEnd(), writer, pace)
                        + copy(db, snapshot, bounds.itemStart(), bounds.itemEnd(), writer, pace)
                        + copy(db, snapshot, bounds.indexStart(), bounds.indexEnd(), writer, pace);
                if (written == 0) {
                    // Nothing ever applied; an SST file cannot be empty, and the zero position is the truth.
                    writer.put(bounds.appliedKey(), AppliedPosition.NONE.encode());
                }
                writer.finish();
                return position;
            } catch (RocksDBException e) {
                Files.deleteIfExists(file);
                throw new StorageException("cannot export " + bounds + " to " + file, e);
            } catch (RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                lease.db().releaseSnapshot(snapshot);
            } finally {
                lease.close();
            }
        }
    }

    /** Writes the entries of [lower, upper) as of {@code snapshot} into {@code writer}; returns how many. */
    private static long copy(RocksDB db, Snapshot snapshot, byte[] lower, byte[] upper, SstFileWriter writer, Pacer pace)
            throws RocksDBException {
        long count = 0;
        try (var lowerBound = new Slice(lower);
             var upperBound = new Slice(upper);
             var readOptions = new ReadOptions()
                     .setSnapshot(snapshot)
                     .setIterateLowerBound(lowerBound)
                     .setIterateUpperBound(upperBound)
                     // A snapshot reads everything once: it should not push hot blocks out of the cache.
                     .setFillCache(false);
             var iterator = db.newIterator(readOptions)) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                byte[] key = iterator.key();
                byte[] value = iterator.value();
                writer.put(key, value);
                pace.account(key.length + value.length);
                count++;
            }
            iterator.status();
        }
        return count;
    }

    static AppliedPosition importFile(StorageEngine engine, PartitionBounds bounds, Path file) throws IOException {
        AppliedPosition position = verify(engine, bounds, file);
        try (var lease = engine.lease();
             var batch = new WriteBatch();
             var ingestOptions = new IngestExternalFileOptions()
                     // Copy: the file still belongs to the snapshot directory it came in.
                     .setMoveFiles(false)
                     // The file's entries get a sequence number above the deletions just written.
                     .setAllowGlobalSeqNo(true)) {
            PartitionStore.clear(batch, bounds);
            lease.db().write(engine.writeOptions(), batch);
            // The deletions reach the disk before the new content does: a crash in between leaves
            // an empty replica at applied index 0, never a mix of the old state and the snapshot.
            engine.flush();
            // Ingestion syncs the copied file and records it in the MANIFEST before it returns:
            // the imported state is durable without a further flush.
            lease.db().ingestExternalFile(List.of(file.toString()), ingestOptions);
            return position;
        } catch (RocksDBException e) {
            throw new StorageException("cannot import " + file + " into " + bounds, e);
        }
    }

    /** The partition's key ranges ([start, end) each: metadata, items, index entries) in key order. */
    private static List<byte[][]> ownedRanges(PartitionBounds bounds) {
        List<byte[][]> ranges = new java.util.ArrayList<>(List.of(
                new byte[][] {bounds.metaStart(), bounds.metaEnd()},
                new byte[][] {bounds.itemStart(), bounds.itemEnd()},
                new byte[][] {bounds.indexStart(), bounds.indexEnd()}));
        ranges.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        return ranges;
    }

    /**
     * Checks that {@code file} is an intact SST file holding only keys of this partition and its
     * applied position; returns that position.
     */
    static AppliedPosition verify(StorageEngine engine, PartitionBounds bounds, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no snapshot file");
        }
        byte[] appliedKey = bounds.appliedKey();
        AppliedPosition position = null;
        try (var lease = engine.lease();
             var reader = new SstFileReader(engine.options());
             var readOptions = new ReadOptions()) {
            reader.open(file.toString());
            reader.verifyChecksum();
            try (var iterator = reader.newIterator(readOptions)) {
                // The file is sorted: a key outside the partition's ranges is found by seeking each gap
                // between them, not by reading every key.
                iterator.seekToFirst();
                for (byte[][] range : ownedRanges(bounds)) {
                    if (iterator.isValid() && Arrays.compareUnsigned(iterator.key(), range[0]) < 0) {
                        throw new IOException("snapshot " + file + " holds a key outside " + bounds);
                    }
                    iterator.seek(range[1]);
                }
                if (iterator.isValid()) {
                    throw new IOException("snapshot " + file + " holds a key outside " + bounds);
                }
                iterator.status();
                iterator.seek(appliedKey);
                if (iterator.isValid() && Arrays.equals(iterator.key(), appliedKey)) {
                    byte[] value = iterator.value();
                    if (value.length != AppliedPosition.ENCODED_LENGTH) {
                        throw new IOException("snapshot " + file + " holds a malformed applied position");
                    }
                    position = AppliedPosition.decode(value);
                }
                iterator.status();
            }
        } catch (RocksDBException e) {
            throw new IOException("snapshot " + file + " is not a valid snapshot of " + bounds + ": "
                    + e.getMessage(), e);
        }
        if (position == null) {
            throw new IOException("snapshot " + file + " holds no applied position of " + bounds);
        }
        return position;
    }
}
