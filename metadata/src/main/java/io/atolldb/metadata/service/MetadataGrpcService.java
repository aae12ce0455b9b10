package io.atolldb.metadata.service;

import io.atolldb.metadata.catalog.Assignments;
import io.atolldb.metadata.catalog.Decision;
import io.atolldb.metadata.catalog.TableRules;
import io.atolldb.metadata.group.ClusterView;
import io.atolldb.metadata.group.MetadataGroup;
import io.atolldb.metadata.scheduler.Splitter;
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
    private final LeaderOnly leader;
    private final int configuredPartitionCount;
    private final Clock clock;

    public MetadataGrpcService(MetadataGroup group, ClusterView cluster, Splitter splitter, int configuredPartitionCount,
                               Clock clock) {
        this.group = group;
        this.cluster = cluster;
        this.reads = new ClusterReads(cluster);
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
                catalog -> TableRules.create(catalog, request, cluster.liveNodes(catalog), configuredPartitionCount));
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
    public void splitPartition(SplitPartitionRequest request, StreamObserver<SplitPartitionResponse> out) {
        leader.serve(out, error -> SplitPartitionResponse.newBuilder().setError(error).build(),
                catalog -> Decision.answer(splitter.requested(catalog, request)));
    }
}
