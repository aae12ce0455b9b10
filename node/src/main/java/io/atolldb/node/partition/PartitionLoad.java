package io.atolldb.node.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load a partition replica serves, in DynamoDB's capacity units: write units applied (a write unit
 * writes 1 KB) and read units served (a read unit reads 4 KB), as rates, and a sample of the tokens the
 * load fell on, weighted by units, for choosing where a hot partition splits. Kept in memory only: the
 * metadata leader reads the rates from heartbeats and splits a partition whose load stays above
 * DynamoDB's per-partition limits ("split for heat").
 *
 * <p>Thread-safe: apply records writes, request threads record reads, the heartbeat reads the rates.
 */
public final class PartitionLoad {
    /** Tokens remembered for the split key: the most recent ones. */
    static final int SAMPLE = 1024;
    /** Weight of the newest interval in the smoothed rates (per heartbeat, every 500 ms by default). */
    private static final double SMOOTHING = 0.3;

    private final LongAdder writeUnits = new LongAdder();
    private final LongAdder readUnits = new LongAdder();
    private final long[] tokens = new long[SAMPLE];
    private final int[] weights = new int[SAMPLE];
    private int next;
    private int filled;
    private long lastNanos = System.nanoTime();
    private double writeRate;
    private double readRate;

    /** A write of an item whose size was {@code oldSize} and is {@code newSize} bytes. */
    void wrote(long token, long oldSize, long newSize) {
        int units = (int) Math.max(1, (Math.max(oldSize, newSize) + 1023) / 1024);
        writeUnits.add(units);
        sample(token, units);
    }

    /** A read of {@code bytes} around {@code token} (a strongly consistent read's units; eventual ones cost half). */
    void read(long token, long bytes) {
        int units = (int) Math.max(1, (bytes + 4095) / 4096);
        readUnits.add(units);
        sample(token, units);
    }

    private synchronized void sample(long token, int units) {
        tokens[next] = token;
        weights[next] = units;
        next = (next + 1) % SAMPLE;
        filled = Math.min(SAMPLE, filled + 1);
    }

    /** Units per second since the last call, smoothed: {@code [write units/s, read units/s]}. */
    public synchronized double[] rates() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;
        writeRate = SMOOTHING * writeUnits.sumThenReset() / seconds + (1 - SMOOTHING) * writeRate;
        readRate = SMOOTHING * readUnits.sumThenReset() / seconds + (1 - SMOOTHING) * readRate;
        return new double[] {writeRate, readRate};
    }

    /** The sampled tokens with their weights, oldest first. */
    synchronized List<long[]> sample() {
        List<long[]> sampled = new ArrayList<>(filled);
        int start = filled < SAMPLE ? 0 : next;
        for (int i = 0; i < filled; i++) {
            int at = (start + i) % SAMPLE;
            sampled.add(new long[] {tokens[at], weights[at]});
        }
        return sampled;
    }

    /**
     * The token at the middle of the sampled load: the split leaves half the recent load on each side. A token
     * boundary, strictly after the range's start and after the smallest sampled token, so both halves take load;
     * empty when one token carries it all (a single hot partition key cannot be split).
     */
    public synchronized java.util.OptionalLong middleToken(long rangeStart, long rangeEnd) {
        List<long[]> sampled = new ArrayList<>(sample());
        // Tokens sampled before an earlier split may lie in the part that left.
        sampled.removeIf(s -> Long.compareUnsigned(s[0], rangeStart) < 0
                || (rangeEnd != 0 && Long.compareUnsigned(s[0], rangeEnd) >= 0));
        sampled.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        long total = sampled.stream().mapToLong(s -> s[1]).sum();
        if (sampled.isEmpty() || total == 0) {
            return java.util.OptionalLong.empty();
        }
        long first = sampled.getFirst()[0];
        long before = 0;
        java.util.OptionalLong candidate = java.util.OptionalLong.empty();
        for (long[] s : sampled) {
            if (s[0] != first && Long.compareUnsigned(s[0], rangeStart) > 0) {
                if (2 * before >= total) {
                    return java.util.OptionalLong.of(s[0]); // the load before this token is at least half
                }
                candidate = java.util.OptionalLong.of(s[0]); // the best so far: everything before it goes left
            }
            before += s[1];
        }
        return candidate;
    }
}
