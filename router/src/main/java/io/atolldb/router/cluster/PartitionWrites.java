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
import io.atolldb.proto.WriteRequest;
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
        WriteResponse response = caller.call(KeyCodec.tableIdOf(key), KeyCodec.tokenOf(key), PartitionCaller.Target.LEADER,
                (stub, partition) -> stub.write(WriteRequest.newBuilder().setPartitionId(partition.getPartitionId())
                        .setEpoch(partition.getEpoch()).setCommand(command).build()),
                r -> r.hasRoutingError() ? r.getRoutingError() : null);
        return response.getResult();
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
