package io.atolldb.router.routing;

import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionRoute;
import io.atolldb.proto.RoutingTable;
import io.atolldb.proto.TableDescriptor;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One immutable version of the routing table: tables by name, and per table a map from each
 * partition's first token to the partition (unsigned token order), so a lookup is one floorEntry.
 */
public final class Routes {
    public static final Routes EMPTY = new Routes(RoutingTable.getDefaultInstance());

    private final Map<String, TableDescriptor> tables = new HashMap<>();
    private final Map<Long, NavigableMap<Long, PartitionRoute>> partitionsByTable = new HashMap<>();
    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final long version;

    public Routes(RoutingTable table) {
        table.getTablesList().forEach(t -> tables.put(t.getName(), t));
        table.getNodesList().forEach(n -> nodes.put(n.getNodeId(), n));
        for (PartitionRoute route : table.getRoutesList()) {
            PartitionDescriptor partition = route.getPartition();
            partitionsByTable.computeIfAbsent(partition.getTableId(), id -> new TreeMap<>(Long::compareUnsigned))
                    .put(partition.getTokenStart(), route);
        }
        this.version = table.getVersion();
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
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }
}
