package io.atolldb.model.expr.legacy;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The ComparisonOperator of the legacy condition parameters (Expected, KeyConditions, QueryFilter,
 * ScanFilter): how many values each takes and which value types it accepts.
 */
public enum ComparisonOperator {
    EQ(1, 1, null), NE(1, 1, null),
    LE(1, 1, Set.of("S", "N", "B")), LT(1, 1, Set.of("S", "N", "B")),
    GE(1, 1, Set.of("S", "N", "B")), GT(1, 1, Set.of("S", "N", "B")),
    NOT_NULL(0, 0, null), NULL(0, 0, null),
    CONTAINS(1, 1, Set.of("S", "N", "B", "BOOL", "NULL")), NOT_CONTAINS(1, 1, Set.of("S", "N", "B", "BOOL", "NULL")),
    BEGINS_WITH(1, 1, Set.of("S", "B")),
    IN(1, Integer.MAX_VALUE, Set.of("S", "N", "B")),
    BETWEEN(2, 2, Set.of("S", "N", "B"));

    private final int minValues;
    private final int maxValues;
    private final Set<String> valueTypes;

    ComparisonOperator(int minValues, int maxValues, Set<String> valueTypes) {
        this.minValues = minValues;
        this.maxValues = maxValues;
        this.valueTypes = valueTypes;
    }

    /** The operator named {@code name} exactly as on the wire ("EQ", "NOT_NULL", ...), if there is one. */
    public static Optional<ComparisonOperator> fromName(String name) {
        return Arrays.stream(values()).filter(op -> op.name().equals(name)).findFirst();
    }

    /** True when the operator takes {@code count} values in its AttributeValueList. */
    boolean takes(int count) {
        return count >= minValues && count <= maxValues;
    }

    /** True when the operator accepts values of DynamoDB type {@code typeName}. */
    boolean accepts(String typeName) {
        return valueTypes == null || valueTypes.contains(typeName);
    }
}
