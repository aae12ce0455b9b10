package io.atolldb.router.routing;

import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.NodeServiceGrpc;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionRoute;
import io.atolldb.proto.Replica;
import io.atolldb.proto.RoutingError;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.WriteRequest;
import io.atolldb.proto.WriteResponse;
import io.atolldb.rpc.Channels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one retry loop between the router and storage nodes: find the partition owning a token, pick a
 * replica (the leader for writes and consistent reads, the nearest for other reads), call it, and on a
 * routing error use its hint (the leader, a fresh routing table) and try again with jittered backoff,
 * until the deadline. Operations never write this loop again; they pass the call and the way to find
 * the routing error in its answer.
 */
public final class PartitionCaller {
    /** Which replica a call must reach. */
    public enum Target { LEADER, NEAREST }

    /** One attempt: the call to make on a node's stub for a partition. */
    @FunctionalInterface
    public interface Attempt<R> {
        R call(NodeServiceGrpc.NodeServiceBlockingStub stub, PartitionDescriptor partition);
    }

    /** Raised when no attempt succeeded before the deadline. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }

    /** The first attempt's timeout: far above a healthy partition's latency, well below an election. */
    static final Duration FIRST_ATTEMPT = Duration.ofSeconds(1);
    private static final long MIN_ATTEMPT_MILLIS = 50;

    private final RoutingCache cache;
    private final Channels channels;
    private final String zone;
    private final Duration deadline;
    private final Duration attemptTimeout;
    private final ReadFloors floors = new ReadFloors();

    public PartitionCaller(RoutingCache cache, Channels channels, String zone, Duration deadline, Duration attemptTimeout) {
        this.cache = cache;
        this.channels = channels;
        this.zone = zone;
        this.deadline = deadline;
        this.attemptTimeout = attemptTimeout;
    }

    /** An answer, and the partition (as the router knew it) that gave it. */
    public record Routed<R>(R answer, PartitionDescriptor partition) {
    }

    /**
     * Calls the partition of {@code tableId} owning {@code token}. {@code errorOf} returns the routing
     * error of an answer, or null when the answer is final.
     */
    public <R> R call(long tableId, long token, Target target, Attempt<R> attempt,
                      java.util.function.Function<R, RoutingError> errorOf) {
        return callRouted(tableId, token, target, attempt, errorOf).answer();
    }

