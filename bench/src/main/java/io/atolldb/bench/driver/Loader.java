package io.atolldb.bench.driver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/** The load phase: writes every record once, in batches of 25 (BatchWriteItem's limit), {@code clients} batches at a time. */
public final class Loader {
    public static final int BATCH = 25;

    private Loader() {
    }

    /** Writes records 0 .. records-1; returns the seconds it took. Fails on the first batch that fails. */
    public static double load(Operations operations, long records, int clients) throws InterruptedException {
        long start = System.nanoTime();
        var inFlight = new Semaphore(clients);
        var failure = new AtomicReference<Throwable>();
        for (long first = 0; first < records && failure.get() == null; first += BATCH) {
            int count = (int) Math.min(BATCH, records - first);
            inFlight.acquire();
            CompletableFuture<?> batch;
            try {
                batch = operations.loadBatch(first, count);
            } catch (RuntimeException e) {
                batch = CompletableFuture.failedFuture(e);
            }
            batch.whenComplete((ignored, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(clients);
        if (failure.get() != null) {
            throw new IllegalStateException("load failed: " + LatencyRecorder.describe(failure.get()), failure.get());
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
