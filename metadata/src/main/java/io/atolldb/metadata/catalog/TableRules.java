package io.atolldb.metadata.catalog;

import io.atolldb.metadata.placement.Placement;
import io.atolldb.model.TokenRange;
import io.atolldb.proto.AlterTable;
import io.atolldb.proto.AlterTableRequest;
import io.atolldb.proto.AlterTableResponse;
import io.atolldb.proto.BillingMode;
import io.atolldb.proto.CreateTable;
import io.atolldb.proto.CreateTableRequest;
import io.atolldb.proto.CreateTableResponse;
import io.atolldb.proto.DeleteTableRequest;
import io.atolldb.proto.DeleteTableResponse;
import io.atolldb.proto.DescribeTableResponse;
import io.atolldb.proto.Epoch;
import io.atolldb.proto.ListTablesRequest;
import io.atolldb.proto.ListTablesResponse;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.MetadataError;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.Replica;
import io.atolldb.proto.SetTableStatus;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's rules for table requests, as pure functions of the catalog (and, for placement, of the
 * live nodes): each returns the answer or the command to propose. Limits, token ranges, placement and
 * pagination live here; the gRPC service only checks leadership and carries the decision out.
 */
public final class TableRules {
    /** The most partitions a table may be created with; splits may take it further. */
    public static final int MAX_INITIAL_PARTITIONS = 64;
    /** DynamoDB's limits of one partition, which decide how many partitions a table's throughput needs. */
    public static final long PARTITION_READ_UNITS = 3_000;
    public static final long PARTITION_WRITE_UNITS = 1_000;

    private TableRules() {
    }

    /**
     * How many partitions a new table starts with: {@code configured} when the cluster sets a count,
     * otherwise as few as its declared throughput needs (DynamoDB's per-partition limits), one for an
     * on-demand table; it grows by splitting.
     */
    public static int initialPartitions(TableDescriptor table, int configured) {
        if (configured > 0) {
            return configured;
        }
        if (table.getBillingMode() != BillingMode.BILLING_MODE_PROVISIONED) {
            return 1;
        }
        double needed = (double) table.getReadCapacityUnits() / PARTITION_READ_UNITS
                + (double) table.getWriteCapacityUnits() / PARTITION_WRITE_UNITS;
        return (int) Math.max(1, Math.min(MAX_INITIAL_PARTITIONS, Math.ceil(needed)));
    }

    public static Decision<CreateTableResponse> create(Catalog catalog, CreateTableRequest request,
                                                       Collection<NodeInfo> liveNodes, int configuredCount) {
        return create(catalog, request, liveNodes, configuredCount, Integer.MAX_VALUE);
    }

    /** As {@link #create(Catalog, CreateTableRequest, Collection, int)}, within a budget of replicas per node. */
    public static Decision<CreateTableResponse> create(Catalog catalog, CreateTableRequest request,
                                                       Collection<NodeInfo> liveNodes, int configuredCount,
                                                       int maxReplicasPerNode) {
        TableDescriptor wanted = request.getTable();
        var existing = catalog.table(wanted.getName());
        if (existing.isPresent()) {
            return Decision.answer(Catalog.isRetryOfItsCreation(existing.get(), wanted)
                    ? CreateTableResponse.newBuilder().setTable(existing.get()).build()
                    : CreateTableResponse.newBuilder().setError(error(MetadataError.Code.TABLE_IN_USE,
                            "Table already exists: " + wanted.getName())).build());
        }
        int count = request.getPartitionCount() != 0 ? request.getPartitionCount() : initialPartitions(wanted, configuredCount);
        if (count < 1 || count > MAX_INITIAL_PARTITIONS) {
            return Decision.answer(CreateTableResponse.newBuilder().setError(error(MetadataError.Code.INVALID,
                    "partition count must be between 1 and " + MAX_INITIAL_PARTITIONS + ": " + count)).build());
        }
        List<List<Replica>> placement;
        try {
            placement = Placement.place(count, liveNodes, Placement.loadOf(catalog.partitions()), maxReplicasPerNode);
        } catch (Placement.NotEnoughZonesException e) {
            return Decision.answer(CreateTableResponse.newBuilder()
                    .setError(error(MetadataError.Code.NOT_ENOUGH_ZONES, e.getMessage())).build());
        } catch (Placement.NoRoomException e) {
            return Decision.answer(CreateTableResponse.newBuilder()
                    .setError(error(MetadataError.Code.NO_ROOM, e.getMessage())).build());
        }
        var table = wanted.toBuilder().clearPartitions();
        List<TokenRange> ranges = TokenRange.evenSplit(count);
        for (int i = 0; i < count; i++) {
            table.addPartitions(PartitionDescriptor.newBuilder()
                    .setTokenStart(ranges.get(i).start()).setTokenEnd(ranges.get(i).end())
                    .setEpoch(Epoch.newBuilder().setConfVersion(1).setSplitVersion(1))
                    .addAllReplicas(placement.get(i)));
        }
        return Decision.propose(MetadataCommand.newBuilder().setCreateTable(CreateTable.newBuilder().setTable(table)),
                CreateTableResponse::parseFrom);
    }

