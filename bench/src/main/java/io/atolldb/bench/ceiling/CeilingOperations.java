package io.atolldb.bench.ceiling;

import io.atolldb.bench.driver.Operations;
import io.atolldb.bench.workload.Records;
import org.rocksdb.BloomFilter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workload on RocksDB itself. A value is an 8-byte version followed by the payload, so an item costs
 * what it does in the DynamoDB targets. Updates and read-modify-writes read the stored value before
 * writing, as a DynamoDB UpdateItem does. Requests run on {@code clients} threads, so at most that many
 * writers wait on the WAL's fsync together.
 */
final class CeilingOperations implements Operations {
    static final String THREAD_PREFIX = "ceiling-";

    static {
        RocksDB.loadLibrary();
    }

    private final Records records;
    private final Options options;
    private final LRUCache cache;
    private final BloomFilter filter;
    private final WriteOptions syncWrites;
    private final RocksDB db;
    private final ExecutorService threads;

    private CeilingOperations(Path directory, Records records, int clients) throws RocksDBException {
        this.records = records;
        this.cache = new LRUCache(256L << 20);
        this.filter = new BloomFilter(10);
        this.options = new Options().setCreateIfMissing(true)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(filter))
                .setIncreaseParallelism(2);
        // Durable like a replicated write: the WAL record is fsynced before the write returns.
        this.syncWrites = new WriteOptions().setSync(true).setDisableWAL(false);
        this.db = RocksDB.open(options, directory.toString());
        var counter = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(clients, task -> {
            var thread = new Thread(task, THREAD_PREFIX + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
    }

    static CeilingOperations open(Path directory, Records records, int clients) {
        try {
            Files.createDirectories(directory);
            return new CeilingOperations(directory, records, clients);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open RocksDB in " + directory, e);
        }
    }

    private static byte[] key(long record) {
        return Records.key(record).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] value(long version, int payload) {
        byte[] text = records.payload(payload).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + text.length).putLong(version).put(text).array();
    }

    private <T> CompletableFuture<T> on(RocksCall<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.run();
            } catch (RocksDBException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, threads);
    }

    @Override
    public CompletableFuture<?> read(long record) {
        return on(() -> db.get(key(record)));
    }

    @Override
    public CompletableFuture<?> update(long record, int payload) {
        return on(() -> {
            byte[] key = key(record);
            byte[] stored = db.get(key);
            long version = stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
            db.put(syncWrites, key, value(version, payload));
            return null;
        });
    }

    @Override
    public CompletableFuture<?> put(long record, int payload) {
        return on(() -> {
            db.put(syncWrites, key(record), value(0, payload));
            return null;
        });
    }

    @Override
    public CompletableFuture<Outcome> readModifyWrite(long record, int payload) {
        return on(() -> {
            byte[] key = key(record);
            byte[] stored = db.get(key);
            long version = stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
            db.put(syncWrites, key, value(version + 1, payload));
            return Outcome.WRITTEN;
        });
    }

    @Override
    public CompletableFuture<?> loadBatch(long first, int count) {
        return on(() -> {
            try (var batch = new WriteBatch()) {
                for (int i = 0; i < count; i++) {
                    batch.put(key(first + i), value(0, (int) (first + i)));
                }
                db.write(syncWrites, batch);
            }
            return null;
        });
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
        syncWrites.close();
        options.close();
        filter.close();
        cache.close();
    }

    @FunctionalInterface
    private interface RocksCall<T> {
        T run() throws RocksDBException;
    }
}
