package io.atolldb.node.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.atolldb.model.Item;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.KeySchema;
import io.atolldb.model.SecondaryIndex;
import io.atolldb.model.ValidationError;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.node.storage.Mutation;
import io.atolldb.proto.IndexDescriptor;
import io.atolldb.proto.IndexMaintenance;
import io.atolldb.proto.KeyElement;

/**
 * Keeps a partition's secondary index entries in step with its items, inside apply: for every write
 * that changes an item, the old item's entries are deleted and the new item's written, in the same
 * write batch as the item. The index definitions come with the command (the router's view of the
 * table), so this is a function of the command and the stored item, like the rest of apply.
 *
 * <p>An entry whose key does not change is still rewritten (its projection may have); one whose key
 * goes away is deleted. Within an entry, writes apply in order, so a later command's deletes of the
 * entries an earlier command of the same entry wrote land after them.
 */
final class IndexUpdates {
    private final KeySchema tableKey;
    private final List<SecondaryIndex> indexes;

    private IndexUpdates(KeySchema tableKey, List<SecondaryIndex> indexes) {
        this.tableKey = tableKey;
        this.indexes = indexes;
    }

    /** The maintenance a command asks for; none when the table has no indexes. */
    static Optional<IndexUpdates> of(IndexMaintenance maintenance) {
        if (maintenance.getIndexesCount() == 0) {
            return Optional.empty();
        }
        List<KeyElement> key = maintenance.getTableKeyList();
        var tableKey = new KeySchema(attribute(key.getFirst()),
                key.size() > 1 ? Optional.of(attribute(key.get(1))) : Optional.empty());
        return Optional.of(new IndexUpdates(tableKey, maintenance.getIndexesList().stream().map(IndexUpdates::index).toList()));
    }

    /**
     * Checks the index key attributes of an item about to be written (a put or the result of an
     * update); DynamoDB rejects the whole write when one has the wrong type or is empty.
     *
     * @throws ValidationError with DynamoDB's message
     */
    void check(byte[] newItem) {
        Item item = ItemCodec.decode(newItem);
        for (SecondaryIndex index : indexes) {
            index.checkKeyAttributes(item);
        }
    }

    /** The mutations that move partition {@code partitionId}'s entries from {@code old} to {@code replacement}. */
    List<Mutation> changes(long partitionId, Optional<byte[]> old, Optional<byte[]> replacement) {
        Optional<Item> before = old.map(ItemCodec::decode);
        Optional<Item> after = replacement.map(ItemCodec::decode);
        List<Mutation> mutations = new ArrayList<>();
        for (SecondaryIndex index : indexes) {
            Optional<SecondaryIndex.Entry> was = before.flatMap(item -> index.entryOf(tableKey, item));
            Optional<SecondaryIndex.Entry> is = after.flatMap(item -> index.entryOf(tableKey, item));
            boolean sameKey = was.isPresent() && is.isPresent()
                    && Arrays.equals(was.get().relativeKey(), is.get().relativeKey());
            if (was.isPresent() && !sameKey) {
                mutations.add(new Mutation.Delete(KeyCodec.indexEntryKey(partitionId, index.id(), was.get().relativeKey())));
            }
            is.ifPresent(entry -> mutations.add(new Mutation.Put(
                    KeyCodec.indexEntryKey(partitionId, index.id(), entry.relativeKey()),
                    ItemCodec.encode(entry.projected()))));
        }
        return mutations;
    }

    private static SecondaryIndex index(IndexDescriptor index) {
        var schema = new KeySchema(attribute(index.getPartitionKey()),
                index.hasSortKey() ? Optional.of(attribute(index.getSortKey())) : Optional.empty());
        return new SecondaryIndex(index.getIndexId(), index.getName(), index.getGlobal(), schema,
                switch (index.getProjectionType()) {
                    case PROJECTION_TYPE_KEYS_ONLY -> SecondaryIndex.ProjectionType.KEYS_ONLY;
                    case PROJECTION_TYPE_INCLUDE -> SecondaryIndex.ProjectionType.INCLUDE;
                    default -> SecondaryIndex.ProjectionType.ALL;
                }, index.getNonKeyAttributesList());
    }

    private static KeySchema.KeyAttribute attribute(KeyElement element) {
        return new KeySchema.KeyAttribute(element.getAttributeName(), switch (element.getType()) {
            case KEY_TYPE_N -> KeySchema.ScalarType.N;
            case KEY_TYPE_B -> KeySchema.ScalarType.B;
            default -> KeySchema.ScalarType.S;
        });
    }
}