    public static Decision<DeleteTableResponse> delete(Catalog catalog, DeleteTableRequest request) {
        Optional<TableDescriptor> table = catalog.table(request.getName());
        if (table.isEmpty()) {
            return Decision.answer(DeleteTableResponse.newBuilder().setError(tableNotFound(request.getName())).build());
        }
        if (table.get().getStatus() != TableStatus.TABLE_STATUS_ACTIVE) {
            return Decision.answer(DeleteTableResponse.newBuilder().setError(error(MetadataError.Code.TABLE_IN_USE,
                    "Attempt to change a resource which is still in use: Table is being "
                            + (table.get().getStatus() == TableStatus.TABLE_STATUS_CREATING ? "created" : "deleted")
                            + ": " + request.getName())).build());
        }
        return Decision.propose(MetadataCommand.newBuilder().setSetTableStatus(SetTableStatus.newBuilder()
                        .setTableId(table.get().getTableId()).setStatus(TableStatus.TABLE_STATUS_DELETING)),
                reply -> {
                    var described = DescribeTableResponse.parseFrom(reply);
                    return DeleteTableResponse.newBuilder().setError(described.getError()).setTable(described.getTable()).build();
                });
    }

    public static Decision<AlterTableResponse> alter(Catalog catalog, AlterTableRequest request) {
        Optional<TableDescriptor> table = catalog.table(request.getName());
        if (table.isEmpty()) {
            return Decision.answer(AlterTableResponse.newBuilder().setError(tableNotFound(request.getName())).build());
        }
        boolean settings = request.getBillingMode() != BillingMode.BILLING_MODE_UNSPECIFIED || request.getSetThroughput();
        if (settings && table.get().getStatus() != TableStatus.TABLE_STATUS_ACTIVE) {
            return Decision.answer(AlterTableResponse.newBuilder().setError(error(MetadataError.Code.TABLE_IN_USE,
                    "Attempt to change a resource which is still in use: Table is not ACTIVE: " + request.getName())).build());
        }
        return Decision.propose(MetadataCommand.newBuilder().setAlterTable(AlterTable.newBuilder()
                .setTableId(table.get().getTableId()).setChange(request)), AlterTableResponse::parseFrom);
    }

    /** One page of table names in name order, at most {@code limit} (100 when 0). */
    public static ListTablesResponse list(Catalog catalog, ListTablesRequest request) {
        int limit = request.getLimit() == 0 ? 100 : request.getLimit();
        String start = request.getExclusiveStartTableName();
        List<String> names = catalog.tables().keySet().stream()
                .filter(name -> start.isEmpty() || name.compareTo(start) > 0)
                .toList();
        var response = ListTablesResponse.newBuilder().addAllTableNames(names.subList(0, Math.min(limit, names.size())));
        if (names.size() > limit) {
            response.setLastEvaluatedTableName(names.get(limit - 1));
        }
        return response.build();
    }

    public static MetadataError tableNotFound(String name) {
        return error(MetadataError.Code.TABLE_NOT_FOUND, "Requested resource not found: Table: " + name + " not found");
    }

    static MetadataError error(MetadataError.Code code, String message) {
        return MetadataError.newBuilder().setCode(code).setMessage(message).build();
    }
}
