package io.atolldb.chaos.nemesis;

import io.atolldb.chaos.cluster.AtollProcess;
import io.atolldb.chaos.cluster.ProcessCluster;
import io.atolldb.proto.ReplicaStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds fault targets in a live cluster: the storage node leading a partition (from the nodes' Status
 * calls), the metadata leader (from its metrics), the processes of a zone.
 */
final class Targets {
    /** A storage node chosen as a target, and why. */
    record NodeTarget(int index, AtollProcess process, String why) {
    }

    private Targets() {
    }

    /**
     * The leader of the partition {@code pick} selects among the partitions that have a running leader
     * (ordered by partition id); when none has, a running node chosen by {@code pick}.
     */
    static Optional<NodeTarget> partitionLeader(ProcessCluster cluster, long pick) {
        Map<Long, Integer> leaders = new TreeMap<>();
        for (int i = 0; i < cluster.nodes().size(); i++) {
            int node = i;
            cluster.tryNodeStatus(i).ifPresent(status -> status.getReplicasList().stream()
                    .filter(ReplicaStatus::getLeader)
                    .forEach(r -> leaders.put(r.getPartition().getPartitionId(), node)));
        }
        if (!leaders.isEmpty()) {
            List<Long> partitions = new ArrayList<>(leaders.keySet());
            long partition = partitions.get((int) (pick % partitions.size()));
            int node = leaders.get(partition);
            return Optional.of(new NodeTarget(node, cluster.node(node), "leader of partition " + partition));
        }
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < cluster.nodes().size(); i++) {
            if (cluster.node(i).isRunning()) {
                running.add(i);
            }
        }
        if (running.isEmpty()) {
            return Optional.empty();
        }
        int node = running.get((int) (pick % running.size()));
        return Optional.of(new NodeTarget(node, cluster.node(node), "no partition leader known"));
    }

    /** The metadata leader, or a running replica chosen by {@code pick} when no leader is known. */
    static Optional<AtollProcess> metadataLeader(ProcessCluster cluster, long pick) {
        Optional<AtollProcess> leader = cluster.metadataLeader();
        if (leader.isPresent()) {
            return leader;
        }
        List<AtollProcess> running = cluster.metadataReplicas().stream().filter(AtollProcess::isRunning).toList();
        return running.isEmpty() ? Optional.empty() : Optional.of(running.get((int) (pick % running.size())));
    }
}
