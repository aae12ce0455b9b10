package io.atolldb.chaos.workload;

import io.atolldb.chaos.history.Op;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Reads a set of keys after the faults healed, in parallel, each until one read succeeds or time runs out. */
final class FinalReads {
    private FinalReads() {
    }

    /** Runs {@code read} (which records its operation) on every key until it returns a successful one. */
    static void readAll(Collection<String> keys, int parallelism, Instant deadline, Function<String, Op> read)
            throws InterruptedException {
        List<String> all = List.copyOf(keys);
        Iterator<String> next = all.iterator();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism),
                Thread.ofPlatform().name("final-read-", 0).daemon().factory())) {
            for (int i = 0; i < Math.max(1, parallelism); i++) {
                pool.submit(() -> {
                    while (true) {
                        String key;
                        synchronized (next) {
                            if (!next.hasNext()) {
                                return;
                            }
                            key = next.next();
                        }
                        while (!read.apply(key).succeeded() && Instant.now().isBefore(deadline)) {
                            // The next attempt is the retry: each attempt is its own recorded operation.
                            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        }
    }
}
