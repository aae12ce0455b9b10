package io.atolldb.node.partition;

import io.atolldb.model.KeyCodec;
import io.atolldb.node.storage.Mutation;
import io.atolldb.node.storage.PartitionStore;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * How many items a partition replica holds and their stored size, kept exactly: every write
 * updates them in its own batch, from the old and new values it sees in apply. DescribeTable's
 * ItemCount and TableSizeBytes are their sums over a table's partitions. Sizes are stored sizes
 * (the item encoding), close to but not DynamoDB's item-size arithmetic.
 */
public record PartitionStats(long items, long bytes) {
    static final PartitionStats EMPTY = new PartitionStats(0, 0);

    static PartitionStats read(PartitionStore store) {
        return store.getMetadata(key(store))
                .map(value -> ByteBuffer.wrap(value))
                .map(buffer -> new PartitionStats(buffer.getLong(), buffer.getLong()))
                .orElse(EMPTY);
    }

    /** The stats after replacing {@code old} (absent if none) with {@code replacement} (absent for a delete). */
    PartitionStats after(Optional<byte[]> old, Optional<byte[]> replacement) {
        long itemDelta = (replacement.isPresent() ? 1 : 0) - (old.isPresent() ? 1 : 0);
        long byteDelta = replacement.map(v -> (long) v.length).orElse(0L) - old.map(v -> (long) v.length).orElse(0L);
        return new PartitionStats(items + itemDelta, bytes + byteDelta);
    }

    Mutation write(PartitionStore store) {
        return new Mutation.Put(key(store), ByteBuffer.allocate(16).putLong(items).putLong(bytes).array());
    }

    private static byte[] key(PartitionStore store) {
        return KeyCodec.partitionMetaKey(store.bounds().partitionId(), KeyCodec.META_STATS);
    }
}
