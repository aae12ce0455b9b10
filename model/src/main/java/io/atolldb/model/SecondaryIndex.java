package io.atolldb.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One global or local secondary index of a table, as far as its entries are concerned: which
 * attributes key it and which it copies (its projection). An item belongs to the index exactly when
 * it holds every index key attribute (a sparse index skips the others); its entry is keyed by the
 * index key and then the table key ({@link KeyCodec#indexRelativeKey}) and holds the projected item.
 *
 * <p>Pure: the router uses it to check writes and answer reads, every replica to maintain entries in
 * apply, and both must agree byte for byte.
 *
 * @param id       never reused within the table: part of every entry's storage key
 * @param keySchema the index's partition key and optional sort key
 * @param nonKeyAttributes the attributes an INCLUDE projection copies besides the keys
 */
public record SecondaryIndex(int id, String name, boolean global, KeySchema keySchema, ProjectionType projection,
                             List<String> nonKeyAttributes) {

    /** DynamoDB's projection types: every attribute, the keys only, or the keys and named attributes. */
    public enum ProjectionType { ALL, KEYS_ONLY, INCLUDE }

    /** One index entry of an item: its index-relative key and the attributes it carries. */
    public record Entry(byte[] relativeKey, Item projected) {
    }

    public SecondaryIndex {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySchema, "keySchema");
        Objects.requireNonNull(projection, "projection");
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }

    /**
     * Checks the index key attributes an item holds, as DynamoDB does on every write: each present
     * one must have its defined type, must not be an empty string or binary, and must fit the key size
     * limits (2048 bytes for the index's partition key, 1024 for its sort key). Absent ones are fine
     * (the item is simply not in the index).
     *
     * @throws ValidationError with DynamoDB's message otherwise
     */
    public void checkKeyAttributes(Item item) {
        for (KeySchema.KeyAttribute attribute : keyAttributes()) {
            AttributeValue value = item.get(attribute.name());
            if (value == null) {
                continue;
            }
            if (!hasType(value, attribute.type())) {
                throw new ValidationError("One or more parameter values were invalid: Type mismatch for Index Key "
                        + attribute.name() + " Expected: " + attribute.type() + " Actual: " + value.typeName()
                        + " IndexName: " + name);
            }
            boolean empty = value instanceof AttributeValue.S s && s.value().isEmpty()
                    || value instanceof AttributeValue.B b && b.value().size() == 0;
            if (empty) {
                throw new ValidationError("One or more parameter values are not valid. A value specified for a secondary "
                        + "index key is not supported. The AttributeValue for a key attribute cannot contain an empty "
                        + (value instanceof AttributeValue.S ? "string" : "binary") + " value. IndexName: " + name
                        + ", IndexKey: " + attribute.name());
            }
            boolean partitionKey = attribute.name().equals(keySchema.partitionKey().name());
            long limit = partitionKey ? Keys.MAX_PARTITION_KEY_BYTES : Keys.MAX_SORT_KEY_BYTES;
            if (Items.valueSize(value) > limit) {
                // An index key has the table key's limits (Developer Guide, quotas: partition and sort keys);
                // DynamoDB Local's wording.
                throw new ValidationError("One or more parameter values were invalid: Size limit exceeded");
            }
        }
    }

    /**
     * The entry {@code item} of a table keyed by {@code tableKey} has in this index, or empty when the
     * item lacks an index key attribute or holds one of another type (sparse: not in the index).
     */
    public Optional<Entry> entryOf(KeySchema tableKey, Item item) {
        List<AttributeValue> indexKey = new ArrayList<>(2);
        for (KeySchema.KeyAttribute attribute : keyAttributes()) {
            AttributeValue value = item.get(attribute.name());
            if (value == null || !hasType(value, attribute.type())) {
                return Optional.empty();
            }
            indexKey.add(value);
        }
        AttributeValue tablePartitionKey = item.get(tableKey.partitionKey().name());
        AttributeValue tableSortKey = tableKey.sortKey().map(k -> item.get(k.name())).orElse(null);
        byte[] key = KeyCodec.indexRelativeKey(indexKey.get(0), indexKey.size() > 1 ? indexKey.get(1) : null,
                tablePartitionKey, tableSortKey);
        return Optional.of(new Entry(key, project(tableKey, item)));
    }

    /** The attributes of {@code item} this index copies, in the item's order. */
    public Item project(KeySchema tableKey, Item item) {
        if (projection == ProjectionType.ALL) {
            return item;
        }
        Set<String> kept = projectedAttributes(tableKey);
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.attributes().forEach((attribute, value) -> {
            if (kept.contains(attribute)) {
                out.put(attribute, value);
            }
        });
        return new Item(out);
    }

    /**
     * The attribute names the index copies when its projection is not ALL: the table's and the
     * index's key attributes, and for INCLUDE the named non-key attributes.
     */
    public Set<String> projectedAttributes(KeySchema tableKey) {
        Set<String> names = new LinkedHashSet<>();
        names.add(tableKey.partitionKey().name());
        tableKey.sortKey().ifPresent(k -> names.add(k.name()));
        keyAttributes().forEach(k -> names.add(k.name()));
        if (projection == ProjectionType.INCLUDE) {
            names.addAll(nonKeyAttributes);
        }
        return names;
    }

    /** The index key then the table key of an item: what LastEvaluatedKey holds for an index read. */
    public Map<String, AttributeValue> lastEvaluatedKey(KeySchema tableKey, Item item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (KeySchema.KeyAttribute attribute : keyAttributes()) {
            key.put(attribute.name(), item.get(attribute.name()));
        }
        key.put(tableKey.partitionKey().name(), item.get(tableKey.partitionKey().name()));
        tableKey.sortKey().ifPresent(k -> key.put(k.name(), item.get(k.name())));
        return key;
    }

    private List<KeySchema.KeyAttribute> keyAttributes() {
        List<KeySchema.KeyAttribute> keys = new ArrayList<>(2);
        keys.add(keySchema.partitionKey());
        keySchema.sortKey().ifPresent(keys::add);
        return keys;
    }

    private static boolean hasType(AttributeValue value, KeySchema.ScalarType type) {
        return switch (type) {
            case S -> value instanceof AttributeValue.S;
            case N -> value instanceof AttributeValue.N;
            case B -> value instanceof AttributeValue.B;
        };
    }
}
