package io.atolldb.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Global and local secondary indexes through the AWS SDK, on the shared four-partition dev cluster
 * (Developer Guide, "Improving data access with secondary indexes"): DescribeTable, sparse indexes,
 * projections, Query in index order across partitions with pagination, entries following every kind
 * of write, and DynamoDB's errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class SecondaryIndexTest {
    private static final String TABLE = "orders";
    private DynamoDbClient client;

    @BeforeAll
    void createTable(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        client.createTable(b -> b.tableName(TABLE)
                .attributeDefinitions(definition("customer", ScalarAttributeType.S), definition("order", ScalarAttributeType.N),
                        definition("status", ScalarAttributeType.S), definition("placed", ScalarAttributeType.N),
                        definition("region", ScalarAttributeType.S))
                .keySchema(key("customer", KeyType.HASH), key("order", KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName("byStatus")
                                .keySchema(key("status", KeyType.HASH), key("placed", KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("total").build())
                                .build(),
                        GlobalSecondaryIndex.builder().indexName("byRegion")
                                .keySchema(key("region", KeyType.HASH))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byPlaced")
                        .keySchema(key("customer", KeyType.HASH), key("placed", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                client.describeTable(b -> b.tableName(TABLE)).table().tableStatus() == TableStatus.ACTIVE);
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    @Test
    void describeTableShowsBothKindsOfIndex() {
        TableDescription table = client.describeTable(b -> b.tableName(TABLE)).table();

        assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactly("byStatus", "byRegion");
        var byStatus = table.globalSecondaryIndexes().getFirst();
        assertThat(byStatus.indexStatusAsString()).isEqualTo("ACTIVE");
        assertThat(byStatus.indexArn()).isEqualTo(table.tableArn() + "/index/byStatus");
        assertThat(byStatus.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(byStatus.projection().nonKeyAttributes()).containsExactly("total");
        assertThat(byStatus.keySchema()).containsExactly(key("status", KeyType.HASH), key("placed", KeyType.RANGE));
        assertThat(table.localSecondaryIndexes()).singleElement().satisfies(lsi -> {
            assertThat(lsi.indexName()).isEqualTo("byPlaced");
            assertThat(lsi.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        });
    }

    @Test
    void aGlobalIndexQueryReadsEveryPartitionInIndexOrderPageByPage() {
        List<Integer> placed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            placed.add(i);
        }
        Collections.shuffle(placed, new Random(3));
        for (int i = 0; i < placed.size(); i++) {
            // Many customers: their items spread over all four partitions.
            put(order("pager-" + i, 1, "paging", placed.get(i), "r1", 10 + i));
        }

        List<Integer> forward = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            var request = QueryRequest.builder().tableName(TABLE).indexName("byStatus").limit(7)
                    .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", s("paging"))).exclusiveStartKey(start).build();
            QueryResponse page = client.query(request);
            page.items().forEach(item -> forward.add(Integer.parseInt(item.get("placed").n())));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start.keySet()).containsExactlyInAnyOrder("status", "placed", "customer", "order");
            }
            pages++;
        } while (start != null);

        assertThat(forward).hasSize(40).isSorted().doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(6);
        var backward = client.query(b -> b.tableName(TABLE).indexName("byStatus").scanIndexForward(false)
                .keyConditionExpression("#s = :s AND placed BETWEEN :lo AND :hi").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("paging"), ":lo", n(10), ":hi", n(14))));
        assertThat(backward.items()).extracting(item -> Integer.parseInt(item.get("placed").n())).containsExactly(14, 13, 12, 11, 10);
    }

    @Test
    void itemsWithoutTheIndexKeyAreNotInTheIndexAndProjectionsKeepWhatTheyName() {
        put(order("sparse-1", 1, "sparse", 1, "r-sparse", 5));
        var noStatus = order("sparse-2", 1, "sparse", 2, "r-sparse", 6);
        noStatus.remove("status");
        put(noStatus);

        var byStatus = client.query(b -> b.tableName(TABLE).indexName("byStatus").keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("sparse"))));
        var byRegion = client.query(b -> b.tableName(TABLE).indexName("byRegion").keyConditionExpression("#r = :r")
                .expressionAttributeNames(Map.of("#r", "region")).expressionAttributeValues(Map.of(":r", s("r-sparse"))));

        assertThat(byStatus.items()).singleElement().satisfies(item -> assertThat(item.keySet())
                .containsExactlyInAnyOrder("customer", "order", "status", "placed", "total"));
        assertThat(byRegion.items()).hasSize(2).allSatisfy(item -> assertThat(item).containsKey("note"));
        var scanned = client.scan(b -> b.tableName(TABLE).indexName("byStatus").filterExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("sparse"))));
        assertThat(scanned.items()).extracting(item -> item.get("customer").s()).containsExactly("sparse-1");
    }

    @Test
    void aScanOfAGlobalIndexPagesThroughAllItsEntries() {
        for (int i = 0; i < 12; i++) {
            put(order("scan-" + i, 1, "scanned", i, "r-scan", i));
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = client.scan(b -> b.tableName(TABLE).indexName("byRegion").limit(5).exclusiveStartKey(from)
                    .filterExpression("#r = :r").expressionAttributeNames(Map.of("#r", "region"))
                    .expressionAttributeValues(Map.of(":r", s("r-scan"))));
            page.items().forEach(item -> seen.add(item.get("customer").s()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);

        assertThat(seen).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void everyWriteMovesOrRemovesTheEntryAndAFailedConditionLeavesItAlone() {
        put(order("mover", 1, "m-before", 1, "r-m", 1));
        put(order("mover", 1, "m-after", 1, "r-m", 1));
        assertThat(statusQuery("m-before")).isEmpty();
        assertThat(statusQuery("m-after")).hasSize(1);

        client.updateItem(b -> b.tableName(TABLE).key(key("mover", 1)).updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("m-updated"))));
        assertThat(statusQuery("m-after")).isEmpty();
        assertThat(statusQuery("m-updated")).hasSize(1);

        assertThatThrownBy(() -> client.putItem(b -> b.tableName(TABLE).item(order("mover", 1, "m-refused", 1, "r-m", 1))
                .conditionExpression("attribute_not_exists(customer)"))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(statusQuery("m-refused")).isEmpty();
        assertThat(statusQuery("m-updated")).hasSize(1);

        client.updateItem(b -> b.tableName(TABLE).key(key("mover", 1)).updateExpression("REMOVE #s")
                .expressionAttributeNames(Map.of("#s", "status")));
        assertThat(statusQuery("m-updated")).isEmpty();

        client.deleteItem(b -> b.tableName(TABLE).key(key("mover", 1)));
        assertThat(client.query(b -> b.tableName(TABLE).indexName("byRegion").keyConditionExpression("#r = :r")
                .expressionAttributeNames(Map.of("#r", "region")).expressionAttributeValues(Map.of(":r", s("r-m")))).items())
                .isEmpty();
    }

    @Test
    void batchWritesMaintainTheIndexes() {
        client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(order("batch-1", 1, "batched", 1, "r-b", 1)).build()).build(),
                WriteRequest.builder().putRequest(PutRequest.builder().item(order("batch-2", 1, "batched", 2, "r-b", 1)).build()).build()))));
        assertThat(statusQuery("batched")).hasSize(2);

        client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, List.of(
                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key("batch-1", 1)).build()).build()))));
        assertThat(statusQuery("batched")).extracting(item -> item.get("customer").s()).containsExactly("batch-2");
    }

    @Test
    void aLocalIndexQueryReadsOnePartitionKeyInIndexOrderAndFetchesWhatItDoesNotProject() {
        for (int order = 1; order <= 5; order++) {
            put(order("local", order, "l", 100 - order, "r-l", order));
        }

        QueryResponse keysOnly = client.query(b -> b.tableName(TABLE).indexName("byPlaced").consistentRead(true)
                .keyConditionExpression("customer = :c AND placed > :p")
                .expressionAttributeValues(Map.of(":c", s("local"), ":p", n(96))));
        QueryResponse all = client.query(b -> b.tableName(TABLE).indexName("byPlaced").consistentRead(true)
                .select(Select.ALL_ATTRIBUTES).keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", s("local"))).limit(2));

        assertThat(keysOnly.items()).extracting(item -> item.get("placed").n()).containsExactly("97", "98", "99");
        assertThat(keysOnly.items().getFirst().keySet()).containsExactlyInAnyOrder("customer", "order", "placed");
        assertThat(all.items()).hasSize(2).allSatisfy(item -> assertThat(item).containsKey("note"));
        assertThat(all.lastEvaluatedKey().keySet()).containsExactlyInAnyOrder("customer", "order", "placed");
    }

    @Test
    void indexKeysOfTheWrongTypeOrEmptyAreRefusedAndNothingIsWritten() {
        var wrong = order("typed", 1, "x", 1, "r-t", 1);
        wrong.put("status", n(5));
        assertThatThrownBy(() -> client.putItem(b -> b.tableName(TABLE).item(wrong)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus");
        var empty = order("typed", 1, "", 1, "r-t", 1);
        assertThatThrownBy(() -> client.putItem(b -> b.tableName(TABLE).item(empty)))
                .hasMessageContaining("The AttributeValue for a key attribute cannot contain an empty string value. "
                        + "IndexName: byStatus, IndexKey: status");
        assertThat(client.getItem(b -> b.tableName(TABLE).key(key("typed", 1)).consistentRead(true)).hasItem()).isFalse();

        put(order("typed", 1, "t-ok", 1, "r-t", 1));
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName(TABLE).key(key("typed", 1)).updateExpression("SET placed = :p")
                .expressionAttributeValues(Map.of(":p", s("not a number")))))
                .hasMessageContaining("Type mismatch for Index Key placed Expected: N Actual: S");
        assertThat(statusQuery("t-ok")).singleElement().satisfies(item -> assertThat(item.get("placed").n()).isEqualTo("1"));
    }

    @Test
    void readsDynamoDbRefusesGetItsErrors() {
        assertThatThrownBy(() -> client.query(b -> b.tableName(TABLE).indexName("byStatus").consistentRead(true)
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("x")))))
                .hasMessageContaining("Consistent reads are not supported on global secondary indexes")
                .satisfies(e -> assertThat(((DynamoDbException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.query(b -> b.tableName(TABLE).indexName("noSuchIndex")
                .keyConditionExpression("customer = :c").expressionAttributeValues(Map.of(":c", s("x")))))
                .hasMessageContaining("The table does not have the specified index: noSuchIndex");
        assertThatThrownBy(() -> client.query(b -> b.tableName(TABLE).indexName("byStatus").select(Select.ALL_ATTRIBUTES)
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("x")))))
                .hasMessageContaining("Select type ALL_ATTRIBUTES is not supported for global secondary index byStatus");
        assertThatThrownBy(() -> client.query(b -> b.tableName(TABLE).indexName("byStatus")
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", n(1)))))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> client.updateTable(b -> b.tableName(TABLE).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byRegion")))))
                .hasMessageContaining("GlobalSecondaryIndexUpdates");
    }

    // ---- helpers ----

    private List<Map<String, AttributeValue>> statusQuery(String status) {
        return client.query(b -> b.tableName(TABLE).indexName("byStatus").keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s(status)))).items();
    }

    @Test
    void writesAskingForItemCollectionMetricsGetTheCollectionKeyAndASizeRange() {
        var put = client.putItem(b -> b.tableName(TABLE).item(order("metrics", 1, "open", 5, "r1", 7))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        var update = client.updateItem(b -> b.tableName(TABLE).key(key("metrics", 1))
                .updateExpression("SET #t = :t").expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(Map.of(":t", n(8)))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        var batch = client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, List.of(
                        WriteRequest.builder().putRequest(p -> p.item(order("metrics", 2, "open", 6, "r1", 9))).build(),
                        WriteRequest.builder().putRequest(p -> p.item(order("metrics-other", 1, "open", 6, "r1", 9))).build())))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        var delete = client.deleteItem(b -> b.tableName(TABLE).key(key("metrics", 2))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.NONE));

        for (var metrics : List.of(put.itemCollectionMetrics(), update.itemCollectionMetrics())) {
            assertThat(metrics.itemCollectionKey()).isEqualTo(Map.of("customer", s("metrics")));
            assertThat(metrics.sizeEstimateRangeGB()).containsExactly(0.0, 1.0);
        }
        assertThat(batch.itemCollectionMetrics().get(TABLE))
                .extracting(m -> m.itemCollectionKey().get("customer").s())
                .containsExactly("metrics", "metrics-other");
        assertThat(delete.itemCollectionMetrics()).as("NONE asks for nothing").isNull();
    }

    private void put(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName(TABLE).item(item));
    }

    private static Map<String, AttributeValue> order(String customer, int order, String status, int placed, String region,
                                                     int total) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customer", s(customer));
        item.put("order", n(order));
        item.put("status", s(status));
        item.put("placed", n(placed));
        item.put("region", s(region));
        item.put("total", n(total));
        item.put("note", s("not projected by byStatus"));
        return item;
    }

    private static Map<String, AttributeValue> key(String customer, int order) {
        return Map.of("customer", s(customer), "order", n(order));
    }

    private static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }

    private static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
