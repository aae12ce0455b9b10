package io.atolldb.chaos.history;

import java.util.Objects;

/**
 * One operation of a history, as one client saw it: invoked at {@code invokeNanos}, answered (or given
 * up on) at {@code completeNanos}, both measured from the start of the run on one monotonic clock.
 *
 * <p>Values are strings; null stands for "absent". {@code value} is what a WRITE, CAS or ADD writes,
 * {@code expected} what a CAS compares with, {@code result} what a READ returned or whether a CAS was
 * {@link #APPLIED} or {@link #REJECTED}. {@code error} is the error the client saw, if any.
 * Invariant: {@code completeNanos >= invokeNanos}; the index is unique within a history.
 */
public record Op(long index, int client, Family family, String key, OpKind kind, String value, String expected,
                 Outcome outcome, String result, long invokeNanos, long completeNanos, String error) {
    /** The {@code result} of a compare-and-set whose condition held, so it wrote. */
    public static final String APPLIED = "applied";
    /** The {@code result} of a compare-and-set whose condition did not hold (ConditionalCheckFailed). */
    public static final String REJECTED = "rejected";

    public Op {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException("op " + index + " completes before it is invoked");
        }
    }

    public boolean succeeded() {
        return outcome == Outcome.OK;
    }

    /** True for an OK compare-and-set that wrote. */
    public boolean applied() {
        return kind == OpKind.CAS && outcome == Outcome.OK && APPLIED.equals(result);
    }

    /** True for an OK compare-and-set whose condition did not hold. */
    public boolean rejected() {
        return kind == OpKind.CAS && outcome == Outcome.OK && REJECTED.equals(result);
    }

    /** A one-line human description, e.g. {@code #12 c3 r-1 READ -> "v7" ok [1.203s, 1.210s]}. */
    public String describe() {
        String what = switch (kind) {
            case READ -> "READ -> " + quote(result);
            case WRITE -> "WRITE " + quote(value);
            case SWAP -> "SWAP " + quote(value) + (outcome == Outcome.OK ? " replacing " + quote(result) : "");
            case CAS -> "CAS " + quote(expected) + " -> " + quote(value) + (result == null ? "" : " " + result);
            case ADD -> "ADD " + quote(value) + (outcome == Outcome.OK && result != null ? " replacing " + quote(result) : "");
        };
        return "#%d c%d %s %s %s [%.3fs, %.3fs]%s".formatted(index, client, key, what, outcome.name().toLowerCase(),
                invokeNanos / 1e9, completeNanos / 1e9, error == null ? "" : " (" + error + ")");
    }

    private static String quote(String value) {
        return value == null ? "absent" : "\"" + value + "\"";
    }
}
