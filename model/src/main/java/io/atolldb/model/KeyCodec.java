package io.atolldb.model;

import java.nio.ByteBuffer;

/**
 * The one owner of the byte layout of a storage node's RocksDB keyspace. Every storage key starts
 * with a one-byte space tag:
 *
 * <pre>
 *   0x00 | partition id (8, big-endian) | kind (1) | ...           partition-local metadata
 *        kind 0x01: the applied Raft index (and term) of that partition replica
 *        kind 0x02 | request id (UTF-8): the reply to a write already applied (retries get it again)
 *        kind 0x03 | timestamp (8) | request id: when that reply may be forgotten (expiry order)
 *        kind 0x04: the partition's item count and stored bytes
 *        kind 0x05 | item key: the lock a prepared transaction holds on that item
 *        kind 0x06 | transaction id (UTF-8): the actions a transaction prepared here, until it finishes
 *        kind 0x07 | transaction id (UTF-8): the decision recorded by the coordinator partition
 *        kind 0x08: the partition's descriptor as its Raft log last changed it (a split): token range, epoch
 *
 *   0x01 | table id (8) | token (8) | partition key | sort key       items
 *          big-endian     unsigned    (order-         (order-
 *                         big-endian   preserving,     preserving,
 *                                      self-           absent when
 *                                      delimiting)     the table has
 *                                                      no sort key)
 *
 *   0x02 | partition id (8) | index id (4) | index-relative key      secondary index entries
 *          big-endian         big-endian
 *        index-relative key = index partition key | index sort key (absent when the index has none)
 *                             | table partition key | table sort key (absent when the table has none),
 *                             each order-preserving and self-delimiting; the value is the projected item
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
    public static final byte SPACE_INDEXES = 0x02;

    /** Partition-local metadata kinds. Persisted: append-only codes. */
    public static final byte META_APPLIED_INDEX = 0x01;
    public static final byte META_REQUEST_REPLY = 0x02;
    public static final byte META_REQUEST_EXPIRY = 0x03;
    public static final byte META_STATS = 0x04;
    public static final byte META_TXN_LOCK = 0x05;
    public static final byte META_TXN_PENDING = 0x06;
    public static final byte META_TXN_DECISION = 0x07;
    public static final byte META_DESCRIPTOR = 0x08;

    private static final int ITEM_PREFIX_LENGTH = 1 + 8 + 8;
    private static final int INDEX_PREFIX_LENGTH = 1 + 8 + 4;

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
        return ByteBuffer.allocate(ITEM_PREFIX_LENGTH).put(SPACE_ITEMS).putLong(tableId).putLong(tokenStart).array();
    }

    /** The first key after a partition of {@code tableId} ending (exclusive) at {@code tokenEnd}; 0 = end of ring. */
    public static byte[] rangeEnd(long tableId, long tokenEnd) {
        if (tokenEnd == 0) {
            // The end of the ring: the first key of the next table id (table ids are unsigned and never max).
            return ByteBuffer.allocate(1 + 8).put(SPACE_ITEMS).putLong(tableId + 1).array();
        }
        return rangeStart(tableId, tokenEnd);
    }

    /**
     * The prefix shared by exactly the item keys of one partition key: all items of {@code pk}, in
     * sort key order, are the keys in [prefix, {@link #prefixEnd}(prefix)).
     */
    public static byte[] partitionKeyPrefix(long tableId, long token, AttributeValue partitionKey) {
        return itemKey(tableId, token, partitionKey, null);
    }

    /**
     * The prefix shared by exactly the item keys of one partition key whose S (or B) sort key begins
     * with {@code sortKeyPrefix}: Query's begins_with(sk, prefix) is the range [prefix, prefixEnd(prefix)).
     */
    public static byte[] sortKeyBeginsWithPrefix(long tableId, long token, AttributeValue partitionKey,
                                                 AttributeValue sortKeyPrefix) {
        byte[] pk = partitionKeyPrefix(tableId, token, partitionKey);
        byte[] sk = OrderedEncoding.encodeBeginsWithPrefix(sortKeyPrefix);
        return ByteBuffer.allocate(pk.length + sk.length).put(pk).put(sk).array();
    }

    /**
     * The smallest key greater than every key starting with {@code prefix}: the exclusive end of a
     * prefix scan.
     *
     * @throws IllegalArgumentException when the prefix is empty or all 0xFF (no such key exists)
     */
    public static byte[] prefixEnd(byte[] prefix) {
        int last = prefix.length - 1;
        while (last >= 0 && prefix[last] == (byte) 0xFF) {
            last--;
        }
        if (last < 0) {
            throw new IllegalArgumentException("no key follows every key with prefix " + Bytes.copyOf(prefix));
        }
        byte[] end = java.util.Arrays.copyOf(prefix, last + 1);
        end[last]++;
        return end;
    }

    /** Decodes the primary key of an item key; the sort key is null when the key has none. */
    public static PrimaryKey primaryKeyOf(byte[] itemKey) {
        requireItemKey(itemKey);
        var pk = OrderedEncoding.decodeKeyValue(itemKey, ITEM_PREFIX_LENGTH);
        if (pk.nextOffset() == itemKey.length) {
            return PrimaryKey.of(pk.value());
        }
        var sk = OrderedEncoding.decodeKeyValue(itemKey, pk.nextOffset());
        if (sk.nextOffset() != itemKey.length) {
            throw new IllegalArgumentException("trailing bytes after the sort key in " + Bytes.copyOf(itemKey));
        }
        return new PrimaryKey(pk.value(), sk.value());
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

    /**
     * The index-relative key of an entry: index partition key, index sort key (null when the index
     * has none), table partition key, table sort key (null when the table has none).
     */
    public static byte[] indexRelativeKey(AttributeValue indexPartitionKey, AttributeValue indexSortKey,
                                          AttributeValue tablePartitionKey, AttributeValue tableSortKey) {
        return concat(indexPartitionKey, indexSortKey, tablePartitionKey, tableSortKey);
    }

    /** The encoded key values, in order, nulls skipped: a prefix of index-relative keys. */
    public static byte[] concat(AttributeValue... values) {
        var out = new java.io.ByteArrayOutputStream();
        for (AttributeValue value : values) {
            if (value != null) {
                out.writeBytes(OrderedEncoding.encodeKeyValue(value));
            }
        }
        return out.toByteArray();
    }

    /** The storage key of an index entry held by partition {@code partitionId}. */
    public static byte[] indexEntryKey(long partitionId, int indexId, byte[] relativeKey) {
        return ByteBuffer.allocate(INDEX_PREFIX_LENGTH + relativeKey.length)
                .put(SPACE_INDEXES).putLong(partitionId).putInt(indexId).put(relativeKey).array();
    }

    /** The first storage key of index {@code indexId}'s entries in partition {@code partitionId}. */
    public static byte[] indexStart(long partitionId, int indexId) {
        return indexEntryKey(partitionId, indexId, new byte[0]);
    }

    /** The first storage key after index {@code indexId}'s entries in partition {@code partitionId}. */
    public static byte[] indexEnd(long partitionId, int indexId) {
        return prefixEnd(indexStart(partitionId, indexId));
    }

    /** [start, end) of every index entry a partition holds. */
    public static byte[] partitionIndexStart(long partitionId) {
        return ByteBuffer.allocate(1 + 8).put(SPACE_INDEXES).putLong(partitionId).array();
    }

    public static byte[] partitionIndexEnd(long partitionId) {
        return prefixEnd(partitionIndexStart(partitionId));
    }

    /** The index-relative part of an index entry's storage key. */
    public static byte[] relativeKeyOf(byte[] indexEntryKey) {
        if (indexEntryKey.length < INDEX_PREFIX_LENGTH || indexEntryKey[0] != SPACE_INDEXES) {
            throw new IllegalArgumentException("not an index entry key: " + Bytes.copyOf(indexEntryKey));
        }
        return java.util.Arrays.copyOfRange(indexEntryKey, INDEX_PREFIX_LENGTH, indexEntryKey.length);
    }

    /**
     * The storage key of the table item an index entry comes from: the index-relative key after its
     * {@code indexKeyValues} index key values is the item's encoded primary key, whose partition key
     * gives the token.
     */
    public static byte[] itemKeyOfIndexEntry(long tableId, byte[] relativeKey, int indexKeyValues) {
        int offset = 0;
        for (int i = 0; i < indexKeyValues; i++) {
            offset = OrderedEncoding.decodeKeyValue(relativeKey, offset).nextOffset();
        }
        AttributeValue partitionKey = OrderedEncoding.decodeKeyValue(relativeKey, offset).value();
        long token = Tokens.of(tableId, partitionKey);
        return ByteBuffer.allocate(ITEM_PREFIX_LENGTH + relativeKey.length - offset)
                .put(SPACE_ITEMS).putLong(tableId).putLong(token)
                .put(relativeKey, offset, relativeKey.length - offset).array();
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
