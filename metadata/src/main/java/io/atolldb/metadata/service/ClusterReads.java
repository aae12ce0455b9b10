package io.atolldb.metadata.service;

import io.atolldb.metadata.catalog.Catalog;
import io.atolldb.metadata.catalog.TableRules;
import io.atolldb.metadata.group.ClusterView;
import io.atolldb.metadata.placement.Placement;
import io.atolldb.proto.ClusterDescription;
import io.atolldb.proto.DescribeTableResponse;
import io.atolldb.proto.GetRoutingTableRequest;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.NodeStatus;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionInfo;
import io.atolldb.proto.PartitionRoute;
import io.atolldb.proto.RoutingTable;
import io.atolldb.proto.TableDescriptor;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads that join the catalog with what storage nodes last reported (memory only, {@link ClusterView}):
 * table statistics, leader hints for routers, and the cluster description `atoll admin` prints.
 */
final class ClusterReads {
    private final ClusterView cluster;
    private final java.util.function.Predicate<String> dead;

    ClusterReads(ClusterView cluster, java.util.function.Predicate<String> dead) {
        this.cluster = cluster;
        this.dead = dead;
    }

    DescribeTableResponse describeTable(Catalog catalog, String name) {
        return catalog.table(name)
                .map(t -> DescribeTableResponse.newBuilder().setTable(withStats(t)).build())
                .orElseGet(() -> DescribeTableResponse.newBuilder().setError(TableRules.tableNotFound(name)).build());
    }

    /**
     * What routers route with. Asked with the version a router holds, the answer is a delta: the tables changed
     * since (with their partitions and leader hints), every node, and the ids of every table present; so a
     * router refreshing every second over an unchanged catalog of thousands of partitions gets a few bytes.
     * A router that knows nothing, or a version ahead of this catalog's, gets everything.
     */
    RoutingTable routingTable(Catalog catalog, GetRoutingTableRequest request) {
        long known = request.getKnownVersion();
        boolean delta = known > 0 && known <= catalog.appliedIndex();
        var table = RoutingTable.newBuilder().addAllNodes(catalog.nodes().values()).setVersion(catalog.appliedIndex())
                .setDelta(delta);
        for (TableDescriptor descriptor : catalog.tables().values()) {
            if (delta) {
                table.addTableIds(descriptor.getTableId());
                if (descriptor.getChangedAt() <= known) {
                    continue;
                }
            }
            table.addTables(descriptor);
            for (PartitionDescriptor partition : descriptor.getPartitionsList()) {
                var route = PartitionRoute.newBuilder().setPartition(partition);
                cluster.leaderOf(partition.getPartitionId()).ifPresent(route::setLeaderNodeId);
                table.addRoutes(route);
            }
        }
        return table.build();
    }

    ClusterDescription describeCluster(Catalog catalog, String tableName) {
        var description = ClusterDescription.newBuilder().setVersion(catalog.appliedIndex());
        Set<String> live = cluster.liveNodes();
        Map<String, int[]> perNode = new HashMap<>(); // node -> {replicas, leaders}
        for (TableDescriptor table : catalog.tables().values()) {
            for (PartitionDescriptor partition : table.getPartitionsList()) {
                String leader = cluster.leaderOf(partition.getPartitionId()).orElse("");
                partition.getReplicasList().forEach(r -> perNode.computeIfAbsent(r.getNodeId(), n -> new int[2])[0]++);
                if (!leader.isEmpty()) {
                    perNode.computeIfAbsent(leader, n -> new int[2])[1]++;
                }
                if (!tableName.isEmpty() && !tableName.equals(table.getName())) {
                    continue;
                }
                int liveReplicas = (int) partition.getReplicasList().stream().filter(r -> live.contains(r.getNodeId())).count();
                var info = PartitionInfo.newBuilder().setPartition(partition).setTableName(table.getName())
                        .setLeaderNodeId(leader).setLiveReplicas(liveReplicas)
                        .setState(state(catalog, partition.getPartitionId(), liveReplicas));
                cluster.latestReport(partition.getPartitionId())
                        .ifPresent(r -> info.setItemCount(r.getItemCount()).setSizeBytes(r.getSizeBytes()));
                description.addPartitions(info);
            }
        }
        for (NodeInfo node : catalog.nodes().values()) {
            int[] counts = perNode.getOrDefault(node.getNodeId(), new int[2]);
            description.addNodes(status(catalog, node, counts));
        }
        description.addAllOperations(catalog.operations());
        return description.build();
    }

    /** One node's status, counting its replicas and leaderships. */
    NodeStatus nodeStatus(Catalog catalog, String nodeId) {
        int[] counts = new int[2];
        for (PartitionDescriptor partition : catalog.partitions()) {
            if (partition.getReplicasList().stream().anyMatch(r -> r.getNodeId().equals(nodeId))) {
                counts[0]++;
            }
            if (cluster.leaderOf(partition.getPartitionId()).map(nodeId::equals).orElse(false)) {
                counts[1]++;
            }
        }
        return status(catalog, catalog.nodes().get(nodeId), counts);
    }

    private NodeStatus status(Catalog catalog, NodeInfo node, int[] counts) {
        return NodeStatus.newBuilder().setNode(node).setLive(cluster.isLive(node.getNodeId()))
                .setReplicas(counts[0]).setLeaders(counts[1])
                .setLastHeardMillis(cluster.millisSinceHeard(node.getNodeId()))
                .setDraining(catalog.draining().contains(node.getNodeId()))
                .setDead(dead.test(node.getNodeId())).build();
    }

    private static String state(Catalog catalog, long partitionId, int liveReplicas) {
        boolean splitting = catalog.running().stream()
                .anyMatch(o -> o.hasSplit() && o.getSplit().getPartitionId() == partitionId);
        if (splitting) {
            return "SPLITTING";
        }
        if (catalog.running().stream().anyMatch(o -> o.hasMove() && o.getMove().getPartitionId() == partitionId)) {
            return "MOVING";
        }
        return liveReplicas < Placement.REPLICAS ? "UNDER_REPLICATED" : "ACTIVE";
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
}
