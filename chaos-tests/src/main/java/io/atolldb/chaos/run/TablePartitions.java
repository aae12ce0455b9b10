package io.atolldb.chaos.run;

import io.atolldb.chaos.cluster.ProcessCluster;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.ReplicaStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The partitions of the cluster's only table, as its storage nodes report them, and their leaders. */
final class TablePartitions {
    private TablePartitions() {
    }

    /** Waits until some node reports replicas, then returns every partition any running node hosts. */
    static List<PartitionDescriptor> await(ProcessCluster cluster, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<Long, PartitionDescriptor> partitions = new TreeMap<>();
            for (int i = 0; i < cluster.nodes().size(); i++) {
                cluster.tryNodeStatus(i).ifPresent(status -> status.getReplicasList().stream()
                        .map(ReplicaStatus::getPartition)
                        .forEach(p -> partitions.putIfAbsent(p.getPartitionId(), p)));
            }
            if (!partitions.isEmpty()) {
                return List.copyOf(partitions.values());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no storage node reports any partition after " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    /**
     * Waits until every partition is led by its preferred replica (the first one listed), where
     * leadership rests once the cluster has settled, so that the run's baseline is not disturbed by a
     * transfer. Returns false when that did not happen within {@code timeout}.
     */
    static boolean awaitPreferredLeaders(ProcessCluster cluster, List<PartitionDescriptor> partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<Long, String> leaders = new TreeMap<>();
            for (int i = 0; i < cluster.nodes().size(); i++) {
                String node = cluster.node(i).name();
                cluster.tryNodeStatus(i).ifPresent(status -> status.getReplicasList().stream()
                        .filter(ReplicaStatus::getLeader)
                        .forEach(r -> leaders.put(r.getPartition().getPartitionId(), node)));
            }
            if (partitions.stream().allMatch(p -> p.getReplicasCount() > 0
                    && p.getReplicas(0).getNodeId().equals(leaders.get(p.getPartitionId())))) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        return false;
    }
}
