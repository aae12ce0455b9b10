package io.atolldb.node.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atolldb.model.Bytes;
import io.atolldb.model.KeyCodec;

/**
 * Keys and views of stored data for tests. Item keys are built as the partition's range start
 * followed by arbitrary bytes, which is all the storage layer cares about.
 */
public final class StorageFixtures {
    private StorageFixtures() {
    }

    /** An item key of {@code tableId} with {@code token}, ending in {@code suffix}'s UTF-8 bytes. */
    public static byte[] itemKey(long tableId, long token, String suffix) {
        return itemKey(tableId, token, suffix.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] itemKey(long tableId, long token, byte[] suffix) {
        byte[] start = KeyCodec.rangeStart(tableId, token);
        byte[] key = new byte[start.length + suffix.length];
        System.arraycopy(start, 0, key, 0, start.length);
        System.arraycopy(suffix, 0, key, start.length, suffix.length);
        return key;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every item of the partition in key order (or reverse), as comparable values. */
    public static List<Map.Entry<Bytes, Bytes>> contents(PartitionStore store, boolean forward) {
        var entries = new ArrayList<Map.Entry<Bytes, Bytes>>();
        store.scanAll(forward, (key, value) -> entries.add(Map.entry(Bytes.wrap(key), Bytes.wrap(value))));
        return entries;
    }

    public static List<Map.Entry<Bytes, Bytes>> contents(PartitionStore store) {
        return contents(store, true);
    }

    public static Map.Entry<Bytes, Bytes> entry(byte[] key, String value) {
        return Map.entry(Bytes.copyOf(key), Bytes.copyOf(utf8(value)));
    }
}
