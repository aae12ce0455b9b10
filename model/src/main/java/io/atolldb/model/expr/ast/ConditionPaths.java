package io.atolldb.model.expr.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * The document paths a condition reads, in the order written. Query uses it to refuse a
 * FilterExpression on key attributes: DynamoDB wants those in the key condition instead.
 */
public final class ConditionPaths {
    private ConditionPaths() {
    }

    public static List<Path> of(Condition condition) {
        List<Path> paths = new ArrayList<>();
        collect(condition, paths);
        return paths;
    }

    private static void collect(Condition condition, List<Path> paths) {
        switch (condition) {
            case Condition.Compare c -> {
                collect(c.left(), paths);
                collect(c.right(), paths);
            }
            case Condition.Between b -> {
                collect(b.value(), paths);
                collect(b.lower(), paths);
                collect(b.upper(), paths);
            }
            case Condition.In in -> {
                collect(in.value(), paths);
                in.candidates().forEach(candidate -> collect(candidate, paths));
            }
            case Condition.And and -> {
                collect(and.left(), paths);
                collect(and.right(), paths);
            }
            case Condition.Or or -> {
                collect(or.left(), paths);
                collect(or.right(), paths);
            }
            case Condition.Not not -> collect(not.condition(), paths);
            case Condition.AttributeExists e -> paths.add(e.path());
            case Condition.AttributeNotExists e -> paths.add(e.path());
            case Condition.AttributeType t -> {
                paths.add(t.path());
                collect(t.type(), paths);
            }
            case Condition.BeginsWith b -> {
                collect(b.value(), paths);
                collect(b.prefix(), paths);
            }
            case Condition.Contains c -> {
                collect(c.container(), paths);
                collect(c.element(), paths);
            }
        }
    }

    private static void collect(Operand operand, List<Path> paths) {
        switch (operand) {
            case Operand.Attribute a -> paths.add(a.path());
            case Operand.Value v -> {
            }
            case Operand.Size s -> collect(s.operand(), paths);
        }
    }
}
