package io.atolldb.metadata.scheduler;

import io.atolldb.metadata.catalog.Catalog;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.NodeServiceGrpc;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.Replica;
import io.atolldb.proto.RoutingError;
import io.atolldb.rpc.Channels;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Calls to the leader replica of a partition, from the metadata leader's schedulers: the reported
 * leader first, then every replica in turn, following a NOT_LEADER answer's hint. One round, no waiting:
 * a scheduler that gets nothing tries again on its next tick.
 */
final class LeaderCalls {
    private final Channels channels;
    private final Duration timeout;

    LeaderCalls(Channels channels, Duration timeout) {
        this.channels = channels;
        this.timeout = timeout;
    }

    /**
     * Returns the first answer that carries no routing error, or empty when no replica gave one.
     * {@code errorOf} finds an answer's routing error (null: none).
     */
    <R> Optional<R> call(Catalog catalog, PartitionDescriptor partition, Optional<String> reportedLeader,
                         BiFunction<NodeServiceGrpc.NodeServiceBlockingStub, PartitionDescriptor, R> attempt,
                         Function<R, RoutingError> errorOf) {
        Set<String> order = new LinkedHashSet<>();
        reportedLeader.ifPresent(order::add);
        partition.getReplicasList().stream().map(Replica::getNodeId).forEach(order::add);
        List<String> queue = new ArrayList<>(order);
        Set<String> tried = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            String nodeId = queue.removeFirst();
            if (!tried.add(nodeId)) {
                continue;
            }
            NodeInfo node = catalog.nodes().get(nodeId);
            if (node == null) {
                continue;
            }
            try {
                var stub = NodeServiceGrpc.newBlockingStub(channels.get(node.getRpcAddress()))
                        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
                R answer = attempt.apply(stub, partition);
                RoutingError error = errorOf.apply(answer);
                if (error == null) {
                    return Optional.of(answer);
                }
                if (error.getCode() == RoutingError.Code.NOT_LEADER && !error.getLeaderNodeId().isEmpty()) {
                    queue.addFirst(error.getLeaderNodeId());
                }
            } catch (StatusRuntimeException | IllegalStateException unreachable) {
                // Down, cut off or shutting down: the next replica.
            }
        }
        return Optional.empty();
    }
}
