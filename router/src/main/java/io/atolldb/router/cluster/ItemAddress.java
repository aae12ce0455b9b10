package io.atolldb.router.cluster;

import java.util.Map;
import java.util.Objects;

import com.google.protobuf.ByteString;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.Items;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.Keys;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.Tokens;
import io.atolldb.proto.TableDescriptor;

/**
 * Where one item lives: its table, its primary key, the token of its partition key (which picks the
 * partition, {@link Tokens}) and its storage key (the RocksDB key of the item, {@link KeyCodec#itemKey}).
 * Every item operation of the router (single-item, batch, transaction) addresses its items here, and
 * only here, so the checks a key passes and the bytes it becomes are the same on every path.
 *
 * <p>Built from client input with DynamoDB's validation errors: {@link #ofKey} for a Key parameter
 * (GetItem, UpdateItem, DeleteItem, ConditionCheck), {@link #ofItem} for an item to put.
 *
 * @param tableId    the table's id (never reused)
 * @param key        the item's primary key, checked against the table's key schema
 * @param token      the token of {@code key}'s partition key in the table
 * @param storageKey the item's storage key (immutable bytes)
 */
record ItemAddress(long tableId, PrimaryKey key, long token, ByteString storageKey) {
    ItemAddress {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(storageKey, "storageKey");
    }

    /** The address of {@code key} in table {@code tableId}; the key must already be checked against the table. */
    static ItemAddress of(long tableId, PrimaryKey key) {
        long token = Tokens.of(tableId, key.partitionKey());
        byte[] storageKey = KeyCodec.itemKey(tableId, token, key.partitionKey(), key.sortKey());
        return new ItemAddress(tableId, key, token, ByteString.copyFrom(storageKey));
    }

    /**
     * The item a Key parameter names: it must hold exactly the table's key attributes, each of its type
     * ({@link Keys#extractKey}: "The provided key element does not match the schema", and the size limits).
     */
    static ItemAddress ofKey(TableDescriptor table, Map<String, AttributeValue> key) {
        return of(table.getTableId(), Keys.extractKey(TableMapping.keySchema(table), key));
    }

    /**
     * The address of an item to put, after the checks DynamoDB makes on it, in this order: the item
     * itself ({@link Items#validate}: size, empty sets, numbers, nesting), its table key attributes
     * ({@link Keys#keyOfItem}: present, typed, within limits), then its secondary index key attributes
     * (typed, not empty, within limits) for every index of the table.
     */
    static ItemAddress ofItem(TableDescriptor table, Item item) {
        Items.validate(item);
        PrimaryKey key = Keys.keyOfItem(TableMapping.keySchema(table), item);
        TableMapping.indexes(table).forEach(index -> index.checkKeyAttributes(item));
        return of(table.getTableId(), key);
    }

    /**
     * Where TransactWriteItems keeps a ClientRequestToken: the storage key an item of table
     * {@code tableId} whose only key is the string {@code clientToken} would have, so every retry of a
     * request (same first table, same token) reaches the same partition. No item is ever stored there:
     * the token lives in that partition's request ledger.
     */
    static ItemAddress ofClientToken(long tableId, String clientToken) {
        return of(tableId, PrimaryKey.of(new AttributeValue.S(clientToken)));
    }

    /** The storage key as a fresh array, for the calls that address a partition by a key it owns. */
    byte[] storageKeyBytes() {
        return storageKey.toByteArray();
    }
}
