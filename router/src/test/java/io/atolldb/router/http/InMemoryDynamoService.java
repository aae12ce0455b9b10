package io.atolldb.router.http;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.KeySchema;
import io.atolldb.model.ValidationError;
import io.atolldb.router.api.CreateTableRequest;
import io.atolldb.router.api.DeleteItemRequest;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.DynamoService;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.api.GetItemRequest;
import io.atolldb.router.api.ListTablesResult;
import io.atolldb.router.api.ProvisionedThroughput;
import io.atolldb.router.api.PutItemRequest;
import io.atolldb.router.api.PageResult;
import io.atolldb.router.api.CapacityUnits;
import io.atolldb.router.api.ConsumedCapacity;
import io.atolldb.router.api.GetItemResult;
import io.atolldb.router.api.WriteItemResult;
import io.atolldb.model.Items;
import io.atolldb.router.api.BatchGetRequest;
import io.atolldb.router.api.BatchGetResult;
import io.atolldb.router.api.BatchWriteRequest;
import io.atolldb.router.api.BatchWriteResult;
import io.atolldb.router.api.ReturnValues;
import io.atolldb.router.api.ScanRequest;
import io.atolldb.router.api.Select;
import io.atolldb.router.api.TableDescription;
import io.atolldb.router.api.TableStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A HashMap-backed DynamoService for protocol tests. It has just enough table and item behaviour to check
 * the HTTP/JSON front door end to end; it is not a model of the database (no sizes, no key type checks).
 * Tests may override a method to make a call slow or fail.
 */
class InMemoryDynamoService implements DynamoService {
    private record Table(TableDescription description, Map<Map<String, AttributeValue>, Item> items) {}

    private final TreeMap<String, Table> tables = new TreeMap<>();

    @Override
    public synchronized TableDescription createTable(CreateTableRequest request) {
        if (tables.containsKey(request.tableName())) {
            throw DynamoException.tableAlreadyExists(request.tableName());
        }
        TableDescription description = new TableDescription(request.tableName(), UUID.randomUUID().toString(),
                request.keySchema(), request.attributeDefinitions(), TableStatus.ACTIVE, Instant.now(), 0, 0,
                request.billingMode(),
                request.provisionedThroughput() == null ? ProvisionedThroughput.NONE : request.provisionedThroughput());
        tables.put(request.tableName(), new Table(description, new HashMap<>()));
        if (!request.tags().isEmpty()) {
            tags.put(request.tableName(), new java.util.TreeMap<>(request.tags()));
        }
        return description;
    }

    @Override
    public synchronized TableDescription describeTable(String tableName) {
        Table table = tables.get(tableName);
        if (table == null) {
            throw DynamoException.tableNotFound(tableName);
        }
        return table.description();
    }

    @Override
    public synchronized TableDescription deleteTable(String tableName) {
        TableDescription description = describeTable(tableName);
        tables.remove(tableName);
        return new TableDescription(description.tableName(), description.tableId(), description.keySchema(),
                description.attributeDefinitions(), TableStatus.DELETING, description.creationDateTime(),
                description.itemCount(), description.tableSizeBytes(), description.billingMode(),
                description.provisionedThroughput());
    }

    @Override
    public synchronized ListTablesResult listTables(String exclusiveStartTableName, int limit) {
        var after = exclusiveStartTableName == null ? tables : tables.tailMap(exclusiveStartTableName, false);
        List<String> names = new ArrayList<>(after.keySet()).subList(0, Math.min(limit, after.size()));
        boolean more = after.size() > names.size();
        return new ListTablesResult(names, more ? names.getLast() : null);
    }

    @Override
    public synchronized WriteItemResult putItem(PutItemRequest request) {
        Table table = table(request.tableName());
        Item old = table.items().put(key(table, request.item().attributes()), request.item());
        return written(request.tableName(), request.returnValues() == ReturnValues.ALL_OLD ? old : null,
                CapacityUnits.write(old == null ? 0 : Items.size(old), Items.size(request.item())));
    }

    private static WriteItemResult written(String tableName, Item returned, double units) {
        return new WriteItemResult(Optional.ofNullable(returned).map(Item::attributes), new ConsumedCapacity(tableName, units));
    }

