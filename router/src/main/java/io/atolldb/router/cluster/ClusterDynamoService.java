package io.atolldb.router.cluster;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.model.expr.Expressions;
import io.atolldb.model.Items;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.WriteResult;
import io.atolldb.proto.ReadRequest;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.WriteResponse;
import io.atolldb.router.api.BatchGetRequest;
import io.atolldb.router.api.CapacityUnits;
import io.atolldb.router.api.ConsumedCapacity;
import io.atolldb.router.api.GetItemResult;
import io.atolldb.router.api.WriteItemResult;
import io.atolldb.router.api.BatchGetResult;
import io.atolldb.router.api.BatchWriteRequest;
import io.atolldb.router.api.BatchWriteResult;
import io.atolldb.router.api.CreateTableRequest;
import io.atolldb.router.api.DeleteItemRequest;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.DynamoService;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.api.GetItemRequest;
import io.atolldb.router.api.ListTablesResult;
import io.atolldb.router.api.PageResult;
import io.atolldb.router.api.QueryRequest;
import io.atolldb.router.api.ScanRequest;
import io.atolldb.router.api.PutItemRequest;
import io.atolldb.router.api.ReturnValues;
import io.atolldb.router.api.TableDescription;
import io.atolldb.router.api.UpdateItemRequest;
import io.atolldb.router.api.UpdateTableRequest;
import io.atolldb.router.routing.PartitionCaller;
import io.atolldb.router.routing.RoutingCache;
import io.atolldb.rpc.MetadataClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DynamoDB operations carried out on the cluster: table operations go to the metadata service,
 * item operations are validated here (before any RPC), hashed to their partition and sent through the
 * one retry loop ({@link PartitionCaller}) to the partition's leader or nearest replica.
 */
public final class ClusterDynamoService implements DynamoService {
    private final MetadataClient metadata;
    private final RoutingCache routing;
    private final PartitionCaller caller;
    private final Clock clock;
    private final TableScanner scanner;
    private final KeyQuery keyQuery;
    private final IndexReads indexReads;
    private final ItemCommands commands;
    private final Batches batches;
    private final Tables tables;
    private final TxnRecovery recovery;
    private final TransactWrites transactWrites;
    private final TransactReads transactReads;

    public ClusterDynamoService(MetadataClient metadata, RoutingCache routing, PartitionCaller caller, Clock clock) {
        this.metadata = metadata;
        this.routing = routing;
        this.caller = caller;
        this.clock = clock;
        this.scanner = new TableScanner(caller);
        this.keyQuery = new KeyQuery(caller);
        this.indexReads = new IndexReads(caller);
        this.commands = new ItemCommands(clock);
        this.batches = new Batches(this);
        this.tables = new Tables(metadata, routing);
        PartitionWrites partitionWrites = new PartitionWrites(caller);
        this.recovery = new TxnRecovery(partitionWrites, clock);
        this.transactWrites = new TransactWrites(this, partitionWrites, recovery, clock);
        this.transactReads = new TransactReads(this, caller, recovery);
    }





    @Override
    public TableDescription createTable(CreateTableRequest request) {
        return tables.create(request);
    }

    @Override
    public TableDescription describeTable(String tableName) {
        return tables.describe(tableName);
    }

    @Override
    public TableDescription deleteTable(String tableName) {
        return tables.delete(tableName);
    }

    @Override
    public ListTablesResult listTables(String exclusiveStartTableName, int limit) {
        return tables.list(exclusiveStartTableName, limit);
    }

    @Override
    public TableDescription updateTable(UpdateTableRequest request) {
        return tables.update(request);
    }

    @Override
    public void tagResource(String tableName, Map<String, String> tags) {
        tables.tag(tableName, tags);
    }

    @Override
    public void untagResource(String tableName, List<String> tagKeys) {
        tables.untag(tableName, tagKeys);
    }

    @Override
    public Map<String, String> listTags(String tableName) {
        return tables.tags(tableName);
    }

    @Override
    public WriteItemResult putItem(PutItemRequest request) {
        TableDescriptor table = activeTable(request.tableName());
        return put(table, ItemAddress.ofItem(table, request.item()), request);
    }

    /** A PutItem whose item was checked and addressed ({@link ItemAddress#ofItem}). */
    WriteItemResult put(TableDescriptor table, ItemAddress address, PutItemRequest request) {
        WriteResponse response = write(address, commands.put(table, address, request));
        return new WriteItemResult(oldItem(response, request.returnValues() == ReturnValues.ALL_OLD),
                consumed(request.tableName(), response.getResult()));
    }

