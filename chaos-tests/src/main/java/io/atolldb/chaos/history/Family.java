package io.atolldb.chaos.history;

/** The workload an operation belongs to; each family has its own checker. */
public enum Family {
    /** Single-value registers: reads, writes and compare-and-set, checked for linearizability per key. */
    REGISTER,
    /** A grow-only set: unique elements added, read back after the faults heal. */
    SET,
    /** Counters incremented by compare-and-set from the value read: linearizable and within bounds. */
    COUNTER
}
