package io.atolldb.chaos.workload;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Registers: a few items (keys {@code r-<n>}) whose attribute {@code v} is read with
 * ConsistentRead, overwritten with unique values (PutItem with ReturnValues ALL_OLD, so each write also
 * tells what it replaced), and (with {@code cas}) compare-and-set from the value the client last saw.
 * Checked for linearizability per key; a write applied twice shows as one that replaced itself.
 */
public final class RegisterWorkload implements Workload {
    static final String ATTRIBUTE = "v";

    private final List<String> keys;
    private final boolean cas;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();

    /** @param keys the register items, e.g. spread over the partitions by {@link KeyPlacement} */
    public RegisterWorkload(List<String> keys, boolean cas) {
        this.keys = List.copyOf(keys);
        this.cas = cas;
    }

    @Override
    public Family family() {
        return Family.REGISTER;
    }

    @Override
    public void setUp(Db db, Instant deadline) {
        // Registers start absent: the model's initial state.
    }

    @Override
    public void step(Db db, int client, Random random) {
        String key = keys.get(random.nextInt(keys.size()));
        int dice = random.nextInt(10);
        if (dice < 5) {
            Op read = db.read(client, Family.REGISTER, key, ATTRIBUTE);
            if (read.succeeded()) {
                remember(client, key, read.result());
            }
        } else if (dice < 9 || !cas) {
            String value = "c" + client + "-" + sequence.incrementAndGet();
            Op write = db.swap(client, Family.REGISTER, key, ATTRIBUTE, value);
            if (write.succeeded()) {
                remember(client, key, value);
            }
        } else {
            String expected = lastSeen.get(client + "/" + key);
            String value = "c" + client + "-" + sequence.incrementAndGet();
            Op swap = db.putIfEquals(client, Family.REGISTER, key, ATTRIBUTE, expected, value);
            if (swap.applied()) {
                remember(client, key, value);
            }
        }
    }

    @Override
    public void finalReads(Db db, int parallelism, Instant deadline) throws InterruptedException {
        FinalReads.readAll(keys, parallelism, deadline, key -> db.read(-1, Family.REGISTER, key, ATTRIBUTE));
    }

    private void remember(int client, String key, String value) {
        if (value != null) {
            lastSeen.put(client + "/" + key, value);
        }
    }
}
