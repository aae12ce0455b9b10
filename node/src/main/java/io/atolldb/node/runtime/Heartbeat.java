package io.atolldb.node.runtime;

import io.atolldb.proto.HeartbeatRequest;
import io.atolldb.proto.HeartbeatResponse;
import io.atolldb.proto.ReplicaAssignment;
import io.atolldb.proto.ReplicaReport;
import io.atolldb.rpc.MetadataClient;
import org.slf4j.Logger;

import java.util.List;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;

/**
 * The node's periodic report to the metadata service: who it is, which replicas it hosts, which it
 * leads and how far each has applied. The answer is the full list of replicas the node should host:
 * missing ones are opened, ones no longer assigned are closed and their data removed. Because the
 * answer is the whole desired state, a lost heartbeat or a restart needs no special handling.
 */
final class Heartbeat implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final StorageNode node;
    private final MetadataClient metadata;
    private String lastProblem = "";

    Heartbeat(StorageNode node, MetadataClient metadata) {
        this.node = node;
        this.metadata = metadata;
    }

    @Override
    public void run() {
        try {
            HeartbeatResponse response = metadata.call(stub -> stub.heartbeat(report()), HeartbeatResponse::getError);
            if (response.hasError() && response.getError().getCode() != io.atolldb.proto.MetadataError.Code.CODE_UNSPECIFIED) {
                problem("metadata refused the heartbeat: " + response.getError().getMessage());
                return;
            }
            node.heartbeatAccepted();
            openAll(response.getAssignmentsList());
            for (long partitionId : response.getRemovePartitionIdsList()) {
                node.closeReplica(partitionId, true);
            }
            lastProblem = "";
        } catch (RuntimeException e) {
            problem(e.toString());
        }
    }

    /**
     * Opens the assigned replicas side by side: joining a Raft group waits on its storage and first
     * contacts, and a new table assigns every node several replicas at once, which one by one made
     * CreateTable wait for the sum. Returns when all are open; one that fails is retried next beat.
     */
    private void openAll(List<ReplicaAssignment> assignments) {
        if (assignments.size() == 1) {
            node.openReplica(assignments.getFirst().getPartition(), assignments.getFirst().getPeersList(),
                    assignments.getFirst().getJoining());
            return;
        }
        try (var opening = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ReplicaAssignment assignment : assignments) {
                opening.submit(() -> {
                    try {
                        node.openReplica(assignment.getPartition(), assignment.getPeersList(), assignment.getJoining());
                    } catch (RuntimeException e) {
                        problem("could not open a replica of partition " + assignment.getPartition().getPartitionId() + ": " + e);
                    }
                });
            }
        }
    }

    private HeartbeatRequest report() {
        var request = HeartbeatRequest.newBuilder().setNode(node.nodeInfo());
        for (HostedReplicas.Hosted hosted : node.replicas().all()) {
            var stats = hosted.stateMachine().stats();
            var report = ReplicaReport.newBuilder().setPartitionId(hosted.partitionId()).setPartition(hosted.descriptor())
                    .setAppliedIndex(hosted.stateMachine().lastAppliedIndex())
                    .setItemCount(stats.items()).setSizeBytes(stats.bytes());
            double[] load = hosted.stateMachine().load().rates();
            report.setWriteUnitsPerSecond(load[0]).setReadUnitsPerSecond(load[1]);
            node.replicaStatus(hosted.partitionId()).ifPresent(s -> report.setLeader(s.leader()));
            request.addReplicas(report);
        }
        return request.build();
    }

    /** Logs a problem once, not at every beat. */
    private synchronized void problem(String message) {
        if (!message.equals(lastProblem)) {
            LOG.warn("node {} heartbeat: {}", node.config().nodeId(), message);
            lastProblem = message;
        }
    }
}
