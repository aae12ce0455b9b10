package io.atolldb.bench.driver;

import io.atolldb.bench.workload.OpKind;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies of one phase, in microseconds, per operation kind and over all of them; recorded from
 * the threads that complete requests. Failed requests are counted (with a few sample messages), not
 * put in the histograms.
 */
public final class LatencyRecorder {
    /** Three significant digits: p99.9 of a 12.3 ms phase reads 12.3 ms, not 12 or 13. */
    private static final int DIGITS = 3;
    private static final int SAMPLES = 5;

    private final Map<OpKind, ConcurrentHistogram> byKind = new EnumMap<>(OpKind.class);
    private final ConcurrentHistogram all = new ConcurrentHistogram(DIGITS);
    private final LongAdder errors = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

    public LatencyRecorder() {
        for (var kind : OpKind.values()) {
            byKind.put(kind, new ConcurrentHistogram(DIGITS));
        }
    }

    public void success(OpKind kind, long latencyNanos, long completedAt) {
        long micros = Math.max(1, latencyNanos / 1_000);
        byKind.get(kind).recordValue(micros);
        all.recordValue(micros);
        lastCompletion.accumulateAndGet(completedAt, Math::max);
    }

    public void conflict() {
        conflicts.increment();
    }

    public void failure(OpKind kind, Throwable error, long completedAt) {
        errors.increment();
        lastCompletion.accumulateAndGet(completedAt, Math::max);
        if (errorSamples.size() < SAMPLES) {
            errorSamples.add(kind + ": " + describe(error));
        }
    }

    /** The innermost cause's type and message, for people. */
    public static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    public Histogram all() {
        return all.copy();
    }

    public Histogram of(OpKind kind) {
        return byKind.get(kind).copy();
    }

    public long errors() {
        return errors.sum();
    }

    public long conflicts() {
        return conflicts.sum();
    }

    /** The time of the last completion, or {@link Long#MIN_VALUE} when nothing completed. */
    public long lastCompletion() {
        return lastCompletion.get();
    }

    public List<String> errorSamples() {
        synchronized (errorSamples) {
            return List.copyOf(errorSamples);
        }
    }
}
