package io.atolldb.router.api;

import io.atolldb.model.Item;
import io.atolldb.model.KeySchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A DynamoService that remembers the last request it got and answers canned results; for api unit tests. */
final class CapturingService implements DynamoService {
    static final TableDescription TABLE = new TableDescription("Music", "7f0c8a6e-1111-2222-3333-444455556666",
            new KeySchema(new KeySchema.KeyAttribute("artist", KeySchema.ScalarType.S), Optional.empty()),
            List.of(new AttributeDefinition("artist", KeySchema.ScalarType.S)), TableStatus.ACTIVE,
            Instant.parse("2024-05-01T10:15:30.250Z"), 3, 1234, BillingMode.PROVISIONED, new ProvisionedThroughput(5, 7));

    Object lastRequest;
    TableDescription table = TABLE;
    ListTablesResult tables = new ListTablesResult(List.of(), null);
    Optional<Item> item = Optional.empty();
    /** What single-table operations answer they consumed. */
    ConsumedCapacity consumed = new ConsumedCapacity("Music", 1);
    /** What batches answer they consumed, per table. */
    List<ConsumedCapacity> consumedPerTable = List.of();

    @Override
    public TableDescription createTable(CreateTableRequest request) {
        lastRequest = request;
        return table;
    }

    @Override
    public TableDescription describeTable(String tableName) {
        lastRequest = tableName;
        return table;
    }

    @Override
    public TableDescription deleteTable(String tableName) {
        lastRequest = tableName;
        return table;
    }

    @Override
    public ListTablesResult listTables(String exclusiveStartTableName, int limit) {
        lastRequest = new ListTablesHandler.Page(exclusiveStartTableName, limit);
        return tables;
    }

    @Override
    public WriteItemResult putItem(PutItemRequest request) {
        lastRequest = request;
        return new WriteItemResult(item.map(Item::attributes), consumed);
    }

    @Override
    public GetItemResult getItem(GetItemRequest request) {
        lastRequest = request;
        return new GetItemResult(item, consumed);
    }

    @Override
    public WriteItemResult deleteItem(DeleteItemRequest request) {
        lastRequest = request;
        return new WriteItemResult(item.map(Item::attributes), consumed);
    }

    @Override
    public PageResult scan(ScanRequest request) {
        lastRequest = request;
        return new PageResult(item.stream().toList(), item.isPresent() ? 1 : 0, item.isPresent() ? 1 : 0, null, consumed);
    }

    @Override
    public BatchGetResult batchGetItem(BatchGetRequest request) {
        lastRequest = request;
        return new BatchGetResult(Map.of(), Map.of(), consumedPerTable);
    }

    @Override
    public BatchWriteResult batchWriteItem(BatchWriteRequest request) {
        lastRequest = request;
        return new BatchWriteResult(Map.of(), consumedPerTable);
    }

    @Override
    public TableDescription updateTable(UpdateTableRequest request) {
        lastRequest = request;
        return table;
    }

    @Override
    public void tagResource(String tableName, Map<String, String> tags) {
        lastRequest = tags;
    }

    @Override
    public void untagResource(String tableName, List<String> tagKeys) {
        lastRequest = tagKeys;
    }

    @Override
    public Map<String, String> listTags(String tableName) {
        lastRequest = tableName;
        return Map.of();
    }

    @Override
    public WriteItemResult updateItem(UpdateItemRequest request) {
        lastRequest = request;
        return new WriteItemResult(item.map(Item::attributes), consumed);
    }

    @Override
    public PageResult query(QueryRequest request) {
        lastRequest = request;
        return new PageResult(item.stream().toList(), item.isPresent() ? 1 : 0, item.isPresent() ? 1 : 0, null, consumed);
    }
}
