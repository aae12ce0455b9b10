package io.atolldb.metadata.service;

import io.atolldb.metadata.catalog.Catalog;
import io.atolldb.metadata.placement.Placement;
import io.atolldb.proto.AlterTableRequest;
import io.atolldb.proto.AlterTableResponse;
import io.atolldb.proto.CreateTable;
import io.atolldb.proto.CreateTableRequest;
import io.atolldb.proto.CreateTableResponse;
import io.atolldb.proto.DeleteTableRequest;
import io.atolldb.proto.DeleteTableResponse;
import io.atolldb.proto.DescribeTableRequest;
import io.atolldb.proto.DescribeTableResponse;
import io.atolldb.proto.Epoch;
import io.atolldb.proto.GetRoutingTableRequest;
import io.atolldb.proto.HeartbeatRequest;
import io.atolldb.proto.HeartbeatResponse;
import io.atolldb.proto.ListTablesRequest;
import io.atolldb.proto.ListTablesResponse;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.MetadataError;
import io.atolldb.proto.MetadataServiceGrpc;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionRoute;
import io.atolldb.proto.RegisterNode;
import io.atolldb.proto.ReplicaAssignment;
import io.atolldb.proto.ReplicaReport;
import io.atolldb.proto.RoutingTable;
import io.atolldb.proto.SetTableStatus;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;
import io.atolldb.model.TokenRange;
import io.grpc.stub.StreamObserver;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metadata service's gRPC face. Every call is answered by the metadata leader; other replicas
 * answer NOT_LEADER naming it. Changes go through the Raft log ({@link MetadataGroup#propose}); reads
 * come from the leader's applied catalog, which includes every change it has acknowledged.
 */
public final class MetadataGrpcService extends MetadataServiceGrpc.MetadataServiceImplBase {
    private static final int MAX_PARTITIONS_PER_TABLE = 64;

    private final MetadataGroup group;
    private final ClusterView cluster;
    private final int defaultPartitionCount;
    private final Clock clock;

    public MetadataGrpcService(MetadataGroup group, ClusterView cluster, int defaultPartitionCount, Clock clock) {
        this.group = group;
        this.cluster = cluster;
        this.defaultPartitionCount = defaultPartitionCount;
        this.clock = clock;
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> out) {
        answer(out, () -> {
            if (!group.isLeader()) {
                return HeartbeatResponse.newBuilder().setError(group.notLeader()).build();
            }
            cluster.record(request);
            NodeInfo node = request.getNode();
            if (!node.equals(group.catalog().nodes().get(node.getNodeId()))) {
                try {
                    group.propose(command().setRegisterNode(RegisterNode.newBuilder().setNode(node)).build());
                } catch (MetadataGroup.ProposalFailed e) {
                    return HeartbeatResponse.newBuilder().setError(e.error()).build();
                }
            }
            return assignmentsFor(node.getNodeId(), request.getReplicasList(), group.catalog());
        });
    }

    private static HeartbeatResponse assignmentsFor(String nodeId, List<ReplicaReport> reported, Catalog catalog) {
        var response = HeartbeatResponse.newBuilder();
        Set<Long> assigned = new HashSet<>();
        for (TableDescriptor table : catalog.tables().values()) {
            if (table.getStatus() == TableStatus.TABLE_STATUS_DELETING) {
                continue;
            }
            for (PartitionDescriptor partition : table.getPartitionsList()) {
                if (partition.getReplicasList().stream().anyMatch(r -> r.getNodeId().equals(nodeId))) {
                    assigned.add(partition.getPartitionId());
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
        reported.stream().map(ReplicaReport::getPartitionId).filter(id -> !assigned.contains(id))
                .forEach(response::addRemovePartitionIds);
        return response.build();
    }

    @Override
    public void createTable(CreateTableRequest request, StreamObserver<CreateTableResponse> out) {
        answer(out, () -> {
            if (!group.isLeader()) {
                return CreateTableResponse.newBuilder().setError(group.notLeader()).build();
            }
            TableDescriptor wanted = request.getTable();
            Catalog catalog = group.catalog();
            var existing = catalog.table(wanted.getName());
            if (existing.isPresent()) {
                return Catalog.isRetryOfItsCreation(existing.get(), wanted)
                        ? CreateTableResponse.newBuilder().setTable(existing.get()).build()
                        : CreateTableResponse.newBuilder().setError(error(MetadataError.Code.TABLE_IN_USE,
                                "Table already exists: " + wanted.getName())).build();
            }
            int count = request.getPartitionCount() == 0 ? defaultPartitionCount : request.getPartitionCount();
            if (count < 1 || count > MAX_PARTITIONS_PER_TABLE) {
                return CreateTableResponse.newBuilder().setError(error(MetadataError.Code.INVALID,
                        "partition count must be between 1 and " + MAX_PARTITIONS_PER_TABLE + ": " + count)).build();
            }
            List<List<io.atolldb.proto.Replica>> placement;
            try {
                placement = Placement.place(count, liveNodes(catalog), load(catalog));
            } catch (Placement.NotEnoughZonesException e) {
                return CreateTableResponse.newBuilder().setError(error(MetadataError.Code.NOT_ENOUGH_ZONES, e.getMessage())).build();
            }
            var table = wanted.toBuilder().clearPartitions();
            List<TokenRange> ranges = TokenRange.evenSplit(count);
            for (int i = 0; i < count; i++) {
                table.addPartitions(PartitionDescriptor.newBuilder()
                        .setTokenStart(ranges.get(i).start()).setTokenEnd(ranges.get(i).end())
                        .setEpoch(Epoch.newBuilder().setConfVersion(1).setSplitVersion(1))
                        .addAllReplicas(placement.get(i)));
            }
            try {
                byte[] reply = group.propose(command().setCreateTable(CreateTable.newBuilder().setTable(table)).build());
                return CreateTableResponse.parseFrom(reply);
            } catch (MetadataGroup.ProposalFailed e) {
                return CreateTableResponse.newBuilder().setError(e.error()).build();
            }
        });
    }

    @Override
    public void deleteTable(DeleteTableRequest request, StreamObserver<DeleteTableResponse> out) {
        answer(out, () -> {
            if (!group.isLeader()) {
                return DeleteTableResponse.newBuilder().setError(group.notLeader()).build();
            }
            var table = group.catalog().table(request.getName());
            if (table.isEmpty()) {
                return DeleteTableResponse.newBuilder().setError(tableNotFound(request.getName())).build();
            }
            if (table.get().getStatus() != TableStatus.TABLE_STATUS_ACTIVE) {
                return DeleteTableResponse.newBuilder().setError(error(MetadataError.Code.TABLE_IN_USE,
                        "Attempt to change a resource which is still in use: Table is being "
                                + (table.get().getStatus() == TableStatus.TABLE_STATUS_CREATING ? "created" : "deleted")
                                + ": " + request.getName())).build();
            }
            try {
                byte[] reply = group.propose(command().setSetTableStatus(SetTableStatus.newBuilder()
                        .setTableId(table.get().getTableId()).setStatus(TableStatus.TABLE_STATUS_DELETING)).build());
                var described = DescribeTableResponse.parseFrom(reply);
                return DeleteTableResponse.newBuilder().setError(described.getError()).setTable(described.getTable()).build();
            } catch (MetadataGroup.ProposalFailed e) {
                return DeleteTableResponse.newBuilder().setError(e.error()).build();
            }
        });
    }

    @Override
    public void alterTable(AlterTableRequest request, StreamObserver<AlterTableResponse> out) {
        answer(out, () -> {
            if (!group.isLeader()) {
                return AlterTableResponse.newBuilder().setError(group.notLeader()).build();
            }
            var table = group.catalog().table(request.getName());
            if (table.isEmpty()) {
                return AlterTableResponse.newBuilder().setError(tableNotFound(request.getName())).build();
            }
            boolean settings = request.getBillingMode() != io.atolldb.proto.BillingMode.BILLING_MODE_UNSPECIFIED
                    || request.getSetThroughput();
            if (settings && table.get().getStatus() != TableStatus.TABLE_STATUS_ACTIVE) {
                return AlterTableResponse.newBuilder().setError(error(MetadataError.Code.TABLE_IN_USE,
                        "Attempt to change a resource which is still in use: Table is not ACTIVE: " + request.getName())).build();
            }
            try {
                byte[] reply = group.propose(command().setAlterTable(io.atolldb.proto.AlterTable.newBuilder()
                        .setTableId(table.get().getTableId()).setChange(request)).build());
                return AlterTableResponse.parseFrom(reply);
            } catch (MetadataGroup.ProposalFailed e) {
                return AlterTableResponse.newBuilder().setError(e.error()).build();
            }
        });
    }

    @Override
    public void describeTable(DescribeTableRequest request, StreamObserver<DescribeTableResponse> out) {
        answer(out, () -> {
            if (!group.isLeader()) {
                return DescribeTableResponse.newBuilder().setError(group.notLeader()).build();
            }
            return group.catalog().table(request.getName())
                    .map(t -> DescribeTableResponse.newBuilder().setTable(withStats(t)).build())
                    .orElseGet(() -> DescribeTableResponse.newBuilder().setError(tableNotFound(request.getName())).build());
        });
    }

    @Override
    public void listTables(ListTablesRequest request, StreamObserver<ListTablesResponse> out) {
        answer(out, () -> {
            if (!group.isLeader()) {
                return ListTablesResponse.newBuilder().setError(group.notLeader()).build();
            }
            int limit = request.getLimit() == 0 ? 100 : request.getLimit();
            String start = request.getExclusiveStartTableName();
            List<String> names = group.catalog().tables().keySet().stream()
                    .filter(name -> start.isEmpty() || name.compareTo(start) > 0)
                    .toList();
            var response = ListTablesResponse.newBuilder().addAllTableNames(names.subList(0, Math.min(limit, names.size())));
            if (names.size() > limit) {
                response.setLastEvaluatedTableName(names.get(limit - 1));
            }
            return response.build();
        });
    }

    @Override
    public void getRoutingTable(GetRoutingTableRequest request, StreamObserver<RoutingTable> out) {
        answer(out, () -> {
            if (!group.isLeader()) {
                return RoutingTable.newBuilder().setError(group.notLeader()).build();
            }
            Catalog catalog = group.catalog();
            var table = RoutingTable.newBuilder()
                    .addAllTables(catalog.tables().values())
                    .addAllNodes(catalog.nodes().values())
                    .setVersion(catalog.appliedIndex());
            for (PartitionDescriptor partition : catalog.partitions()) {
                var route = PartitionRoute.newBuilder().setPartition(partition);
                cluster.leaderOf(partition.getPartitionId()).ifPresent(route::setLeaderNodeId);
                table.addRoutes(route);
            }
            return table.build();
        });
    }

    /** The table with its live item count and size: the sums of its partitions' latest reports. */
    private TableDescriptor withStats(TableDescriptor table) {
        long items = 0;
        long bytes = 0;
        for (PartitionDescriptor partition : table.getPartitionsList()) {
            var report = cluster.latestReport(partition.getPartitionId());
            if (report.isPresent()) {
                items += report.get().getItemCount();
                bytes += report.get().getSizeBytes();
            }
        }
        return table.toBuilder().setItemCount(items).setSizeBytes(bytes).build();
    }

    private List<NodeInfo> liveNodes(Catalog catalog) {
        Set<String> live = cluster.liveNodes();
        return catalog.nodes().values().stream().filter(n -> live.contains(n.getNodeId())).toList();
    }

    private static Map<String, Placement.Load> load(Catalog catalog) {
        Map<String, Placement.Load> load = new HashMap<>();
        for (PartitionDescriptor partition : catalog.partitions()) {
            for (int i = 0; i < partition.getReplicasCount(); i++) {
                boolean preferred = i == 0;
                load.merge(partition.getReplicas(i).getNodeId(), new Placement.Load(1, preferred ? 1 : 0),
                        (a, b) -> new Placement.Load(a.replicas() + b.replicas(), a.preferredLeaders() + b.preferredLeaders()));
            }
        }
        return load;
    }

    private MetadataCommand.Builder command() {
        return MetadataCommand.newBuilder().setTimestampMillis(clock.millis());
    }

    private static MetadataError tableNotFound(String name) {
        return error(MetadataError.Code.TABLE_NOT_FOUND, "Requested resource not found: Table: " + name + " not found");
    }

    static MetadataError error(MetadataError.Code code, String message) {
        return MetadataError.newBuilder().setCode(code).setMessage(message).build();
    }

    private static <T> void answer(StreamObserver<T> out, ThrowingSupplier<T> body) {
        T response;
        try {
            response = body.get();
        } catch (Exception e) {
            out.onError(io.grpc.Status.INTERNAL.withDescription(e.toString()).withCause(e).asRuntimeException());
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
