package io.atolldb.chaos.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a fixed number of concurrent clients, each choosing workloads at random (seeded per client) and
 * pacing itself so that all together issue about {@code opsPerSecond} operations. A client waits for
 * each answer before its next operation, so a slow or unavailable database slows the clients down
 * instead of piling up requests.
 */
public final class WorkloadRunner implements AutoCloseable {
    private final Db db;
    private final List<Workload> workloads;
    private final int clients;
    private final long intervalNanos;
    private final long seed;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    public WorkloadRunner(Db db, List<Workload> workloads, int clients, int opsPerSecond, long seed) {
        if (workloads.isEmpty() || clients <= 0 || opsPerSecond <= 0) {
            throw new IllegalArgumentException("need workloads, clients and a positive rate");
        }
        this.db = db;
        this.workloads = List.copyOf(workloads);
        this.clients = clients;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) * clients / opsPerSecond;
        this.seed = seed;
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already running");
        }
        for (int client = 0; client < clients; client++) {
            int id = client;
            threads.add(Thread.ofPlatform().name("chaos-client-" + id).daemon().start(() -> run(id)));
        }
    }

    private void run(int client) {
        Random random = new Random(seed * 1_000_003L + client);
        long next = System.nanoTime() + random.nextLong(intervalNanos + 1);
        while (running.get()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
            workloads.get(random.nextInt(workloads.size())).step(db, client, random);
        }
    }

    /** Stops the clients, waiting up to {@code grace} for operations in flight to answer. */
    public synchronized void stop(Duration grace) throws InterruptedException {
        running.set(false);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        threads.clear();
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }
}
