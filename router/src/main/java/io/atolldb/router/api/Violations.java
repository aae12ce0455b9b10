package io.atolldb.router.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects a request's structural constraint violations and reports them together, worded like DynamoDB:
 * "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: Member must not be
 * null; Value ...". Paths are DynamoDB's camelCase member paths ("keySchema.1.member.keyType").
 */
final class Violations {
    private final List<String> found = new ArrayList<>();

    /** Records that {@code value} at {@code path} breaks {@code constraint}. */
    void add(Object value, String path, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        found.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    /** Records a violation when {@code value} is missing; returns whether it is present. */
    boolean requirePresent(Object value, String path) {
        if (value == null) {
            add(null, path, "Member must not be null");
            return false;
        }
        return true;
    }

    void checkLength(String value, String path, int min, int max) {
        checkSize(value, value.length(), path, min, max);
    }

    /** Checks a string's or list's length, with DynamoDB's "Member must have length ..." wording. */
    void checkSize(Object value, int size, String path, int min, int max) {
        if (size < min) {
            add(value, path, "Member must have length greater than or equal to " + min);
        } else if (size > max) {
            add(value, path, "Member must have length less than or equal to " + max);
        }
    }

    void checkRange(long value, String path, long min, long max) {
        if (value < min) {
            add(value, path, "Member must have value greater than or equal to " + min);
        } else if (value > max) {
            add(value, path, "Member must have value less than or equal to " + max);
        }
    }

    /**
     * The enum constant named {@code text}, or {@code null} when {@code text} is null or not one of them
     * (a violation is recorded in the latter case).
     */
    <E extends Enum<E>> E enumValue(String text, String path, Class<E> type) {
        if (text == null) {
            return null;
        }
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        add(text, path, "Member must satisfy enum value set: " + Arrays.toString(constants));
        return null;
    }

    /** Throws a ValidationException listing every violation found, if any. */
    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        String count = found.size() == 1 ? "1 validation error detected: " : found.size() + " validation errors detected: ";
        throw DynamoException.validation(count + String.join("; ", found));
    }
}