    @Override
    public synchronized GetItemResult getItem(GetItemRequest request) {
        Table table = table(request.tableName());
        Optional<Item> item = Optional.ofNullable(table.items().get(key(table, request.key())));
        return new GetItemResult(item, new ConsumedCapacity(request.tableName(),
                CapacityUnits.read(item.map(Items::size).orElse(0L), request.consistentRead())));
    }

    @Override
    public synchronized WriteItemResult deleteItem(DeleteItemRequest request) {
        Table table = table(request.tableName());
        Item old = table.items().remove(key(table, request.key()));
        return written(request.tableName(), request.returnValues() == ReturnValues.ALL_OLD ? old : null,
                CapacityUnits.write(old == null ? 0 : Items.size(old), 0));
    }

    private Table table(String tableName) {
        Table table = tables.get(tableName);
        if (table == null) {
            throw new DynamoException(ErrorType.ResourceNotFoundException, "Requested resource not found");
        }
        return table;
    }

    private static Map<String, AttributeValue> key(Table table, Map<String, AttributeValue> attributes) {
        KeySchema schema = table.description().keySchema();
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        List<KeySchema.KeyAttribute> keyAttributes = new ArrayList<>();
        keyAttributes.add(schema.partitionKey());
        schema.sortKey().ifPresent(keyAttributes::add);
        for (KeySchema.KeyAttribute attribute : keyAttributes) {
            AttributeValue value = attributes.get(attribute.name());
            if (value == null) {
                throw new ValidationError(
                        "One or more parameter values were invalid: Missing the key " + attribute.name() + " in the item");
            }
            key.put(attribute.name(), value);
        }
        return key;
    }

    @Override
    public synchronized PageResult scan(ScanRequest request) {
        List<Item> items = new ArrayList<>(table(request.tableName()).items().values());
        return new PageResult(request.select() == Select.COUNT ? null : items, items.size(), items.size(), null,
                new ConsumedCapacity(request.tableName(), CapacityUnits.readPage(items, request.consistentRead())));
    }

    @Override
    public synchronized BatchGetResult batchGetItem(BatchGetRequest request) {
        Map<String, List<Item>> responses = new LinkedHashMap<>();
        request.requestItems().forEach((name, keys) -> {
            Table table = table(name);
            responses.put(name, keys.keys().stream().map(k -> table.items().get(key(table, k)))
                    .filter(java.util.Objects::nonNull).toList());
        });
        return new BatchGetResult(responses, Map.of(), List.of());
    }

    @Override
    public synchronized BatchWriteResult batchWriteItem(BatchWriteRequest request) {
        request.requestItems().forEach((name, writes) -> {
            Table table = table(name);
            for (BatchWriteRequest.Write write : writes) {
                switch (write) {
                    case BatchWriteRequest.Write.Put put -> table.items().put(key(table, put.item().attributes()), put.item());
                    case BatchWriteRequest.Write.Delete delete -> table.items().remove(key(table, delete.key()));
                }
            }
        });
        return new BatchWriteResult(Map.of(), List.of());
    }

    private final Map<String, Map<String, String>> tags = new HashMap<>();

    @Override
    public synchronized io.atolldb.router.api.TableDescription updateTable(io.atolldb.router.api.UpdateTableRequest request) {
        return table(request.tableName()).description();
    }

    @Override
    public synchronized void tagResource(String tableName, Map<String, String> added) {
        table(tableName);
        tags.computeIfAbsent(tableName, t -> new java.util.TreeMap<>()).putAll(added);
    }

    @Override
    public synchronized void untagResource(String tableName, List<String> keys) {
        table(tableName);
        keys.forEach(tags.getOrDefault(tableName, new HashMap<>())::remove);
    }

    @Override
    public synchronized Map<String, String> listTags(String tableName) {
        table(tableName);
        return Map.copyOf(tags.getOrDefault(tableName, Map.of()));
    }

    @Override
    public synchronized WriteItemResult updateItem(io.atolldb.router.api.UpdateItemRequest request) {
        Table table = table(request.tableName());
        table.items().putIfAbsent(key(table, request.key()), new Item(request.key()));
        return written(request.tableName(), null, 1);
    }

    @Override
    public synchronized PageResult query(io.atolldb.router.api.QueryRequest request) {
        List<Item> items = new ArrayList<>(table(request.tableName()).items().values());
        return new PageResult(items, items.size(), items.size(), null,
                new ConsumedCapacity(request.tableName(), CapacityUnits.readPage(items, request.consistentRead())));
    }
}
