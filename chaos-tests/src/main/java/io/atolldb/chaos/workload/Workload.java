package io.atolldb.chaos.workload;

import io.atolldb.chaos.history.Family;

import java.time.Instant;
import java.util.Random;

/**
 * One kind of client traffic: what it writes before the faults start, what one operation is, and what
 * it reads back at the end for its checker. Implementations are thread-safe: many clients call
 * {@link #step} at once.
 */
public interface Workload {
    Family family();

    /** Writes the initial state (retrying until acknowledged or {@code deadline}). */
    void setUp(Db db, Instant deadline);

    /** One operation (or a read and a dependent write) by client {@code client}. */
    void step(Db db, int client, Random random);

    /**
     * Reads back every key the checker needs, each until one read succeeds or {@code deadline}, spread
     * over {@code parallelism} threads.
     */
    void finalReads(Db db, int parallelism, Instant deadline) throws InterruptedException;
}
