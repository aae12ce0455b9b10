package io.atolldb.model.expr.ast;

import java.util.List;

/** The attributes a read returns: document paths, none a prefix of another, at least one. */
public record Projection(List<Path> paths) {
    public Projection {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("a projection names at least one path");
        }
    }
}
