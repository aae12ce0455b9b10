package io.atolldb.router.routing;

import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionRoute;
import io.atolldb.proto.RoutingTable;
import io.atolldb.proto.TableDescriptor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One immutable version of the routing table: tables by name, and per table a map from each
 * partition's first token to the partition (unsigned token order), so a lookup is one floorEntry.
 * A lookup whose token the found partition does not cover finds nothing (a hole left by a split learned
 * from a node before its other half is known): the caller refreshes.
 */
public final class Routes {
    public static final Routes EMPTY = new Routes(RoutingTable.getDefaultInstance());

    private final Map<String, TableDescriptor> tables;
    private final Map<Long, NavigableMap<Long, PartitionRoute>> partitionsByTable;
    private final Map<String, NodeInfo> nodes;
    private final long version;

    public Routes(RoutingTable table) {
        this.tables = new HashMap<>();
        this.partitionsByTable = new HashMap<>();
        this.nodes = new HashMap<>();
        table.getTablesList().forEach(t -> tables.put(t.getName(), t));
        table.getNodesList().forEach(n -> nodes.put(n.getNodeId(), n));
        for (PartitionRoute route : table.getRoutesList()) {
            PartitionDescriptor partition = route.getPartition();
            partitionsByTable.computeIfAbsent(partition.getTableId(), id -> new TreeMap<>(Long::compareUnsigned))
                    .put(partition.getTokenStart(), route);
        }
        this.version = table.getVersion();
    }

    private Routes(Map<String, TableDescriptor> tables, Map<Long, NavigableMap<Long, PartitionRoute>> partitionsByTable,
                   Map<String, NodeInfo> nodes, long version) {
        this.tables = tables;
        this.partitionsByTable = partitionsByTable;
        this.nodes = nodes;
        this.version = version;
    }

    /**
     * This table brought up to date by a delta answer ({@code RoutingTable.delta}): the tables it lists
     * replace ours with their partitions, tables it does not name among those present are gone, and the
     * nodes are its nodes.
     */
    Routes withDelta(RoutingTable delta) {
        java.util.Set<Long> present = new java.util.HashSet<>(delta.getTableIdsList());
        Map<String, TableDescriptor> newTables = new HashMap<>();
        tables.forEach((name, table) -> {
            if (present.contains(table.getTableId())) {
                newTables.put(name, table);
            }
        });
        Map<Long, NavigableMap<Long, PartitionRoute>> newPartitions = new HashMap<>();
        partitionsByTable.forEach((tableId, routes) -> {
            if (present.contains(tableId)) {
                newPartitions.put(tableId, routes);
            }
        });
        for (TableDescriptor changed : delta.getTablesList()) {
            newTables.values().removeIf(t -> t.getTableId() == changed.getTableId());
            newTables.put(changed.getName(), changed);
            newPartitions.put(changed.getTableId(), new TreeMap<>(Long::compareUnsigned));
        }
        for (PartitionRoute route : delta.getRoutesList()) {
            newPartitions.computeIfAbsent(route.getPartition().getTableId(), id -> new TreeMap<>(Long::compareUnsigned))
                    .put(route.getPartition().getTokenStart(), route);
        }
        Map<String, NodeInfo> newNodes = new HashMap<>();
        delta.getNodesList().forEach(n -> newNodes.put(n.getNodeId(), n));
        return new Routes(newTables, newPartitions, newNodes, delta.getVersion());
    }

    public long version() {
        return version;
    }

    public Optional<TableDescriptor> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Optional<NodeInfo> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }

    public Map<String, NodeInfo> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    /** The partition of {@code tableId} owning {@code token}, with its last known leader. */
    public Optional<PartitionRoute> route(long tableId, long token) {
        NavigableMap<Long, PartitionRoute> partitions = partitionsByTable.get(tableId);
        if (partitions == null) {
            return Optional.empty();
        }
        var entry = partitions.floorEntry(token);
        if (entry == null) {
            return Optional.empty();
        }
        PartitionDescriptor partition = entry.getValue().getPartition();
        boolean covers = partition.getTokenEnd() == 0 || Long.compareUnsigned(token, partition.getTokenEnd()) < 0;
        return covers ? Optional.of(entry.getValue()) : Optional.empty();
    }

    /** The known partitions of a table in token order. */
    public List<PartitionDescriptor> partitions(long tableId) {
        NavigableMap<Long, PartitionRoute> partitions = partitionsByTable.get(tableId);
        return partitions == null ? List.of() : partitions.values().stream().map(PartitionRoute::getPartition).toList();
    }

    /** True when this table already knows the partition at least at the split version of {@code learned}. */
    boolean knows(PartitionDescriptor learned) {
        return partitions(learned.getTableId()).stream().anyMatch(p -> p.getPartitionId() == learned.getPartitionId()
                && p.getEpoch().getSplitVersion() >= learned.getEpoch().getSplitVersion());
    }

    /**
     * This table with partitions learned from nodes after splits: each replaces the known partitions whose
     * ranges it overlaps and whose split version is lower. A partition already known keeps its replicas and
     * leader hint (the node's list of replicas may be older than the catalog's); one not known yet takes the
     * replicas it came with.
     */
    Routes withLearned(Collection<PartitionDescriptor> learned) {
        Map<Long, NavigableMap<Long, PartitionRoute>> copy = new HashMap<>(partitionsByTable);
        for (PartitionDescriptor partition : learned) {
            NavigableMap<Long, PartitionRoute> table = new TreeMap<>(Long::compareUnsigned);
            table.putAll(copy.getOrDefault(partition.getTableId(), new TreeMap<>(Long::compareUnsigned)));
            List<PartitionRoute> replaced = new ArrayList<>();
            boolean newer = true;
            for (PartitionRoute route : table.values()) {
                if (overlaps(route.getPartition(), partition)) {
                    if (route.getPartition().getEpoch().getSplitVersion() >= partition.getEpoch().getSplitVersion()) {
                        newer = false;
                    } else {
                        replaced.add(route);
                    }
                }
            }
            if (!newer) {
                continue;
            }
            var route = PartitionRoute.newBuilder().setPartition(partition);
            for (PartitionRoute old : replaced) {
                table.remove(old.getPartition().getTokenStart());
                if (old.getPartition().getPartitionId() == partition.getPartitionId()) {
                    route.setPartition(partition.toBuilder().clearReplicas().addAllReplicas(old.getPartition().getReplicasList()))
                            .setLeaderNodeId(old.getLeaderNodeId());
                }
            }
            table.put(partition.getTokenStart(), route.build());
            copy.put(partition.getTableId(), table);
        }
        return new Routes(tables, copy, nodes, version);
    }

    private static boolean overlaps(PartitionDescriptor a, PartitionDescriptor b) {
        return contains(a, b.getTokenStart()) || contains(b, a.getTokenStart());
    }

    private static boolean contains(PartitionDescriptor partition, long token) {
        return Long.compareUnsigned(token, partition.getTokenStart()) >= 0
                && (partition.getTokenEnd() == 0 || Long.compareUnsigned(token, partition.getTokenEnd()) < 0);
    }
}
