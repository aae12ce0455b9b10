package io.atolldb.bench.report;

import org.HdrHistogram.Histogram;

/** The latency summary printed per target and per operation kind, in milliseconds. */
public record Percentiles(long count, double p50, double p95, double p99, double p999, double max) {

    /** From a histogram of microseconds. */
    public static Percentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
