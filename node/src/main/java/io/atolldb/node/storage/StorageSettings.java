package io.atolldb.node.storage;

/**
 * How a {@link StorageEngine} sizes its memory and how it shuts down. The defaults suit a small
 * machine that hosts a few dozen partition replicas.
 *
 * @param blockCacheBytes   the one block cache every partition on the node shares (uncompressed
 *                          data, index and filter blocks)
 * @param writeBufferBytes  the size of one memtable; RocksDB keeps at most a few of them in memory
 * @param flushOnClose      whether {@link StorageEngine#close()} flushes the memtables first. Always
 *                          true in production; false leaves on disk exactly what a crash would, which
 *                          is how tests check recovery
 */
public record StorageSettings(long blockCacheBytes, long writeBufferBytes, boolean flushOnClose) {
    private static final long MIB = 1024 * 1024;
    /** RocksDB silently raises smaller memtables to this size. */
    private static final long MIN_WRITE_BUFFER_BYTES = 64 * 1024;

    public StorageSettings {
        if (blockCacheBytes <= 0) {
            throw new IllegalArgumentException("blockCacheBytes must be positive: " + blockCacheBytes);
        }
        if (writeBufferBytes < MIN_WRITE_BUFFER_BYTES) {
            throw new IllegalArgumentException("writeBufferBytes must be at least " + MIN_WRITE_BUFFER_BYTES
                    + ": " + writeBufferBytes);
        }
    }

    /** 64 MiB of block cache, 16 MiB memtables, flush on close. */
    public static StorageSettings defaults() {
        return new StorageSettings(64 * MIB, 16 * MIB, true);
    }

    public StorageSettings withFlushOnClose(boolean flush) {
        return new StorageSettings(blockCacheBytes, writeBufferBytes, flush);
    }

    public StorageSettings withWriteBufferBytes(long bytes) {
        return new StorageSettings(blockCacheBytes, bytes, flushOnClose);
    }
}
