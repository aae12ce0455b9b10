package io.atolldb.node.storage;

import java.util.Arrays;

import io.atolldb.model.KeyCodec;
import io.atolldb.model.TokenRange;

/**
 * Which part of the node's keyspace one partition replica owns: the items of table
 * {@code tableId} whose token lies in {@code tokens}, the metadata keys of {@code partitionId}, and the
 * secondary index entries of those items (keyed by {@code partitionId}). Each is a contiguous key range ({@link KeyCodec}), which is what makes a partition's scan,
 * snapshot and removal one range operation each.
 */
public record PartitionBounds(long partitionId, long tableId, TokenRange tokens) {
    public PartitionBounds {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
    }

    /** True when {@code key} is an item key of this table whose token lies in this partition's range. */
    public boolean ownsItemKey(byte[] key) {
        return KeyCodec.isItemKey(key)
                && KeyCodec.tableIdOf(key) == tableId
                && tokens.contains(KeyCodec.tokenOf(key));
    }

    /** True when {@code key} is one of the secondary index entries this partition holds. */
    public boolean ownsIndexKey(byte[] key) {
        return Arrays.compareUnsigned(key, indexStart()) >= 0 && Arrays.compareUnsigned(key, indexEnd()) < 0;
    }

    /** [start, end) of every secondary index entry of the partition (keyed by partition id, see KeyCodec). */
    public byte[] indexStart() {
        return KeyCodec.partitionIndexStart(partitionId);
    }

    public byte[] indexEnd() {
        return KeyCodec.partitionIndexEnd(partitionId);
    }

    /** True when {@code key} is one of this partition's metadata keys. */
    public boolean ownsMetaKey(byte[] key) {
        return Arrays.compareUnsigned(key, metaStart()) >= 0 && Arrays.compareUnsigned(key, metaEnd()) < 0;
    }

    /** The first item key this partition owns. */
    public byte[] itemStart() {
        return KeyCodec.rangeStart(tableId, tokens.start());
    }

    /** The first item key after this partition (exclusive end). */
    public byte[] itemEnd() {
        return KeyCodec.rangeEnd(tableId, tokens.end());
    }

    public byte[] metaStart() {
        return KeyCodec.partitionMetaStart(partitionId);
    }

    public byte[] metaEnd() {
        return KeyCodec.partitionMetaEnd(partitionId);
    }

    /** Where the partition's {@link AppliedPosition} lives. */
    public byte[] appliedKey() {
        return KeyCodec.partitionMetaKey(partitionId, KeyCodec.META_APPLIED_INDEX);
    }

    @Override
    public String toString() {
        return "partition " + Long.toUnsignedString(partitionId) + " (table " + Long.toUnsignedString(tableId)
                + ", tokens " + tokens + ")";
    }
}
