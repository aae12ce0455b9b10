package io.atolldb.model.expr.ast;

import java.util.Objects;

/** One step of a {@link Path}: a map key (or top-level attribute name) or a list index. */
public sealed interface PathElement {

    /** A map key; the first element of every path names a top-level attribute. Any string, even empty. */
    record Name(String name) implements PathElement {
        public Name {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A list index, never negative. */
    record Index(int index) implements PathElement {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("negative list index " + index);
            }
        }
    }
}
