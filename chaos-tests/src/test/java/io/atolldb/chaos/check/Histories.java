package io.atolldb.chaos.check;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;

import java.util.ArrayList;
import java.util.List;

/** Builds small histories for checker tests; times are in milliseconds of the run. */
final class Histories {
    private final List<Op> ops = new ArrayList<>();
    private final Family family;

    Histories(Family family) {
        this.family = family;
    }

    static Histories registers() {
        return new Histories(Family.REGISTER);
    }

    Histories write(String key, String value, long invokeMs, long completeMs) {
        return add(key, OpKind.WRITE, value, null, Outcome.OK, null, invokeMs, completeMs);
    }

    Histories unknownWrite(String key, String value, long invokeMs, long gaveUpMs) {
        return add(key, OpKind.WRITE, value, null, Outcome.UNKNOWN, null, invokeMs, gaveUpMs);
    }

    Histories failedWrite(String key, String value, long invokeMs, long completeMs) {
        return add(key, OpKind.WRITE, value, null, Outcome.FAILED, null, invokeMs, completeMs);
    }

    Histories swap(String key, String value, String replaced, long invokeMs, long completeMs) {
        return add(key, OpKind.SWAP, value, null, Outcome.OK, replaced, invokeMs, completeMs);
    }

    Histories unknownSwap(String key, String value, long invokeMs, long gaveUpMs) {
        return add(key, OpKind.SWAP, value, null, Outcome.UNKNOWN, null, invokeMs, gaveUpMs);
    }

    Histories read(String key, String result, long invokeMs, long completeMs) {
        return add(key, OpKind.READ, null, null, Outcome.OK, result, invokeMs, completeMs);
    }

    Histories cas(String key, String expected, String value, boolean applied, long invokeMs, long completeMs) {
        return add(key, OpKind.CAS, value, expected, Outcome.OK, applied ? Op.APPLIED : Op.REJECTED, invokeMs, completeMs);
    }

    Histories unknownCas(String key, String expected, String value, long invokeMs, long gaveUpMs) {
        return add(key, OpKind.CAS, value, expected, Outcome.UNKNOWN, null, invokeMs, gaveUpMs);
    }

    Histories addElement(String element, Outcome outcome, long invokeMs, long completeMs) {
        return add("s-" + element, OpKind.ADD, element, null, outcome, null, invokeMs, completeMs);
    }

    Histories addElementReplacing(String element, String replaced, long invokeMs, long completeMs) {
        return add("s-" + element, OpKind.ADD, element, null, Outcome.OK, replaced, invokeMs, completeMs);
    }

    Histories readElement(String element, boolean present, long invokeMs, long completeMs) {
        return add("s-" + element, OpKind.READ, null, null, Outcome.OK, present ? element : null, invokeMs, completeMs);
    }

    Histories add(String key, OpKind kind, String value, String expected, Outcome outcome, String result,
                  long invokeMs, long completeMs) {
        ops.add(new Op(ops.size(), ops.size() % 4, family, key, kind, value, expected, outcome, result,
                invokeMs * 1_000_000, completeMs * 1_000_000, outcome == Outcome.OK ? null : "test"));
        return this;
    }

    List<Op> ops() {
        return List.copyOf(ops);
    }
}
