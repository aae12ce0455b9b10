package io.atolldb.router.api;

import io.atolldb.model.Item;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backend behind the DynamoDB front door: one method per supported operation, in typed values only
 * (no JSON). Requests arrive already checked for DynamoDB's structural rules (required members, name
 * lengths, enum values); checks that need the table (key types, item size) are the backend's.
 *
 * <p>Implementations are called concurrently from many virtual threads and may block. They report
 * failures by throwing {@link DynamoException} (or {@link io.atolldb.model.ValidationError}); anything
 * else becomes a 500 InternalServerError.
 *
 * <p>Data-plane results always carry the capacity they consumed ({@link ConsumesCapacity}); whether
 * the response shows it is the API's business (ReturnConsumedCapacity).
 */
public interface DynamoService {

    TableDescription createTable(CreateTableRequest request);

    TableDescription describeTable(String tableName);

    TableDescription deleteTable(String tableName);

    /**
     * Table names in ascending order, starting after {@code exclusiveStartTableName} ({@code null} = from
     * the start), at most {@code limit} (1..100) of them.
     */
    ListTablesResult listTables(String exclusiveStartTableName, int limit);

    /** Stores the item; returns the old item when ReturnValues is ALL_OLD and one existed. */
    WriteItemResult putItem(PutItemRequest request);

    GetItemResult getItem(GetItemRequest request);

    /** Deletes the item; returns the old item when ReturnValues is ALL_OLD and one existed. */
    WriteItemResult deleteItem(DeleteItemRequest request);

    /**
     * Updates (or creates) the item; returns the attributes ReturnValues asks for. A failed condition
     * is a {@link DynamoException#conditionFailed} for every write.
     */
    WriteItemResult updateItem(UpdateItemRequest request);

    /** One page of a Query. */
    PageResult query(QueryRequest request);

    /** One page of a Scan (of one segment when the request names one). */
    PageResult scan(ScanRequest request);

    /** Reads up to 100 items by key; keys not read this time are returned as unprocessed. */
    BatchGetResult batchGetItem(BatchGetRequest request);

    /** Up to 25 unconditional puts and deletes; writes not done this time are returned as unprocessed. */
    BatchWriteResult batchWriteItem(BatchWriteRequest request);

    /**
     * Up to 100 writes and condition checks on distinct items, all applied or none; a cancelled
     * transaction is a {@link DynamoException#transactionCanceled} with one reason per action.
     */
    default TransactWriteResult transactWriteItems(TransactWriteRequest request) {
        throw new DynamoException(ErrorType.UnknownOperationException, "TransactWriteItems is not available here");
    }

    /** Up to 100 reads of distinct items, as of one moment; cancelled when a transaction is writing one. */
    default TransactGetResult transactGetItems(TransactGetRequest request) {
        throw new DynamoException(ErrorType.UnknownOperationException, "TransactGetItems is not available here");
    }

    /** Changes the billing mode or provisioned throughput of an ACTIVE table. */
    TableDescription updateTable(UpdateTableRequest request);

    /** Adds or replaces tags of a table (at most 50 in all). */
    void tagResource(String tableName, Map<String, String> tags);

    void untagResource(String tableName, List<String> tagKeys);

    Map<String, String> listTags(String tableName);

    /**
     * The ItemCollectionMetrics of the collection holding {@code itemOrKey} (an item or a primary key of
     * {@code tableName}), or empty when the table has no local secondary index: DynamoDB reports them
     * only for such tables.
     */
    default java.util.Optional<ItemCollectionMetrics> itemCollectionMetrics(String tableName,
            java.util.Map<String, io.atolldb.model.AttributeValue> itemOrKey) {
        return java.util.Optional.empty();
    }
}
