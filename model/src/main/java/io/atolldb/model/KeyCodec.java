package io.atolldb.model;

import java.nio.ByteBuffer;

/**
 * The one owner of the byte layout of a storage node's RocksDB keyspace. Every storage key starts
 * with a one-byte space tag:
 *
 * <pre>
 *   0x00 | partition id (8, big-endian) | kind (1) | ...           partition-local metadata
 *        e.g. kind 0x01: the applied Raft index of that partition replica
 *
 *   0x01 | table id (8) | token (8) | partition key | sort key       items
 *          big-endian     unsigned    (order-         (order-
 *                         big-endian   preserving,     preserving,
 *                                      self-           absent when
 *                                      delimiting)     the table has
 *                                                      no sort key)
 * </pre>
 *
 * Consequences the rest of the system relies on:
 * <ul>
 *   <li>A partition of table T owning tokens [s, e) owns exactly the keys in
 *       [{@link #rangeStart}(T, s), {@link #rangeEnd}(T, e)): a contiguous key range, so a split in
 *       place moves no data and a partition snapshot is one range scan.</li>
 *   <li>All items of one partition key are contiguous and sorted by sort key in DynamoDB order
 *       (numbers numerically, strings and binaries by unsigned bytes), so a Query is one range scan.</li>
 * </ul>
 */
public final class KeyCodec {
    public static final byte SPACE_PARTITION_META = 0x00;
    public static final byte SPACE_ITEMS = 0x01;

    /** Partition-local metadata kinds. Persisted: append-only codes. */
    public static final byte META_APPLIED_INDEX = 0x01;

    private static final int ITEM_PREFIX_LENGTH = 1 + 8 + 8;

    private KeyCodec() {
    }

    /** The storage key of the item whose primary key is (pk, sk); sk is null when the table has no sort key. */
    public static byte[] itemKey(long tableId, long token, AttributeValue partitionKey, AttributeValue sortKey) {
        byte[] pk = OrderedEncoding.encodeKeyValue(partitionKey);
        byte[] sk = sortKey == null ? new byte[0] : OrderedEncoding.encodeKeyValue(sortKey);
        return ByteBuffer.allocate(ITEM_PREFIX_LENGTH + pk.length + sk.length)
                .put(SPACE_ITEMS).putLong(tableId).putLong(token).put(pk).put(sk).array();
    }

    /** The first key a partition of {@code tableId} starting at {@code tokenStart} owns. */
    public static byte[] rangeStart(long tableId, long tokenStart) {
        return ByteBuffer.allocate(ITEM_PREFIX_LENGTH - 0).put(SPACE_ITEMS).putLong(tableId).putLong(tokenStart).array();
    }

    /** The first key after a partition of {@code tableId} ending (exclusive) at {@code tokenEnd}; 0 = end of ring. */
    public static byte[] rangeEnd(long tableId, long tokenEnd) {
        if (tokenEnd == 0) {
            // The end of the ring: the first key of the next table id (table ids are unsigned and never max).
            return ByteBuffer.allocate(1 + 8).put(SPACE_ITEMS).putLong(tableId + 1).array();
        }
        return rangeStart(tableId, tokenEnd);
    }

    public static boolean isItemKey(byte[] key) {
        return key.length >= ITEM_PREFIX_LENGTH && key[0] == SPACE_ITEMS;
    }

    public static long tableIdOf(byte[] itemKey) {
        requireItemKey(itemKey);
        return ByteBuffer.wrap(itemKey, 1, 8).getLong();
    }

    public static long tokenOf(byte[] itemKey) {
        requireItemKey(itemKey);
        return ByteBuffer.wrap(itemKey, 9, 8).getLong();
    }

    /** The key of one kind of metadata of one partition replica. */
    public static byte[] partitionMetaKey(long partitionId, byte kind) {
        return ByteBuffer.allocate(1 + 8 + 1).put(SPACE_PARTITION_META).putLong(partitionId).put(kind).array();
    }

    /** [start, end) of every metadata key of one partition replica. */
    public static byte[] partitionMetaStart(long partitionId) {
        return ByteBuffer.allocate(1 + 8).put(SPACE_PARTITION_META).putLong(partitionId).array();
    }

    public static byte[] partitionMetaEnd(long partitionId) {
        return ByteBuffer.allocate(1 + 8 + 1).put(SPACE_PARTITION_META).putLong(partitionId).put((byte) 0xFF).array();
    }

    private static void requireItemKey(byte[] key) {
        if (!isItemKey(key)) {
            throw new IllegalArgumentException("not an item key: " + Bytes.copyOf(key));
        }
    }
}
