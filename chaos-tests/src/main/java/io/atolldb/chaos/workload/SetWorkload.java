package io.atolldb.chaos.workload;

import io.atolldb.chaos.history.Family;

import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A grow-only set: every operation adds a new unique element as its own item ({@code s-<element>},
 * attribute {@code e}); after the faults heal, every element ever attempted is read back. Checked by
 * {@link io.atolldb.chaos.check.SetChecker}: acknowledged elements present, nothing that never was.
 */
public final class SetWorkload implements Workload {
    static final String ATTRIBUTE = "e";

    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();

    @Override
    public Family family() {
        return Family.SET;
    }

    @Override
    public void setUp(Db db, Instant deadline) {
        // The set starts empty.
    }

    @Override
    public void step(Db db, int client, Random random) {
        String element = "e" + client + "-" + sequence.incrementAndGet();
        String key = "s-" + element;
        attempted.add(key);
        db.add(client, key, ATTRIBUTE, element);
    }

    @Override
    public void finalReads(Db db, int parallelism, Instant deadline) throws InterruptedException {
        // Also one element nobody added: it must read back absent.
        attempted.add("s-never-added");
        FinalReads.readAll(attempted, parallelism, deadline, key -> db.read(-1, Family.SET, key, ATTRIBUTE));
    }
}