    /**
     * As {@link #call}, also telling which partition answered: a range read must know where that
     * partition's range ends (a split may have moved it since the caller looked).
     */
    public <R> Routed<R> callRouted(long tableId, long token, Target wanted, Attempt<R> attempt,
                                    java.util.function.Function<R, RoutingError> errorOf) {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        String lastProblem = "no attempt made";
        int tries = 0;
        int timeouts = 0;
        String avoid = null;
        Target target = wanted;
        while (true) {
            Optional<PartitionRoute> route = cache.routes().route(tableId, token);
            if (route.isEmpty()) {
                lastProblem = "no partition of table " + tableId + " owns token " + Long.toUnsignedString(token);
                refreshQuietly();
            } else {
                PartitionDescriptor partition = route.get().getPartition();
                NodeInfo node = pick(route.get(), target, avoid);
                if (node == null) {
                    lastProblem = "no known address for the replicas of partition " + partition.getPartitionId();
                    refreshQuietly();
                } else {
                    try {
                        var stub = NodeServiceGrpc.newBlockingStub(channels.get(node.getRpcAddress()))
                                .withDeadlineAfter(attemptMillis(timeouts, deadlineNanos), TimeUnit.MILLISECONDS);
                        R answer = attempt.call(stub, partition);
                        cache.answered(node.getNodeId());
                        RoutingError error = errorOf.apply(answer);
                        if (error == null) {
                            return new Routed<>(answer, partition);
                        }
                        lastProblem = node.getNodeId() + ": " + error.getCode() + " " + error.getMessage();
                        if (error.getCode() == RoutingError.Code.BEHIND && target != Target.LEADER) {
                            // The replica has not applied a write this router acknowledged: the leader has.
                            target = Target.LEADER;
                            continue;
                        }
                        avoid = handle(error, partition, node);
                    } catch (StatusRuntimeException e) {
                        if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                            timeouts++;
                            cache.suspect(node.getNodeId());
                        } else if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                            cache.suspect(node.getNodeId());
                        }
                        lastProblem = node.getNodeId() + ": " + e.getStatus();
                        cache.forgetLeader(partition.getPartitionId());
                        avoid = node.getNodeId();
                    }
                }
            }
            if (System.nanoTime() >= deadlineNanos) {
                throw new UnavailableException("partition unavailable: " + lastProblem);
            }
            backOff(tries++);
        }
    }

    /**
     * How long one attempt may take: {@link #FIRST_ATTEMPT} at first, doubling after each attempt that
     * timed out, up to the attempt timeout, and never past the call's deadline. A hung leader (paused,
     * cut off) thus costs about a second before the loop looks elsewhere, while a node that is only slow
     * still gets the full attempt timeout on later tries. Retrying a write whose first attempt may yet
     * commit is safe: it carries the same request id, and the partition applies an id once.
     */
    private long attemptMillis(int timeouts, long deadlineNanos) {
        long grown = Math.min(attemptTimeout.toMillis(), FIRST_ATTEMPT.toMillis() << Math.min(timeouts, 8));
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        return Math.max(MIN_ATTEMPT_MILLIS, Math.min(grown, left));
    }

    /**
     * A write at the partition's leader ({@link #call} with {@link Target#LEADER}); remembers the log entry
     * it was applied at, so that eventually consistent reads through this router see it ({@link #readFloor}).
     */
    public WriteResponse write(long tableId, long token, PartitionCommand command) {
        return write(tableId, token, command, partition -> { });
    }

    /** As {@link #write(long, long, PartitionCommand)}; {@code check} sees the partition first and may refuse it by throwing. */
    public WriteResponse write(long tableId, long token, PartitionCommand command, Consumer<PartitionDescriptor> check) {
        Routed<WriteResponse> routed = callRouted(tableId, token, Target.LEADER, (stub, partition) -> {
            check.accept(partition);
            return stub.write(WriteRequest.newBuilder().setPartitionId(partition.getPartitionId())
                    .setEpoch(partition.getEpoch()).setCommand(command).build());
        }, r -> r.hasRoutingError() ? r.getRoutingError() : null);
        floors.acknowledged(routed.partition().getPartitionId(), routed.answer().getResult().getAppliedIndex());
        return routed.answer();
    }

    /**
     * The {@code min_applied_index} of a read of {@code partition}: for an eventually consistent one, the
     * newest write this router acknowledged there (read your writes, and everyone else's through this
     * router); 0 for a consistent one, which the leader's read index already makes fresh.
     */
    public long readFloor(PartitionDescriptor partition, boolean consistent) {
        return consistent ? 0 : floors.floor(partition.getPartitionId());
    }

    /** The known partitions of a table in token order (refreshed once if none is known). */
    public List<PartitionDescriptor> partitions(long tableId) {
        List<PartitionDescriptor> partitions = cache.routes().partitions(tableId);
        if (partitions.isEmpty()) {
            refreshQuietly();
            partitions = cache.routes().partitions(tableId);
        }
        return partitions;
    }

    /** The partition of {@code tableId} owning {@code token}, from the routing table (refreshed once if missing). */
    public PartitionDescriptor partitionOf(long tableId, long token) {
        Optional<PartitionRoute> route = cache.routes().route(tableId, token);
        if (route.isEmpty()) {
            refreshQuietly();
            route = cache.routes().route(tableId, token);
        }
        return route.map(PartitionRoute::getPartition).orElseThrow(() -> new UnavailableException(
                "no partition of table " + tableId + " owns token " + Long.toUnsignedString(token)));
    }

    /** Uses a routing error's hint; returns a node to avoid on the next attempt, if any. */
    private String handle(RoutingError error, PartitionDescriptor partition, NodeInfo node) {
        switch (error.getCode()) {
            case NOT_LEADER -> {
                if (!error.getLeaderNodeId().isEmpty() && !error.getLeaderNodeId().equals(node.getNodeId())
                        && !cache.isSuspect(error.getLeaderNodeId())) {
                    cache.noteLeader(partition.getPartitionId(), error.getLeaderNodeId());
                    return null;
                }
                cache.forgetLeader(partition.getPartitionId());
                return node.getNodeId();
            }
            case EPOCH_MISMATCH, KEY_NOT_IN_PARTITION -> {
                if (!error.hasCurrent()) {
                    refreshQuietly();
                    return null;
                }
                long theirs = error.getCurrent().getEpoch().getSplitVersion();
                long ours = partition.getEpoch().getSplitVersion();
                if (theirs < ours) {
                    // This replica has not applied a split we know of yet: another replica has.
                    return node.getNodeId();
                }
                List<PartitionDescriptor> hints = new ArrayList<>();
                hints.add(error.getCurrent());
                hints.addAll(error.getRelatedList());
                cache.learn(hints);
                if (theirs == ours) {
                    refreshQuietly();
                }
                return null;
            }
            case PARTITION_NOT_FOUND -> {
                refreshQuietly();
                return node.getNodeId();
            }
            default -> {
                cache.forgetLeader(partition.getPartitionId());
                return node.getNodeId();
            }
        }
    }

    private NodeInfo pick(PartitionRoute route, Target target, String avoid) {
        Routes routes = cache.routes();
        PartitionDescriptor partition = route.getPartition();
        if (target == Target.LEADER) {
            Optional<String> leader = cache.leaderOf(partition.getPartitionId(), route.getLeaderNodeId());
            if (leader.isPresent() && !leader.get().equals(avoid) && !cache.isSuspect(leader.get())) {
                Optional<NodeInfo> node = routes.node(leader.get());
                if (node.isPresent()) {
                    return node.get();
                }
            }
        }
        List<Replica> candidates = new ArrayList<>(partition.getReplicasList());
        if (target == Target.NEAREST) {
            // Same zone first; otherwise keep the descriptor's order (the preferred leader first).
            candidates.sort(java.util.Comparator.comparing((Replica r) -> !r.getZone().equals(zone)));
        } else if (avoid != null) {
            // Leader unknown: spread the search over the replicas rather than hammering the first one.
            java.util.Collections.rotate(candidates, ThreadLocalRandom.current().nextInt(candidates.size()));
        }
        // Nodes that did not answer in time lately come last (stable sort keeps the order above otherwise).
        candidates.sort(java.util.Comparator.comparing((Replica r) -> cache.isSuspect(r.getNodeId())));
        for (Replica replica : candidates) {
            if (!replica.getNodeId().equals(avoid)) {
                Optional<NodeInfo> node = routes.node(replica.getNodeId());
                if (node.isPresent()) {
                    return node.get();
                }
            }
        }
        return null;
    }

    private void refreshQuietly() {
        try {
            cache.refresh();
        } catch (RuntimeException e) {
            // The metadata service may be electing; the loop retries until its deadline.
        }
    }

    private static void backOff(int attempt) {
        long maxMillis = Math.min(200, 5L << Math.min(attempt, 6));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(maxMillis / 2, maxMillis + 1)));
    }
}
