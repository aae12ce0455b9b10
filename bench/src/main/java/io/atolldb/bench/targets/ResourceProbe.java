package io.atolldb.bench.targets;

/** CPU time and peak memory of what serves a target's requests. */
public interface ResourceProbe {
    /** CPU time (user + system) used so far, in nanoseconds. */
    long cpuNanos();

    /** Peak resident memory in bytes, or -1 when it cannot be told apart from the harness's own. */
    long peakMemoryBytes();
}
