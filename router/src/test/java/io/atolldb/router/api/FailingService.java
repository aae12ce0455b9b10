package io.atolldb.router.api;

import io.atolldb.model.Item;
import java.util.Optional;
import java.util.function.Supplier;

/** A DynamoService whose every call throws the given failure; for tests that the backend is (not) reached. */
final class FailingService implements DynamoService {
    private final Supplier<RuntimeException> failure;

    FailingService(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    /** A service that must not be reached: requests that fail validation never call it. */
    static FailingService unreachable() {
        return new FailingService(() -> new IllegalStateException("the service must not be called"));
    }

    @Override
    public TableDescription createTable(CreateTableRequest request) {
        throw failure.get();
    }

    @Override
    public TableDescription describeTable(String tableName) {
        throw failure.get();
    }

    @Override
    public TableDescription deleteTable(String tableName) {
        throw failure.get();
    }

    @Override
    public ListTablesResult listTables(String exclusiveStartTableName, int limit) {
        throw failure.get();
    }

    @Override
    public WriteItemResult putItem(PutItemRequest request) {
        throw failure.get();
    }

    @Override
    public GetItemResult getItem(GetItemRequest request) {
        throw failure.get();
    }

    @Override
    public WriteItemResult deleteItem(DeleteItemRequest request) {
        throw failure.get();
    }

    @Override
    public PageResult scan(ScanRequest request) {
        throw failure.get();
    }

    @Override
    public BatchGetResult batchGetItem(BatchGetRequest request) {
        throw failure.get();
    }

    @Override
    public BatchWriteResult batchWriteItem(BatchWriteRequest request) {
        throw failure.get();
    }

    @Override
    public TableDescription updateTable(UpdateTableRequest request) {
        throw failure.get();
    }

    @Override
    public void tagResource(String tableName, java.util.Map<String, String> tags) {
        throw failure.get();
    }

    @Override
    public void untagResource(String tableName, java.util.List<String> tagKeys) {
        throw failure.get();
    }

    @Override
    public java.util.Map<String, String> listTags(String tableName) {
        throw failure.get();
    }

    @Override
    public WriteItemResult updateItem(UpdateItemRequest request) {
        throw failure.get();
    }

    @Override
    public PageResult query(QueryRequest request) {
        throw failure.get();
    }
}
