package io.atolldb.node.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.BuiltinComparator;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The one RocksDB of a storage node process, shared by every partition replica the node hosts.
 * Each replica sees it through a {@link PartitionStore} (see {@link #partition}); the key layout
 * that keeps them apart is {@link io.atolldb.model.KeyCodec}'s.
 *
 * <h2>Why writes skip RocksDB's write-ahead log</h2>
 * Every change to a partition is an entry of that partition's Raft log, and the Raft log is
 * already durable before the entry is applied. So the Raft log is our write-ahead log and RocksDB
 * writes with its own WAL disabled. What makes this safe:
 * <ul>
 *   <li>A partition applies an entry as one {@code WriteBatch} holding the data changes and the
 *       new applied index (and term) of the partition. A batch lands in one memtable as a whole.</li>
 *   <li>The engine uses a single column family, so a memtable flush persists every batch up to
 *       some point in write order and none after it. Hence what RocksDB holds on disk is, for every
 *       partition, its state at its persisted applied index: a prefix of its applied log.</li>
 *   <li>After a crash the unflushed memtables are gone; the persisted applied index is lower than
 *       before, and the consensus layer replays the Raft entries after it.</li>
 *   <li>{@link #flush()} waits until the memtables are on disk: afterwards every applied entry is
 *       durable. Raft snapshots call it before they report an index, so the Raft log is never
 *       truncated past what RocksDB holds.</li>
 * </ul>
 *
 * <h2>Lifecycle</h2>
 * Thread-safe. {@link #close()} waits for operations in progress, then releases the native
 * resources; later operations throw {@link IllegalStateException} instead of touching freed memory.
 */
public final class StorageEngine implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final StorageSettings settings;
    private final LRUCache blockCache;
    private final BloomFilter bloomFilter;
    private final Options options;
    private final WriteOptions writeOptions;
    private final FlushOptions flushOptions;
    private final RocksDB db;
    /** Operations hold the read side while they use {@link #db}; close takes the write side. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private StorageEngine(Path directory, StorageSettings settings) throws RocksDBException {
        this.directory = directory;
        this.settings = settings;
        // One cache for all partitions, so hot partitions can use the memory cold ones do not need.
        this.blockCache = new LRUCache(settings.blockCacheBytes());
        // 10 bits per key: about 1% false positives, so a get of a missing key rarely reads a block.
        this.bloomFilter = new BloomFilter(10);
        this.options = newOptions(settings, blockCache, bloomFilter);
        this.writeOptions = new WriteOptions()
                // The Raft log is the write-ahead log: see the class comment.
                .setDisableWAL(true);
        this.flushOptions = new FlushOptions()
                // flush() returns only once the memtables are on disk.
                .setWaitForFlush(true);
        try {
            this.db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            releaseOptions();
            throw e;
        }
    }

    /** Opens (creating if needed) the node's database in {@code dir} with {@link StorageSettings#defaults()}. */
    public static StorageEngine open(Path dir) {
        return open(dir, StorageSettings.defaults());
    }

    public static StorageEngine open(Path dir, StorageSettings settings) {
        try {
            Files.createDirectories(dir);
            return new StorageEngine(dir, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create storage directory " + dir, e);
        } catch (RocksDBException e) {
            throw new StorageException("cannot open RocksDB in " + dir, e);
        }
    }

    private static Options newOptions(StorageSettings settings, LRUCache blockCache, BloomFilter bloomFilter) {
        var table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(bloomFilter)
                // 16 KiB blocks: items are often KiBs; fewer, larger blocks keep the index small.
                .setBlockSize(16 * 1024)
                // Index and filter blocks compete for the shared cache instead of growing without bound...
                .setCacheIndexAndFilterBlocks(true)
                // ...but those of the newest files (read by almost every get) stay pinned.
                .setPinL0FilterAndIndexBlocksInCache(true);
        return new Options()
                .setCreateIfMissing(true)
                // Keys are compared as unsigned bytes: KeyCodec's order-preserving layout relies on it.
                .setComparator(BuiltinComparator.BYTEWISE_COMPARATOR)
                .setTableFormatConfig(table)
                // LZ4: cheap on CPU (we have little of it) and still halves typical item data.
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION)
                // A modest memtable, and at most two of them, bound the memory a burst of writes takes.
                .setWriteBufferSize(settings.writeBufferBytes())
                .setMaxWriteBufferNumber(2)
                // One flush and one compaction at a time: the machine has few cores.
                .setMaxBackgroundJobs(2)
                // Level sizes follow the data size: predictable space amplification.
                .setLevelCompactionDynamicLevelBytes(true)
                // close() flushes explicitly when asked to (StorageSettings.flushOnClose), so that
                // RocksDB never flushes on its own at shutdown and a test can leave a crash's state.
                .setAvoidFlushDuringShutdown(true)
                // RocksDB's own info log: small and rotated.
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setMaxLogFileSize(8L * 1024 * 1024)
                .setKeepLogFileNum(3);
    }

    /** The view of one partition replica. Cheap: it holds no resources and may be made any time. */
    public PartitionStore partition(PartitionBounds bounds) {
        return new PartitionStore(this, bounds);
    }

    /** Waits until every write applied so far is on disk. */
    public void flush() {
        try (var lease = lease()) {
            lease.db().flush(flushOptions);
        } catch (RocksDBException e) {
            throw new StorageException("flush of " + directory + " failed", e);
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Flushes (when {@link StorageSettings#flushOnClose()}) and releases RocksDB. Waits for
     * operations in progress. Closing twice is harmless.
     */
    @Override
    public void close() {
        Lock exclusive = lifecycle.writeLock();
        exclusive.lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (settings.flushOnClose()) {
                    flush();
                }
            } finally {
                closed = true;
                db.close();
                releaseOptions();
            }
        } finally {
            exclusive.unlock();
        }
    }

    private void releaseOptions() {
        flushOptions.close();
        writeOptions.close();
        options.close();
        bloomFilter.close();
        blockCache.close();
    }

    /**
     * Borrows the open database until the lease is closed; {@link #close()} waits for it. Every
     * use of {@link #db} goes through one, so no thread can use RocksDB after it was freed.
     */
    Lease lease() {
        Lock shared = lifecycle.readLock();
        shared.lock();
        if (closed) {
            shared.unlock();
            throw new IllegalStateException("storage engine in " + directory + " is closed");
        }
        return new Lease(db, shared);
    }

    /** How every write of a partition goes to RocksDB (WAL disabled). */
    WriteOptions writeOptions() {
        return writeOptions;
    }

    /** The database options; snapshot files are written and read with the same ones. */
    Options options() {
        return options;
    }

    /** The database, open for as long as this lease is not closed. */
    record Lease(RocksDB db, Lock lock) implements AutoCloseable {
        @Override
        public void close() {
            lock.unlock();
        }
    }
}
