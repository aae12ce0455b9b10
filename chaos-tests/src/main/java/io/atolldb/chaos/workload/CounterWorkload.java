package io.atolldb.chaos.workload;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Counters (keys {@code c-<n>}; number attribute {@code n}, set to 0 first): a client reads
 * a counter with ConsistentRead and increments it with UpdateItem {@code SET n = n + :one} under the
 * condition {@code n = :old}. Checked for linearizability (as a register) and for its final value
 * lying within the bounds the acknowledged and unknown increments allow. Needs ConditionExpression
 * and UpdateItem.
 */
public final class CounterWorkload implements Workload {
    static final String ATTRIBUTE = "n";

    private final List<String> keys;

    /** @param keys the counter items, e.g. spread over the partitions by {@link KeyPlacement} */
    public CounterWorkload(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    @Override
    public Family family() {
        return Family.COUNTER;
    }

    @Override
    public void setUp(Db db, Instant deadline) {
        for (String key : keys) {
            while (!db.write(-1, Family.COUNTER, key, ATTRIBUTE, AttributeValue.fromN("0")).succeeded()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("cannot initialize counter " + key);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    @Override
    public void step(Db db, int client, Random random) {
        String key = keys.get(random.nextInt(keys.size()));
        Op read = db.read(client, Family.COUNTER, key, ATTRIBUTE);
        if (read.succeeded() && read.result() != null) {
            db.incrementIfEquals(client, key, ATTRIBUTE, Long.parseLong(read.result()));
        }
    }

    @Override
    public void finalReads(Db db, int parallelism, Instant deadline) throws InterruptedException {
        FinalReads.readAll(keys, parallelism, deadline, key -> db.read(-1, Family.COUNTER, key, ATTRIBUTE));
    }
}
