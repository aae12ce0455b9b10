package io.atolldb.bench.driver;

import java.util.concurrent.CompletableFuture;

/**
 * The requests a workload makes, on one target. Every method starts the request and returns at once;
 * the future completes when the target answered. Implementations: DynamoDB API calls through the AWS
 * SDK's async client (AtollDB, DynamoDB Local), or direct RocksDB calls (the ceiling).
 */
public interface Operations extends AutoCloseable {

    /** Reads record {@code record} (GetItem). */
    CompletableFuture<?> read(long record);

    /** Replaces the payload field of record {@code record} (UpdateItem). */
    CompletableFuture<?> update(long record, int payload);

    /** Writes record {@code record} whole (PutItem). */
    CompletableFuture<?> put(long record, int payload);

    /**
     * Reads record {@code record} and writes it back with a new payload only if its version did not
     * change in between; completes with {@link Outcome#CONFLICT} when another writer came first.
     */
    CompletableFuture<Outcome> readModifyWrite(long record, int payload);

    /**
     * Writes records {@code first .. first+count-1} in one batch (BatchWriteItem, at most 25),
     * retrying whatever the target left unprocessed until all are stored.
     */
    CompletableFuture<?> loadBatch(long first, int count);

    /** What a read-modify-write ended as. */
    enum Outcome { WRITTEN, CONFLICT }

    @Override
    void close();
}
