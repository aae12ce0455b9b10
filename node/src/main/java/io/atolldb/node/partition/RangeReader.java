package io.atolldb.node.partition;

import com.google.protobuf.ByteString;
import io.atolldb.model.Items;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.node.storage.PartitionStore;
import io.atolldb.proto.RangeItem;
import io.atolldb.proto.RangeRequest;
import io.atolldb.proto.RangeResponse;
import io.atolldb.proto.RangeResult;

/**
 * Reads a key range of one partition replica for Query and Scan: items in key order (or reverse),
 * stopping at the item limit or once the items read reach the byte budget, DynamoDB's 1 MB page.
 * Sizes are DynamoDB item sizes ({@link Items#size}), not stored sizes, so pages break where
 * DynamoDB's would.
 */
final class RangeReader {
    private RangeReader() {
    }

    static byte[] read(PartitionStore store, RangeRequest request) {
        if (request.getIndexId() != 0) {
            return readIndex(store, request);
        }
        byte[] from = request.getFrom().isEmpty() ? store.bounds().itemStart() : request.getFrom().toByteArray();
        byte[] to = request.getTo().isEmpty() ? store.bounds().itemEnd() : request.getTo().toByteArray();
        var result = RangeResult.newBuilder();
        var budget = new Object() {
            long bytes;
            int items;
        };
        store.scan(from, to, request.getForward(), (key, value) -> {
            boolean full = (request.getLimit() > 0 && budget.items >= request.getLimit())
                    || (request.getMaxBytes() > 0 && budget.bytes >= request.getMaxBytes());
            if (full) {
                result.setMore(true);
                return false;
            }
            budget.items++;
            if (request.getMaxBytes() > 0) {
                budget.bytes += Items.size(ItemCodec.decode(value));
            }
            result.addItems(RangeItem.newBuilder().setKey(ByteString.copyFrom(key)).setItem(ByteString.copyFrom(value)));
            return true;
        });
        return RangeResponse.newBuilder().setResult(result).build().toByteArray();
    }

    /**
     * Reads the partition's entries of one secondary index: keys in the answer are index-relative, and
     * with fetch_items each entry is answered with its table item (a local index whose projection lacks
     * attributes the reader wants; the item is in this same partition).
     */
    private static byte[] readIndex(PartitionStore store, RangeRequest request) {
        var result = RangeResult.newBuilder();
        var budget = new Object() {
            long bytes;
            int items;
        };
        store.scanIndex(request.getIndexId(), request.getFrom().toByteArray(), request.getTo().toByteArray(),
                request.getForward(), (key, value) -> {
                    boolean full = (request.getLimit() > 0 && budget.items >= request.getLimit())
                            || (request.getMaxBytes() > 0 && budget.bytes >= request.getMaxBytes());
                    if (full) {
                        result.setMore(true);
                        return false;
                    }
                    byte[] relative = KeyCodec.relativeKeyOf(key);
                    byte[] answered = value;
                    if (request.getFetchItems()) {
                        byte[] itemKey = KeyCodec.itemKeyOfIndexEntry(store.bounds().tableId(), relative,
                                request.getIndexKeyValues());
                        // Entries and items change in one batch, and the scan sees one state: the item is there.
                        answered = store.get(itemKey).orElse(value);
                    }
                    budget.items++;
                    if (request.getMaxBytes() > 0) {
                        budget.bytes += Items.size(ItemCodec.decode(answered));
                    }
                    result.addItems(RangeItem.newBuilder().setKey(ByteString.copyFrom(relative))
                            .setItem(ByteString.copyFrom(answered)));
                    return true;
                });
        return RangeResponse.newBuilder().setResult(result).build().toByteArray();
    }
}
