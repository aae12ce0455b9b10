package io.atolldb.metadata.catalog;

import io.atolldb.proto.MetadataState;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable view of the whole catalog: registered nodes, tables with their partitions, and the id
 * counters. The metadata state machine replaces it wholesale on every change, so readers on other
 * threads always see one consistent version.
 *
 * <p>Invariants: table ids and partition ids are never reused (the counters only grow); table names
 * are unique among the tables present (a DELETING table still holds its name).
 */
public record Catalog(Map<String, NodeInfo> nodes, Map<String, TableDescriptor> tables, long nextTableId,
                      long nextPartitionId, long appliedIndex, long appliedTerm) {

    public static final Catalog EMPTY = new Catalog(Map.of(), Map.of(), 1, 1, 0, 0);

    public Catalog {
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    public Optional<TableDescriptor> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /**
     * Whether {@code wanted} is a retry of the CreateTable call that made {@code existing}: the router
     * resends a call whose answer it lost, and the retry must get the table, not "already exists".
     */
    public static boolean isRetryOfItsCreation(TableDescriptor existing, TableDescriptor wanted) {
        return !wanted.getCreationRequestId().isEmpty()
                && wanted.getCreationRequestId().equals(existing.getCreationRequestId());
    }

    public Optional<TableDescriptor> tableById(long tableId) {
        return tables.values().stream().filter(t -> t.getTableId() == tableId).findFirst();
    }

    /** Every partition of every table, with the table it belongs to. */
    public Iterable<PartitionDescriptor> partitions() {
        return tables.values().stream().flatMap(t -> t.getPartitionsList().stream())::iterator;
    }

    public Catalog withNode(NodeInfo node) {
        var copy = new TreeMap<>(nodes);
        copy.put(node.getNodeId(), node);
        return new Catalog(copy, tables, nextTableId, nextPartitionId, appliedIndex, appliedTerm);
    }

    /** Adds a table, assigning its table id and partition ids from the counters. */
    public Catalog withNewTable(TableDescriptor placed, long creationTimeMillis) {
        long tableId = nextTableId;
        long partitionId = nextPartitionId;
        var table = placed.toBuilder().setTableId(tableId).setStatus(TableStatus.TABLE_STATUS_CREATING)
                .setCreationTimeMillis(creationTimeMillis);
        for (int i = 0; i < table.getPartitionsCount(); i++) {
            table.setPartitions(i, table.getPartitions(i).toBuilder().setTableId(tableId).setPartitionId(partitionId++));
        }
        var copy = new TreeMap<>(tables);
        copy.put(placed.getName(), table.build());
        return new Catalog(nodes, copy, tableId + 1, partitionId, appliedIndex, appliedTerm);
    }

    public Catalog withTable(TableDescriptor table) {
        var copy = new TreeMap<>(tables);
        copy.put(table.getName(), table);
        return new Catalog(nodes, copy, nextTableId, nextPartitionId, appliedIndex, appliedTerm);
    }

    public Catalog withoutTable(String name) {
        var copy = new TreeMap<>(tables);
        copy.remove(name);
        return new Catalog(nodes, copy, nextTableId, nextPartitionId, appliedIndex, appliedTerm);
    }

    public Catalog appliedAt(long index, long term) {
        return new Catalog(nodes, tables, nextTableId, nextPartitionId, index, term);
    }

    public MetadataState toProto() {
        return MetadataState.newBuilder()
                .addAllNodes(nodes.values())
                .addAllTables(tables.values())
                .setNextTableId(nextTableId)
                .setNextPartitionId(nextPartitionId)
                .setAppliedIndex(appliedIndex)
                .setAppliedTerm(appliedTerm)
                .build();
    }

    public static Catalog fromProto(MetadataState state) {
        var nodes = new TreeMap<String, NodeInfo>();
        state.getNodesList().forEach(n -> nodes.put(n.getNodeId(), n));
        var tables = new TreeMap<String, TableDescriptor>();
        state.getTablesList().forEach(t -> tables.put(t.getName(), t));
        return new Catalog(nodes, tables, Math.max(1, state.getNextTableId()), Math.max(1, state.getNextPartitionId()),
                state.getAppliedIndex(), state.getAppliedTerm());
    }
}
