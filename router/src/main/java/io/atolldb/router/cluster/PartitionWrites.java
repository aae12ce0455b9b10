package io.atolldb.router.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.atolldb.model.KeyCodec;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResult;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.routing.PartitionCaller;

/**
 * Sends one partition command to the leader of the partition owning a storage key, through the one
 * retry loop, and runs several such calls at once. Transactions address partitions by a key they
 * own (an action's item key, or the coordinator key kept in a lock).
 */
final class PartitionWrites {
    private final PartitionCaller caller;

    PartitionWrites(PartitionCaller caller) {
        this.caller = caller;
    }

    /**
     * The result of {@code command} at the partition owning {@code key}.
     *
     * @throws PartitionCaller.UnavailableException when no leader answered before the deadline
     */
    WriteResult send(byte[] key, PartitionCommand command) {
        WriteResponse response = caller.write(KeyCodec.tableIdOf(key), KeyCodec.tokenOf(key), command);
        return response.getResult();
    }

    /** Raised when the keys of one command no longer lie in one partition: a split divided them. */
    static final class Divided extends RuntimeException {
        Divided() {
            super("a split divided the keys of one command", null, false, false);
        }
    }

    /**
     * As {@link #send}, for a command naming several keys that must lie in one partition (a transaction's
     * actions there): throws {@link Divided} when the partition owning the first key no longer owns them all.
     */
    WriteResult sendTogether(List<byte[]> keys, PartitionCommand command) {
        byte[] first = keys.getFirst();
        WriteResponse response = caller.write(KeyCodec.tableIdOf(first), KeyCodec.tokenOf(first), command, partition -> {
            if (!keys.stream().allMatch(key -> owns(partition, key))) {
                throw new Divided();
            }
        });
        return response.getResult();
    }

    /**
     * TxnFinish at the partition owning {@code key}, then wherever a split moved some of the transaction's
     * prepared actions (the answers name their keys), until every part is finished.
     *
     * @return the first answer
     */
    WriteResult finishEverywhere(byte[] key, PartitionCommand finish) {
        java.util.Set<java.nio.ByteBuffer> done = new java.util.HashSet<>();
        java.util.ArrayDeque<byte[]> todo = new java.util.ArrayDeque<>(List.of(key));
        WriteResult first = null;
        while (!todo.isEmpty()) {
            byte[] next = todo.poll();
            if (!done.add(java.nio.ByteBuffer.wrap(next))) {
                continue;
            }
            WriteResult result = send(next, finish.toBuilder().setRequestId(java.util.UUID.randomUUID().toString())
                    .setFinish(finish.getFinish().toBuilder().setKey(com.google.protobuf.ByteString.copyFrom(next))).build());
            first = first == null ? result : first;
            result.getMovedKeysList().forEach(moved -> todo.add(moved.toByteArray()));
        }
        return first;
    }

    private static boolean owns(io.atolldb.proto.PartitionDescriptor partition, byte[] key) {
        long token = KeyCodec.tokenOf(key);
        return KeyCodec.tableIdOf(key) == partition.getTableId()
                && Long.compareUnsigned(token, partition.getTokenStart()) >= 0
                && (partition.getTokenEnd() == 0 || Long.compareUnsigned(token, partition.getTokenEnd()) < 0);
    }

    /** The partition id owning {@code key}, from the routing table. */
    long partitionOf(byte[] key) {
        return caller.partitionOf(KeyCodec.tableIdOf(key), KeyCodec.tokenOf(key)).getPartitionId();
    }

    /**
     * Runs every task at once on virtual threads; a task whose partition could not be reached yields
     * null, any other failure is rethrown once all are done.
     */
    static <T> List<T> all(List<Supplier<T>> tasks) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (Supplier<T> task : tasks) {
                futures.add(executor.submit(task::get));
            }
            List<T> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DynamoException(ErrorType.InternalServerError, "interrupted");
                } catch (ExecutionException e) {
                    results.add(null);
                    if (!(e.getCause() instanceof PartitionCaller.UnavailableException) && failure == null) {
                        failure = e.getCause() instanceof RuntimeException runtime ? runtime
                                : new DynamoException(ErrorType.InternalServerError, "transaction step failed", e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        }
    }
}
