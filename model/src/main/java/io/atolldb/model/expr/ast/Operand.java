package io.atolldb.model.expr.ast;

import io.atolldb.model.AttributeValue;
import java.util.Objects;

/** A value a condition compares or tests: an attribute of the item, a literal, or the size of either. */
public sealed interface Operand {

    /** The value at a document path of the item; may be absent. */
    record Attribute(Path path) implements Operand {
        public Attribute {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A literal from ExpressionAttributeValues (or a legacy AttributeValueList). */
    record Value(AttributeValue value) implements Operand {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code size(operand)}: a number, absent when the operand is absent or has no size (N, BOOL, NULL). */
    record Size(Operand operand) implements Operand {
        public Size {
            Objects.requireNonNull(operand, "operand");
        }
    }
}
