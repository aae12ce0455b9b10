package io.atolldb.model.expr.parse;

import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.PathElement;
import java.util.List;

/**
 * DynamoDB's rule for the paths an update writes and a projection reads: no path may equal or
 * contain another ("overlap", e.g. {@code a} and {@code a.b}), and no two may use a name and an index
 * at the same position below a common prefix ("conflict", e.g. {@code a.b} and {@code a[1]}). Overlaps
 * are reported before conflicts; each names the earlier path first.
 */
final class PathOverlaps {
    private PathOverlaps() {
    }

    static void check(List<Path> paths, ExpressionKind kind) {
        String conflict = null;
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j; i++) {
                Path one = paths.get(i);
                Path two = paths.get(j);
                switch (relation(one, two)) {
                    case OVERLAP -> throw kind.error("Two document paths overlap with each other; must remove or rewrite one "
                            + "of these paths; path one: " + one.describe() + ", path two: " + two.describe());
                    case CONFLICT -> {
                        if (conflict == null) {
                            conflict = "Two document paths conflict with each other; must remove or rewrite one of these "
                                    + "paths; path one: " + one.describe() + ", path two: " + two.describe();
                        }
                    }
                    case INDEPENDENT -> {
                    }
                }
            }
        }
        if (conflict != null) {
            throw kind.error(conflict);
        }
    }

    private enum Relation { OVERLAP, CONFLICT, INDEPENDENT }

    private static Relation relation(Path one, Path two) {
        List<PathElement> a = one.elements();
        List<PathElement> b = two.elements();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (a.get(i).getClass() != b.get(i).getClass()) {
                return Relation.CONFLICT;
            }
            if (!a.get(i).equals(b.get(i))) {
                return Relation.INDEPENDENT;
            }
        }
        return Relation.OVERLAP;
    }
}
