package io.atolldb.metadata.group;

import io.atolldb.proto.HeartbeatRequest;
import io.atolldb.proto.ReplicaReport;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * What the metadata leader has heard from storage nodes lately: when each node last sent a heartbeat
 * and which replicas it hosts and leads. Kept in memory only (it is rebuilt within one heartbeat
 * interval after a metadata leader change) and never written to the Raft log: it changes every second.
 */
public final class ClusterView {
    private record NodeReport(long receivedNanos, Map<Long, ReplicaReport> replicas) {
    }

    private final Map<String, NodeReport> reports = new ConcurrentHashMap<>();
    private final Duration livenessTimeout;
    private final LongSupplier nanoClock;

    public ClusterView(Duration livenessTimeout, LongSupplier nanoClock) {
        this.livenessTimeout = livenessTimeout;
        this.nanoClock = nanoClock;
    }

    public void record(HeartbeatRequest heartbeat) {
        Map<Long, ReplicaReport> replicas = heartbeat.getReplicasList().stream()
                .collect(Collectors.toUnmodifiableMap(ReplicaReport::getPartitionId, r -> r, (a, b) -> b));
        reports.put(heartbeat.getNode().getNodeId(), new NodeReport(nanoClock.getAsLong(), replicas));
    }

    /** True when the node sent a heartbeat within the liveness timeout. */
    public boolean isLive(String nodeId) {
        NodeReport report = reports.get(nodeId);
        return report != null && nanoClock.getAsLong() - report.receivedNanos() <= livenessTimeout.toNanos();
    }

    public Set<String> liveNodes() {
        return reports.keySet().stream().filter(this::isLive).collect(Collectors.toUnmodifiableSet());
    }

    /** The catalog's registered nodes that are live. */
    public java.util.List<io.atolldb.proto.NodeInfo> liveNodes(io.atolldb.metadata.catalog.Catalog catalog) {
        Set<String> live = liveNodes();
        return catalog.nodes().values().stream().filter(n -> live.contains(n.getNodeId())).toList();
    }

    /** Milliseconds since the node's last heartbeat reached this replica; -1 when none did. */
    public long millisSinceHeard(String nodeId) {
        NodeReport report = reports.get(nodeId);
        return report == null ? -1 : java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - report.receivedNanos());
    }

    /** What each live node hosting the partition last reported of it. */
    public java.util.List<ReplicaReport> reportsOf(long partitionId) {
        return reports.entrySet().stream()
                .filter(e -> isLive(e.getKey()))
                .map(e -> e.getValue().replicas().get(partitionId))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** True when {@code nodeId} is live and last reported hosting a replica of the partition. */
    public boolean hosts(String nodeId, long partitionId) {
        NodeReport report = reports.get(nodeId);
        return report != null && isLive(nodeId) && report.replicas().containsKey(partitionId);
    }

    /** The live node that reported leading the partition with the given report, if any. */
    public Optional<ReplicaReport> leaderReport(long partitionId) {
        return leaderOf(partitionId).map(node -> reports.get(node)).map(r -> r.replicas().get(partitionId));
    }

    /** The live node that last reported leading the partition, if any. */
    public Optional<String> leaderOf(long partitionId) {
        return reports.entrySet().stream()
                .filter(e -> isLive(e.getKey()))
                .filter(e -> {
                    ReplicaReport r = e.getValue().replicas().get(partitionId);
                    return r != null && r.getLeader();
                })
                .max(java.util.Comparator.comparingLong(e -> e.getValue().receivedNanos()))
                .map(Map.Entry::getKey);
    }

    /**
     * What the partition's replicas last reported, from the one furthest ahead (the leader, usually):
     * its items and their stored bytes; empty when no live node reported the partition.
     */
    public Optional<ReplicaReport> latestReport(long partitionId) {
        return reports.entrySet().stream()
                .filter(e -> isLive(e.getKey()))
                .map(e -> e.getValue().replicas().get(partitionId))
                .filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.comparingLong(ReplicaReport::getAppliedIndex));
    }

    /** True when some live node still reports hosting a replica of the partition. */
    public boolean isHostedAnywhere(long partitionId) {
        return reports.entrySet().stream()
                .anyMatch(e -> isLive(e.getKey()) && e.getValue().replicas().containsKey(partitionId));
    }
}
