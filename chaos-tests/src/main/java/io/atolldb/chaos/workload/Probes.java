package io.atolldb.chaos.workload;

import io.atolldb.chaos.history.Family;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Availability probes: one thread per key (one key per partition), each issuing a consistent read
 * every {@code interval} through its own client with a short timeout, whatever the workload clients
 * are stuck on. Probe reads are ordinary register reads in the history (client ids from
 * {@link #FIRST_CLIENT}), so they are checked for linearizability too; the report measures
 * unavailability from them, because their sampling does not depend on the workload's progress.
 */
public final class Probes implements AutoCloseable {
    /** Client ids of probes start here; workload clients have smaller ids. */
    public static final int FIRST_CLIENT = 1000;

    private final Db db;
    private final List<String> keys;
    private final long intervalNanos;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /** @param db a client whose timeout is short (about a second), so a hung probe soon gives way to the next */
    public Probes(Db db, List<String> keys, Duration interval) {
        this.db = db;
        this.keys = List.copyOf(keys);
        this.intervalNanos = interval.toNanos();
    }

    /** True for operations issued by a probe. */
    public static boolean isProbe(int client) {
        return client >= FIRST_CLIENT;
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already running");
        }
        for (int i = 0; i < keys.size(); i++) {
            int client = FIRST_CLIENT + i;
            String key = keys.get(i);
            threads.add(Thread.ofPlatform().name("chaos-probe-" + key).daemon().start(() -> probe(client, key)));
        }
    }

    private void probe(int client, String key) {
        while (running.get()) {
            long started = System.nanoTime();
            db.read(client, Family.REGISTER, key, RegisterWorkload.ATTRIBUTE);
            long wait = started + intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        threads.clear();
    }
}