    @Override
    public WriteItemResult updateItem(UpdateItemRequest request) {
        TableDescriptor table = activeTable(request.tableName());
        ItemAddress address = ItemAddress.ofKey(table, request.key());
        WriteResult result = write(address, commands.update(table, address, request)).getResult();
        Optional<Map<String, AttributeValue>> attributes = switch (request.returnValues()) {
            case NONE -> Optional.empty();
            case ALL_OLD, UPDATED_OLD -> result.getOldItem().isEmpty() ? Optional.empty()
                    : Optional.of(ItemCodec.decode(result.getOldItem().toByteArray()).attributes());
            case ALL_NEW, UPDATED_NEW -> result.getHasNew()
                    ? Optional.of(ItemCodec.decode(result.getNewItem().toByteArray()).attributes()) : Optional.empty();
        };
        return new WriteItemResult(attributes, consumed(request.tableName(), result));
    }

    @Override
    public GetItemResult getItem(GetItemRequest request) {
        TableDescriptor table = activeTable(request.tableName());
        return get(ItemAddress.ofKey(table, request.key()), request);
    }

    /** A GetItem whose key was checked and addressed ({@link ItemAddress#ofKey}). */
    GetItemResult get(ItemAddress address, GetItemRequest request) {
        ReadResponse response = call(() -> caller.call(address.tableId(), address.token(),
                request.consistentRead() ? PartitionCaller.Target.LEADER : PartitionCaller.Target.NEAREST,
                (stub, partition) -> stub.read(ReadRequest.newBuilder()
                        .setPartitionId(partition.getPartitionId()).setEpoch(partition.getEpoch())
                        .setKey(address.storageKey()).setConsistent(request.consistentRead())
                        .setMinAppliedIndex(caller.readFloor(partition, request.consistentRead())).build()),
                r -> r.hasRoutingError() ? r.getRoutingError() : null));
        if (!response.getResult().getFound()) {
            return new GetItemResult(Optional.empty(),
                    new ConsumedCapacity(request.tableName(), CapacityUnits.read(0, request.consistentRead())));
        }
        Item item = ItemCodec.decode(response.getResult().getItem().toByteArray());
        // The whole item's size counts, whatever the projection keeps.
        var consumed = new ConsumedCapacity(request.tableName(), CapacityUnits.read(Items.size(item), request.consistentRead()));
        if (request.expressions().projection().isEmpty()) {
            return new GetItemResult(Optional.of(item), consumed);
        }
        var projection = Expressions.resolver(request.expressions().names(), Map.of()).projection(request.expressions().projection());
        return new GetItemResult(Optional.of(Expressions.project(projection, item)), consumed);
    }

    @Override
    public WriteItemResult deleteItem(DeleteItemRequest request) {
        TableDescriptor table = activeTable(request.tableName());
        return delete(table, ItemAddress.ofKey(table, request.key()), request);
    }

    /** A DeleteItem whose key was checked and addressed ({@link ItemAddress#ofKey}). */
    WriteItemResult delete(TableDescriptor table, ItemAddress address, DeleteItemRequest request) {
        WriteResponse response = write(address, commands.delete(table, address, request));
        return new WriteItemResult(oldItem(response, request.returnValues() == ReturnValues.ALL_OLD),
                consumed(request.tableName(), response.getResult()));
    }

    /**
     * Sums the sizes of the collection's items by reading them (a consistent Query on the partition key,
     * page by page): only when a client asks for SIZE on a table with local secondary indexes.
     */
    @Override
    public java.util.Optional<io.atolldb.router.api.ItemCollectionMetrics> itemCollectionMetrics(
            String tableName, Map<String, AttributeValue> itemOrKey) {
        TableDescriptor table = activeTable(tableName);
        if (table.getIndexesList().stream().allMatch(io.atolldb.proto.IndexDescriptor::getGlobal)) {
            return java.util.Optional.empty();
        }
        String partitionKey = TableMapping.keySchema(table).partitionKey().name();
        AttributeValue value = itemOrKey.get(partitionKey);
        if (value == null) {
            return java.util.Optional.empty();
        }
        var keyCondition = new io.atolldb.router.api.ReadExpressions("#pk = :pk", "", "",
                Map.of("#pk", partitionKey), Map.of(":pk", value));
        long bytes = 0;
        Map<String, AttributeValue> start = null;
        do {
            var page = query(new QueryRequest(tableName, keyCondition, 0, start, true, true,
                    io.atolldb.router.api.Select.ALL_ATTRIBUTES, null));
            for (var item : page.items()) {
                bytes += io.atolldb.model.Items.size(item);
            }
            start = page.lastEvaluatedKey();
        } while (start != null);
        return java.util.Optional.of(io.atolldb.router.api.ItemCollectionMetrics.estimate(Map.of(partitionKey, value), bytes));
    }

