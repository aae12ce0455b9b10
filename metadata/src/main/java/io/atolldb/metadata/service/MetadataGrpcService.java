package io.atolldb.metadata.service;

import io.atolldb.metadata.catalog.Assignments;
import io.atolldb.metadata.catalog.Decision;
import io.atolldb.metadata.catalog.TableRules;
import io.atolldb.metadata.group.ClusterView;
import io.atolldb.metadata.group.MetadataGroup;
import io.atolldb.metadata.scheduler.Mover;
import io.atolldb.metadata.scheduler.Splitter;
import io.atolldb.proto.DrainNodeRequest;
import io.atolldb.proto.DrainNodeResponse;
import io.atolldb.proto.MetadataError;
import io.atolldb.proto.MovePartitionRequest;
import io.atolldb.proto.SetDraining;
import io.atolldb.proto.AlterTableRequest;
import io.atolldb.proto.AlterTableResponse;
import io.atolldb.proto.ClusterDescription;
import io.atolldb.proto.CreateTableRequest;
import io.atolldb.proto.CreateTableResponse;
import io.atolldb.proto.DeleteTableRequest;
import io.atolldb.proto.DeleteTableResponse;
import io.atolldb.proto.DescribeClusterRequest;
import io.atolldb.proto.DescribeTableRequest;
import io.atolldb.proto.DescribeTableResponse;
import io.atolldb.proto.GetRoutingTableRequest;
import io.atolldb.proto.HeartbeatRequest;
import io.atolldb.proto.HeartbeatResponse;
import io.atolldb.proto.ListTablesRequest;
import io.atolldb.proto.ListTablesResponse;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.MetadataServiceGrpc;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.RegisterNode;
import io.atolldb.proto.RoutingTable;
import io.atolldb.proto.SplitPartitionRequest;
import io.atolldb.proto.SplitPartitionResponse;
import io.grpc.stub.StreamObserver;

import java.time.Clock;

/**
 * The metadata service's gRPC face: every call goes through the one leader check ({@link LeaderOnly}) to a
 * catalog rule ({@link TableRules}, {@link Assignments}) or a read of the catalog with what nodes
 * report ({@link ClusterReads}); the rules decide, this class only wires requests to them.
 */
public final class MetadataGrpcService extends MetadataServiceGrpc.MetadataServiceImplBase {
    private final MetadataGroup group;
    private final ClusterView cluster;
    private final ClusterReads reads;
    private final Splitter splitter;
    private final Mover mover;
    private final LeaderOnly leader;
    private final int configuredPartitionCount;
    private final int maxReplicasPerNode;
    private final Clock clock;

    public MetadataGrpcService(MetadataGroup group, ClusterView cluster, Splitter splitter, Mover mover,
                               int configuredPartitionCount, int maxReplicasPerNode, Clock clock) {
        this.maxReplicasPerNode = maxReplicasPerNode;
        this.mover = mover;
        this.group = group;
        this.cluster = cluster;
        this.reads = new ClusterReads(cluster, mover::isDead);
        this.splitter = splitter;
        this.leader = new LeaderOnly(group, clock);
        this.configuredPartitionCount = configuredPartitionCount;
        this.clock = clock;
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> out) {
        leader.serve(out, error -> HeartbeatResponse.newBuilder().setError(error).build(), catalog -> {
            cluster.record(request);
            NodeInfo node = request.getNode();
            if (!node.equals(catalog.nodes().get(node.getNodeId()))) {
                group.propose(MetadataCommand.newBuilder().setTimestampMillis(clock.millis())
                        .setRegisterNode(RegisterNode.newBuilder().setNode(node)).build());
            }
            return Decision.answer(Assignments.forNode(group.catalog(), node.getNodeId(), request.getReplicasList()));
        });
    }

    @Override
    public void createTable(CreateTableRequest request, StreamObserver<CreateTableResponse> out) {
        leader.serve(out, error -> CreateTableResponse.newBuilder().setError(error).build(),
                catalog -> TableRules.create(catalog, request, cluster.liveNodes(catalog).stream()
                        .filter(n -> !catalog.draining().contains(n.getNodeId())).toList(), configuredPartitionCount,
                        maxReplicasPerNode));
    }

