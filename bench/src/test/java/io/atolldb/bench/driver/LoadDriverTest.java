package io.atolldb.bench.driver;

import io.atolldb.bench.workload.OpKind;
import io.atolldb.bench.workload.Workload;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver on a virtual clock: requests complete at once, after advancing the clock by their service time. */
class LoadDriverTest {
    private static final long MS = 1_000_000;

    /** Virtual time: parking jumps ahead, nothing waits. */
    static final class VirtualTicker implements Ticker {
        long now = 1_000 * MS;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long deadline) {
            now = Math.max(now, deadline);
        }
    }

    /** Every request takes serviceNanos of virtual time, except the first, which takes firstNanos. */
    static class TimedOperations implements Operations {
        final VirtualTicker ticker;
        final long firstNanos;
        final long serviceNanos;
        final AtomicInteger calls = new AtomicInteger();

        TimedOperations(VirtualTicker ticker, long firstNanos, long serviceNanos) {
            this.ticker = ticker;
            this.firstNanos = firstNanos;
            this.serviceNanos = serviceNanos;
        }

        private <T> CompletableFuture<T> take(T value) {
            ticker.now += calls.getAndIncrement() == 0 ? firstNanos : serviceNanos;
            return CompletableFuture.completedFuture(value);
        }

        @Override
        public CompletableFuture<?> read(long record) {
            return take(null);
        }

        @Override
        public CompletableFuture<?> update(long record, int payload) {
            return take(null);
        }

        @Override
        public CompletableFuture<?> put(long record, int payload) {
            return take(null);
        }

        @Override
        public CompletableFuture<Outcome> readModifyWrite(long record, int payload) {
            return take(calls.get() % 2 == 0 ? Outcome.CONFLICT : Outcome.WRITTEN);
        }

        @Override
        public CompletableFuture<?> loadBatch(long first, int count) {
            return take(null);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void openLoopTimesEachRequestFromItsIntendedStartSoAStallDelaysEveryRequestBehindIt() throws Exception {
        var ticker = new VirtualTicker();
        // 1,000 requests per second for 100 ms, one in flight; the first request stalls for 50 ms.
        var operations = new TimedOperations(ticker, 50 * MS, 0);
        var driver = new LoadDriver(Workload.C, random -> 0, new LoadShape(1, 1_000), ticker, 1);

        var result = driver.run(operations, Duration.ofMillis(100));

        var latencies = result.recorder().all();
        assertThat(result.issued()).isEqualTo(100);
        assertThat(latencies.getTotalCount()).isEqualTo(100);
        // Request i was due at i ms but could only be sent at 50 ms: its latency is 50 - i ms. Timing
        // from the send would have recorded one slow request and 99 instant ones.
        assertThat(latencies.getMaxValue()).isBetween(49_900L, 50_100L);
        assertThat(latencies.getCountBetweenValues(9_500, 60_000)).isEqualTo(41);
        assertThat(latencies.getCountBetweenValues(0, 999)).isEqualTo(50);
        assertThat(result.recorder().of(OpKind.READ).getTotalCount()).isEqualTo(100);
    }

    @Test
    void openLoopKeepsItsScheduleWhenTheTargetKeepsUp() throws Exception {
        var ticker = new VirtualTicker();
        var operations = new TimedOperations(ticker, 2 * MS, 2 * MS);
        var driver = new LoadDriver(Workload.A, random -> 1, new LoadShape(4, 200), ticker, 1);

        var result = driver.run(operations, Duration.ofSeconds(1));

        assertThat(result.issued()).isEqualTo(200);
        assertThat(result.throughput()).isBetween(199.0, 200.0);
        assertThat(result.recorder().all().getValueAtPercentile(99)).isBetween(1_990L, 2_010L);
    }

    @Test
    void closedLoopTimesFromTheSendAndStopsAtTheDeadline() throws Exception {
        var ticker = new VirtualTicker();
        var operations = new TimedOperations(ticker, 3 * MS, 3 * MS);
        var driver = new LoadDriver(Workload.W, random -> 2, new LoadShape(2, 0), ticker, 1);

        var result = driver.run(operations, Duration.ofMillis(30));

        assertThat(result.issued()).isEqualTo(10);
        assertThat(result.succeeded()).isEqualTo(10);
        assertThat(result.recorder().of(OpKind.PUT).getMaxValue()).isBetween(2_990L, 3_010L);
        assertThat(result.elapsedNanos()).isEqualTo(30 * MS);
    }

    @Test
    void failuresAndConflictsAreCountedApartFromLatencies() throws Exception {
        var ticker = new VirtualTicker();
        var failing = new TimedOperations(ticker, MS, MS) {
            @Override
            public CompletableFuture<?> read(long record) {
                ticker.now += MS;
                return CompletableFuture.failedFuture(new IllegalStateException("boom"));
            }
        };
        var driver = new LoadDriver(Workload.F, random -> 0, new LoadShape(1, 0), ticker, 1);

        var result = driver.run(failing, Duration.ofMillis(200));

        var recorder = result.recorder();
        assertThat(recorder.errors()).isPositive();
        assertThat(recorder.errorSamples()).isNotEmpty().allMatch(s -> s.contains("IllegalStateException: boom"));
        assertThat(recorder.of(OpKind.READ).getTotalCount()).isZero();
        assertThat(recorder.of(OpKind.READ_MODIFY_WRITE).getTotalCount()).isEqualTo(result.succeeded());
        assertThat(recorder.conflicts()).isPositive().isLessThan(result.succeeded());
        assertThat(recorder.errors() + result.succeeded()).isEqualTo(result.issued());
    }

    @Test
    void loaderWritesEveryRecordInBatchesOf25() throws Exception {
        var ranges = new java.util.concurrent.ConcurrentLinkedQueue<long[]>();
        var operations = new TimedOperations(new VirtualTicker(), 0, 0) {
            @Override
            public CompletableFuture<?> loadBatch(long first, int count) {
                ranges.add(new long[] {first, count});
                return CompletableFuture.completedFuture(null);
            }
        };

        Loader.load(operations, 1_010, 4);

        assertThat(ranges).hasSize(41);
        assertThat(ranges.stream().mapToLong(r -> r[1]).sum()).isEqualTo(1_010);
        assertThat(ranges.stream().mapToLong(r -> r[1]).max().orElseThrow()).isEqualTo(25);
        assertThat(ranges.stream().mapToLong(r -> r[0]).distinct().count()).isEqualTo(41);
    }
}
