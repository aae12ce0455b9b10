package io.atolldb.bench.driver;

/**
 * What one timed phase measured.
 *
 * @param recorder      latencies, errors and conflicts
 * @param issued        requests started
 * @param elapsedNanos  from the phase's start until the last request completed (or the phase's end)
 */
public record PhaseResult(LatencyRecorder recorder, long issued, long elapsedNanos) {
    /** Requests that completed without error. */
    public long succeeded() {
        return recorder.all().getTotalCount();
    }

    public double throughput() {
        return elapsedNanos <= 0 ? 0 : succeeded() * 1e9 / elapsedNanos;
    }
}