    @Override
    public void deleteTable(DeleteTableRequest request, StreamObserver<DeleteTableResponse> out) {
        leader.serve(out, error -> DeleteTableResponse.newBuilder().setError(error).build(),
                catalog -> TableRules.delete(catalog, request));
    }

    @Override
    public void alterTable(AlterTableRequest request, StreamObserver<AlterTableResponse> out) {
        leader.serve(out, error -> AlterTableResponse.newBuilder().setError(error).build(),
                catalog -> TableRules.alter(catalog, request));
    }

    @Override
    public void describeTable(DescribeTableRequest request, StreamObserver<DescribeTableResponse> out) {
        leader.serve(out, error -> DescribeTableResponse.newBuilder().setError(error).build(),
                catalog -> Decision.answer(reads.describeTable(catalog, request.getName())));
    }

    @Override
    public void listTables(ListTablesRequest request, StreamObserver<ListTablesResponse> out) {
        leader.serve(out, error -> ListTablesResponse.newBuilder().setError(error).build(),
                catalog -> Decision.answer(TableRules.list(catalog, request)));
    }

    @Override
    public void getRoutingTable(GetRoutingTableRequest request, StreamObserver<RoutingTable> out) {
        leader.serve(out, error -> RoutingTable.newBuilder().setError(error).build(),
                catalog -> Decision.answer(reads.routingTable(catalog, request)));
    }

    @Override
    public void describeCluster(DescribeClusterRequest request, StreamObserver<ClusterDescription> out) {
        leader.serve(out, error -> ClusterDescription.newBuilder().setError(error).build(),
                catalog -> Decision.answer(reads.describeCluster(catalog, request.getTableName())));
    }

    @Override
    public void movePartition(MovePartitionRequest request, StreamObserver<SplitPartitionResponse> out) {
        leader.serve(out, error -> SplitPartitionResponse.newBuilder().setError(error).build(),
                catalog -> Decision.answer(mover.requested(catalog, request.getPartitionId(), request.getFromNodeId(),
                        request.getToNodeId())));
    }

    @Override
    public void drainNode(DrainNodeRequest request, StreamObserver<DrainNodeResponse> out) {
        leader.serve(out, error -> DrainNodeResponse.newBuilder().setError(error).build(), catalog -> {
            var node = catalog.nodes().get(request.getNodeId());
            if (node == null) {
                return Decision.answer(DrainNodeResponse.newBuilder().setError(MetadataError.newBuilder()
                        .setCode(MetadataError.Code.INVALID).setMessage("no node " + request.getNodeId())).build());
            }
            boolean others = cluster.liveNodes(catalog).stream().anyMatch(n -> n.getZone().equals(node.getZone())
                    && !n.getNodeId().equals(node.getNodeId()) && !catalog.draining().contains(n.getNodeId()));
            if (!request.getUndo() && !others) {
                return Decision.answer(DrainNodeResponse.newBuilder().setError(MetadataError.newBuilder()
                        .setCode(MetadataError.Code.INVALID).setMessage("zone " + node.getZone()
                                + " has no other live node to take the replicas of " + node.getNodeId()
                                + ": add one first (a partition never keeps two replicas in one zone)")).build());
            }
            return Decision.propose(MetadataCommand.newBuilder().setSetDraining(SetDraining.newBuilder()
                    .setNodeId(node.getNodeId()).setDraining(!request.getUndo())),
                    reply -> DrainNodeResponse.newBuilder().setNode(reads.nodeStatus(group.catalog(), node.getNodeId())).build());
        });
    }

    @Override
    public void splitPartition(SplitPartitionRequest request, StreamObserver<SplitPartitionResponse> out) {
        leader.serve(out, error -> SplitPartitionResponse.newBuilder().setError(error).build(),
                catalog -> Decision.answer(splitter.requested(catalog, request)));
    }
}