    @Override
    public PageResult query(QueryRequest request) {
        TableDescriptor table = activeTable(request.tableName());
        if (request.indexName() != null) {
            return call(() -> indexReads.query(table, request));
        }
        return call(() -> keyQuery.query(table, request));
    }

    @Override
    public PageResult scan(ScanRequest request) {
        TableDescriptor table = activeTable(request.tableName());
        if (request.indexName() != null) {
            return call(() -> indexReads.scan(table, request));
        }
        return call(() -> scanner.scan(table, request));
    }

    @Override
    public BatchGetResult batchGetItem(BatchGetRequest request) {
        return batches.get(request);
    }

    @Override
    public BatchWriteResult batchWriteItem(BatchWriteRequest request) {
        return batches.write(request);
    }






    @Override
    public io.atolldb.router.api.TransactWriteResult transactWriteItems(io.atolldb.router.api.TransactWriteRequest request) {
        return transactWrites.write(request);
    }

    @Override
    public io.atolldb.router.api.TransactGetResult transactGetItems(io.atolldb.router.api.TransactGetRequest request) {
        return transactReads.read(request);
    }

    /** The descriptor of a table that must exist and be ACTIVE. */
    TableDescriptor activeTableDescriptor(String name) {
        return activeTable(name);
    }

    /**
     * Sends a write to its partition's leader; a failed condition or an update that cannot apply become
     * errors. An item locked by a transaction in flight is TransactionConflictException, unless the
     * lock is stale: then its transaction is resolved ({@link TxnRecovery}) and the write sent again
     * (the refused copy changed nothing and was not remembered, so the same request id is reused).
     */
    private WriteResponse write(ItemAddress address, PartitionCommand command) {
        WriteResponse response;
        int recoveries = 0;
        while (true) {
            response = call(() -> caller.write(address.tableId(), address.token(), command));
            if (!response.getResult().hasConflict()) {
                break;
            }
            var lock = response.getResult().getConflict();
            if (recoveries++ >= 3 || !call(() -> recovery.resolveIfStale(lock, address.storageKeyBytes()))) {
                throw new DynamoException(ErrorType.TransactionConflictException,
                        "Transaction is ongoing for the item");
            }
        }
        WriteResult result = response.getResult();
        if (result.getConditionFailed()) {
            throw DynamoException.conditionFailed(result.getHadOld()
                    ? ItemCodec.decode(result.getOldItem().toByteArray()).attributes() : null);
        }
        if (!result.getInvalid().isEmpty()) {
            throw DynamoException.validation(result.getInvalid());
        }
        return response;
    }

    private static Optional<Map<String, AttributeValue>> oldItem(WriteResponse response, boolean returnOld) {
        return returnOld && response.getResult().getHadOld()
                ? Optional.of(ItemCodec.decode(response.getResult().getOldItem().toByteArray()).attributes())
                : Optional.empty();
    }

    /** The write units of an applied write, from the item sizes before and after that apply reported. */
    private static ConsumedCapacity consumed(String tableName, WriteResult result) {
        return new ConsumedCapacity(tableName, CapacityUnits.write(result.getOldSize(), result.getNewSize()));
    }

    private TableDescriptor activeTable(String name) {
        return activeTable(routing, name);
    }

    /** The table, which must exist and be ACTIVE; the cached routing table is refreshed once before saying no. */
    static TableDescriptor activeTable(RoutingCache routing, String name) {
        Optional<TableDescriptor> table = routing.routes().table(name).filter(TableMapping::isActive);
        if (table.isEmpty()) {
            table = call(routing::refresh).table(name).filter(TableMapping::isActive);
        }
        return table.orElseThrow(() -> new DynamoException(ErrorType.ResourceNotFoundException,
                "Requested resource not found"));
    }



    /** Maps the cluster being unreachable to DynamoDB's retryable ServiceUnavailable. */
    static <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (PartitionCaller.UnavailableException | MetadataClient.MetadataUnavailableException e) {
            throw new DynamoException(ErrorType.ServiceUnavailable, e.getMessage());
        }
    }
}
