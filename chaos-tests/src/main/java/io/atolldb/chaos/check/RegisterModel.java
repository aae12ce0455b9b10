package io.atolldb.chaos.check;

import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;

import java.util.Objects;

/**
 * The sequential specification of one register (one DynamoDB item's value attribute): its state is the
 * value, null when the item is absent, and it starts absent. Deterministic: an operation either cannot
 * happen in a state or leads to exactly one next state. An operation of unknown outcome is modelled as
 * if it happened (a compare-and-set then applies only if its condition holds); that it might not have
 * happened at all is covered by the checker, which may linearize it after everything else.
 */
final class RegisterModel {
    /** The state after one step, or {@code legal == false} when the operation cannot happen. */
    record Step(boolean legal, String state) {
        static final Step ILLEGAL = new Step(false, null);
    }

    private RegisterModel() {
    }

    /**
     * True for operations the search must place: OK reads, writes, swaps and CAS; unknown writes,
     * swaps and CAS. A failed operation had no effect; an unknown read learned nothing.
     */
    static boolean constrains(Op op) {
        if (op.outcome() == Outcome.FAILED || op.kind() == OpKind.ADD) {
            return false;
        }
        return op.outcome() == Outcome.OK || op.kind() != OpKind.READ;
    }

    static Step step(String state, Op op) {
        return switch (op.kind()) {
            case READ -> Objects.equals(state, op.result()) ? new Step(true, state) : Step.ILLEGAL;
            case WRITE -> new Step(true, op.value());
            case SWAP -> op.outcome() == Outcome.UNKNOWN || Objects.equals(state, op.result())
                    ? new Step(true, op.value()) : Step.ILLEGAL;
            case CAS -> cas(state, op);
            case ADD -> throw new IllegalArgumentException("a register has no ADD: " + op.describe());
        };
    }

    private static Step cas(String state, Op op) {
        boolean holds = Objects.equals(state, op.expected());
        if (op.outcome() == Outcome.UNKNOWN) {
            return new Step(true, holds ? op.value() : state);
        }
        if (op.applied()) {
            return holds ? new Step(true, op.value()) : Step.ILLEGAL;
        }
        return holds ? Step.ILLEGAL : new Step(true, state);
    }
}
