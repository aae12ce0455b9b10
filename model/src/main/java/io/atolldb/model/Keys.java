package io.atolldb.model;

import io.atolldb.model.KeySchema.KeyAttribute;
import java.util.Map;

/**
 * Checks client-supplied keys against a table's {@link KeySchema} the way DynamoDB does, and turns
 * them into a {@link PrimaryKey}. Every failure is a {@link ValidationError} with DynamoDB's message.
 *
 * <p>A valid key value has the schema's type, is not an empty string or binary, is a number within
 * DynamoDB's limits, and is at most {@value #MAX_PARTITION_KEY_BYTES} (partition key) or
 * {@value #MAX_SORT_KEY_BYTES} (sort key) bytes as {@link Items#valueSize} counts them.
 */
public final class Keys {
    public static final int MAX_PARTITION_KEY_BYTES = 2048;
    public static final int MAX_SORT_KEY_BYTES = 1024;

    static final String KEY_MISMATCH = "The provided key element does not match the schema";
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final String NOT_VALID = "One or more parameter values are not valid. ";

    private Keys() {
    }

    /**
     * The key of a GetItem, DeleteItem or UpdateItem request: {@code key} must hold exactly the key
     * attributes of {@code schema}, each of its type.
     */
    public static PrimaryKey extractKey(KeySchema schema, Map<String, AttributeValue> key) {
        int expected = schema.sortKey().isPresent() ? 2 : 1;
        if (key.size() != expected) {
            throw new ValidationError(KEY_MISMATCH);
        }
        var partitionKey = matching(schema.partitionKey(), key);
        var sortKey = schema.sortKey().map(sk -> matching(sk, key)).orElse(null);
        return checked(schema, partitionKey, sortKey);
    }

    /** The key of an item to put: the item must contain every key attribute, each of its type. */
    public static PrimaryKey keyOfItem(KeySchema schema, Item item) {
        var partitionKey = present(schema.partitionKey(), item);
        var sortKey = schema.sortKey().map(sk -> present(sk, item)).orElse(null);
        return checked(schema, partitionKey, sortKey);
    }

    private static AttributeValue matching(KeyAttribute attribute, Map<String, AttributeValue> key) {
        var value = key.get(attribute.name());
        if (value == null || !hasType(value, attribute.type())) {
            throw new ValidationError(KEY_MISMATCH);
        }
        return value;
    }

    private static AttributeValue present(KeyAttribute attribute, Item item) {
        var value = item.get(attribute.name());
        if (value == null) {
            throw new ValidationError(INVALID + "Missing the key " + attribute.name() + " in the item");
        }
        if (!hasType(value, attribute.type())) {
            throw new ValidationError(INVALID + "Type mismatch for key " + attribute.name() + " expected: "
                    + attribute.type() + " actual: " + value.typeName());
        }
        return value;
    }

    private static PrimaryKey checked(KeySchema schema, AttributeValue partitionKey, AttributeValue sortKey) {
        checkValue(schema.partitionKey().name(), partitionKey);
        if (sortKey != null) {
            checkValue(schema.sortKey().orElseThrow().name(), sortKey);
        }
        if (Items.valueSize(partitionKey) > MAX_PARTITION_KEY_BYTES) {
            // sic: DynamoDB's message has no space before 2048
            throw new ValidationError(INVALID + "Size of hashkey has exceeded the maximum size limit of"
                    + MAX_PARTITION_KEY_BYTES + " bytes");
        }
        if (sortKey != null && Items.valueSize(sortKey) > MAX_SORT_KEY_BYTES) {
            throw new ValidationError(INVALID + "Aggregated size of all range keys has exceeded the size limit of "
                    + MAX_SORT_KEY_BYTES + " bytes");
        }
        return new PrimaryKey(partitionKey, sortKey);
    }

    private static void checkValue(String name, AttributeValue value) {
        switch (value) {
            case AttributeValue.S s when s.value().isEmpty() -> throw new ValidationError(NOT_VALID
                    + "The AttributeValue for a key attribute cannot contain an empty string value. Key: " + name);
            case AttributeValue.B b when b.value().size() == 0 -> throw new ValidationError(NOT_VALID
                    + "The AttributeValue for a key attribute cannot contain an empty binary value. Key: " + name);
            case AttributeValue.N n -> Numbers.validate(n.value());
            default -> {
            }
        }
    }

    private static boolean hasType(AttributeValue value, KeySchema.ScalarType type) {
        return switch (type) {
            case S -> value instanceof AttributeValue.S;
            case N -> value instanceof AttributeValue.N;
            case B -> value instanceof AttributeValue.B;
        };
    }
}
