package io.atolldb.model.expr.ast;

import java.util.List;

/**
 * A resolved update: its actions in the order written. Invariants (checked when it is built from
 * an expression): at least one action, and no two actions' paths overlap or conflict.
 */
public record UpdateExpression(List<UpdateAction> actions) {
    public UpdateExpression {
        actions = List.copyOf(actions);
    }
}
