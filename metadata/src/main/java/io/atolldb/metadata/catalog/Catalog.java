package io.atolldb.metadata.catalog;

import io.atolldb.proto.MetadataState;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.Operation;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable view of the whole catalog: registered nodes, tables with their partitions, the operations
 * running and recently ended, and the id counters. The metadata state machine replaces it wholesale on
 * every change, so readers on other threads always see one consistent version.
 *
 * <p>Invariants: table, partition and operation ids are never reused (the counters only grow); table names
 * are unique among the tables present (a DELETING table still holds its name); a table's partitions are
 * sorted by token and their ranges tile the ring; at most one running operation names a partition.
 */
public record Catalog(Map<String, NodeInfo> nodes, Map<String, TableDescriptor> tables, List<Operation> operations,
                      java.util.Set<String> draining, long nextTableId, long nextPartitionId, long nextOperationId,
                      long appliedIndex, long appliedTerm) {

    public static final Catalog EMPTY = new Catalog(Map.of(), Map.of(), List.of(), java.util.Set.of(), 1, 1, 1, 0, 0);

    /** How many ended operations the catalog remembers (the history `atoll admin operations` shows). */
    static final int HISTORY = 100;

    public Catalog {
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        operations = List.copyOf(operations);
        draining = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(draining));
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

    /** Every partition of every table. */
    public Iterable<PartitionDescriptor> partitions() {
        return tables.values().stream().flatMap(t -> t.getPartitionsList().stream())::iterator;
    }

    public Optional<PartitionDescriptor> partition(long partitionId) {
        return tables.values().stream().flatMap(t -> t.getPartitionsList().stream())
                .filter(p -> p.getPartitionId() == partitionId).findFirst();
    }

    /** The operations still running, oldest first. */
    public List<Operation> running() {
        return operations.stream().filter(o -> o.getState() == Operation.State.RUNNING).toList();
    }

    public Optional<Operation> operation(long operationId) {
        return operations.stream().filter(o -> o.getOperationId() == operationId).findFirst();
    }

    public Catalog withNode(NodeInfo node) {
        var copy = new TreeMap<>(nodes);
        copy.put(node.getNodeId(), node);
        return new Catalog(copy, tables, operations, draining, nextTableId, nextPartitionId, nextOperationId, appliedIndex, appliedTerm);
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
        return new Catalog(nodes, copy, operations, draining, tableId + 1, partitionId, nextOperationId, appliedIndex, appliedTerm);
    }

    public Catalog withTable(TableDescriptor table) {
        var copy = new TreeMap<>(tables);
        copy.put(table.getName(), table);
        return new Catalog(nodes, copy, operations, draining, nextTableId, nextPartitionId, nextOperationId, appliedIndex, appliedTerm);
    }

    public Catalog withoutTable(String name) {
        var copy = new TreeMap<>(tables);
        copy.remove(name);
        return new Catalog(nodes, copy, operations, draining, nextTableId, nextPartitionId, nextOperationId, appliedIndex, appliedTerm);
    }

    /** Records {@code started} (RUNNING) with the next operation id; a split also gets its child's partition id. */
    public Catalog withStartedOperation(Operation started) {
        var operation = started.toBuilder().setOperationId(nextOperationId).setState(Operation.State.RUNNING);
        long partitionId = nextPartitionId;
        if (operation.hasSplit()) {
            operation.getSplitBuilder().setChildPartitionId(partitionId++);
        }
        var list = new ArrayList<>(operations);
        list.add(operation.build());
        return new Catalog(nodes, tables, list, draining, nextTableId, partitionId, nextOperationId + 1, appliedIndex, appliedTerm);
    }

    /** Replaces the operation with its ended form, keeping the last {@value #HISTORY} ended ones. */
    public Catalog withEndedOperation(Operation ended) {
        var list = new ArrayList<>(operations);
        list.replaceAll(o -> o.getOperationId() == ended.getOperationId() ? ended : o);
        List<Operation> endedOnes = list.stream().filter(o -> o.getState() != Operation.State.RUNNING)
                .sorted(Comparator.comparingLong(Operation::getOperationId)).toList();
        if (endedOnes.size() > HISTORY) {
            var dropped = endedOnes.subList(0, endedOnes.size() - HISTORY);
            list.removeIf(dropped::contains);
        }
        return new Catalog(nodes, tables, list, draining, nextTableId, nextPartitionId, nextOperationId, appliedIndex, appliedTerm);
    }

    /** The catalog with {@code nodeId} draining (every replica moves off it) or not. */
    public Catalog withDraining(String nodeId, boolean isDraining) {
        var copy = new java.util.TreeSet<>(draining);
        if (isDraining) {
            copy.add(nodeId);
        } else {
            copy.remove(nodeId);
        }
        return new Catalog(nodes, tables, operations, copy, nextTableId, nextPartitionId, nextOperationId, appliedIndex, appliedTerm);
    }

    /** The catalog with {@code partition} replacing the partition of the same id in its table. */
    public Catalog withPartition(PartitionDescriptor partition) {
        TableDescriptor table = tableById(partition.getTableId()).orElseThrow();
        var changed = table.toBuilder().clearPartitions();
        table.getPartitionsList().forEach(p -> changed.addPartitions(p.getPartitionId() == partition.getPartitionId() ? partition : p));
        return withTable(changed.build());
    }

    public Catalog appliedAt(long index, long term) {
        return new Catalog(nodes, tables, operations, draining, nextTableId, nextPartitionId, nextOperationId, index, term);
    }

    public MetadataState toProto() {
        return MetadataState.newBuilder()
                .addAllNodes(nodes.values())
                .addAllTables(tables.values())
                .addAllOperations(operations)
                .addAllDrainingNodes(draining)
                .setNextTableId(nextTableId)
                .setNextPartitionId(nextPartitionId)
                .setNextOperationId(nextOperationId)
                .setAppliedIndex(appliedIndex)
                .setAppliedTerm(appliedTerm)
                .build();
    }

    public static Catalog fromProto(MetadataState state) {
        var nodes = new TreeMap<String, NodeInfo>();
        state.getNodesList().forEach(n -> nodes.put(n.getNodeId(), n));
        var tables = new TreeMap<String, TableDescriptor>();
        state.getTablesList().forEach(t -> tables.put(t.getName(), t));
        return new Catalog(nodes, tables, state.getOperationsList(), java.util.Set.copyOf(state.getDrainingNodesList()),
                Math.max(1, state.getNextTableId()),
                Math.max(1, state.getNextPartitionId()), Math.max(1, state.getNextOperationId()),
                state.getAppliedIndex(), state.getAppliedTerm());
    }
}
