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

/** The partitions of the cluster's only table, as its storage nodes report them. */
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
}
