package io.atolldb.model.expr.ast;

import io.atolldb.model.AttributeValue;
import java.util.Objects;

/** One action of an update: what happens at one document path. */
public sealed interface UpdateAction {

    /** The path this action writes. */
    Path path();

    /** {@code SET path = value}. */
    record Set(Path path, UpdateValue value) implements UpdateAction {
        public Set {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code REMOVE path}; removing a list element shifts the later ones down. */
    record Remove(Path path) implements UpdateAction {
        public Remove {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * {@code ADD path value}: adds a number, or the members of a set. (A list is accepted only from the
     * legacy AttributeUpdates parameter, where ADD appends it.)
     */
    record Add(Path path, AttributeValue value) implements UpdateAction {
        public Add {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code DELETE path set}: removes the set's members; an emptied set removes the attribute. */
    record Delete(Path path, AttributeValue value) implements UpdateAction {
        public Delete {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }
}
