package io.atolldb.model.expr.ast;

import io.atolldb.model.AttributeValue;
import java.util.Objects;

/** The right-hand side of a SET action. All paths in it are read from the item as it was before the update. */
public sealed interface UpdateValue {

    /** A literal from ExpressionAttributeValues. */
    record Value(AttributeValue value) implements UpdateValue {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The value at a path of the old item; the update fails if it is absent. */
    record Attribute(Path path) implements UpdateValue {
        public Attribute {
            Objects.requireNonNull(path, "path");
        }
    }

    /** {@code if_not_exists(path, fallback)}: the value at path if present, else the fallback. */
    record IfNotExists(Path path, UpdateValue fallback) implements UpdateValue {
        public IfNotExists {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(fallback, "fallback");
        }
    }

    /** {@code list_append(first, second)}: both lists. */
    record ListAppend(UpdateValue first, UpdateValue second) implements UpdateValue {
        public ListAppend {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
        }
    }

    /** {@code left + right}: both numbers. */
    record Plus(UpdateValue left, UpdateValue right) implements UpdateValue {
        public Plus {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** {@code left - right}: both numbers. */
    record Minus(UpdateValue left, UpdateValue right) implements UpdateValue {
        public Minus {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }
}
