package io.atolldb.bench.targets;

/** CPU time and peak memory of what serves a target's requests. */
public interface ResourceProbe {
    /** What cannot be seen from here: a service on other machines, or not a process of this one. */
    ResourceProbe UNKNOWN = new ResourceProbe() {
        @Override
        public long cpuNanos() {
            return -1;
        }

        @Override
        public long peakMemoryBytes() {
            return -1;
        }
    };

    /** CPU time (user + system) used so far, in nanoseconds, or -1 when it cannot be measured. */
    long cpuNanos();

    /** Peak resident memory in bytes, or -1 when it cannot be measured or told apart from the harness's own. */
    long peakMemoryBytes();
}
