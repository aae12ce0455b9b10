package io.atolldb.metadata.catalog;

import io.atolldb.proto.HeartbeatResponse;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.ReplicaAssignment;
import io.atolldb.proto.ReplicaReport;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a storage node should host, from the catalog: the answer to its heartbeat. Every replica the
 * catalog places on the node (tables being deleted excepted), with its peers' addresses; and every
 * replica the node reported that the catalog no longer places there, to be closed and removed.
 *
 * <p>A replica the node reports that is the child of a split still running, not yet in the catalog, is
 * kept: the node made it by applying the split, and removing it would lose the split's right half.
 */
public final class Assignments {
    private Assignments() {
    }

    public static HeartbeatResponse forNode(Catalog catalog, String nodeId, List<ReplicaReport> reported) {
        var response = HeartbeatResponse.newBuilder();
        Set<Long> keep = new HashSet<>();
        for (TableDescriptor table : catalog.tables().values()) {
            if (table.getStatus() == TableStatus.TABLE_STATUS_DELETING) {
                continue;
            }
            for (PartitionDescriptor partition : table.getPartitionsList()) {
                if (partition.getReplicasList().stream().anyMatch(r -> r.getNodeId().equals(nodeId))) {
                    keep.add(partition.getPartitionId());
                    var assignment = ReplicaAssignment.newBuilder().setPartition(partition);
                    partition.getReplicasList().forEach(r -> {
                        NodeInfo peer = catalog.nodes().get(r.getNodeId());
                        if (peer != null) {
                            assignment.addPeers(peer);
                        }
                    });
                    response.addAssignments(assignment);
                }
            }
        }
        catalog.running().stream().filter(o -> o.hasSplit())
                .forEach(o -> keep.add(o.getSplit().getChildPartitionId()));
        for (var operation : catalog.running()) {
            if (operation.hasMove() && operation.getMove().getToNodeId().equals(nodeId)) {
                // The new member of a move opens the partition, waiting to be added.
                var move = operation.getMove();
                NodeInfo to = catalog.nodes().get(nodeId);
                catalog.partition(move.getPartitionId()).filter(p -> to != null).ifPresent(partition -> {
                    keep.add(partition.getPartitionId());
                    // The members as they are: the joining replica is not one of them until the leader adds it.
                    var assignment = ReplicaAssignment.newBuilder().setPartition(partition).setJoining(true);
                    partition.getReplicasList().forEach(r -> {
                        NodeInfo peer = catalog.nodes().get(r.getNodeId());
                        if (peer != null) {
                            assignment.addPeers(peer);
                        }
                    });
                    response.addAssignments(assignment);
                });
            }
        }
        reported.stream().map(ReplicaReport::getPartitionId).filter(id -> !keep.contains(id))
                .forEach(response::addRemovePartitionIds);
        return response.build();
    }
}
