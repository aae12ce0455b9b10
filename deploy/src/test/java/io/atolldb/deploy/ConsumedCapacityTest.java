package io.atolldb.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * ReturnConsumedCapacity through the AWS SDK, with exact numbers (Developer Guide, "DynamoDB read and
 * write operations": reads in 4 KB units, half for eventually consistent reads; writes in 1 KB units of
 * the larger item before or after; Query and Scan round the sum of every item read once; batches count
 * each item on its own, per table). Items are built to exact DynamoDB sizes: {@code {"id": S, "p": S}}
 * is 2 + |id| + 1 + |p| bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class ConsumedCapacityTest {
    private static final String TABLE = "capacity";
    private static final String SORTED = "capacity_sorted";
    private static final String SCANNED = "capacity_scan";
    private static final String PROVISIONED = "capacity_provisioned";
    private DynamoDbClient client;

    @BeforeAll
    void createTables(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        Dynamo.createTable(client, TABLE);
        Dynamo.createTable(client, SCANNED);
        client.createTable(b -> b.tableName(SORTED)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("n").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("n").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        client.createTable(b -> b.tableName(PROVISIONED)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L)));
        for (String table : List.of(SORTED, PROVISIONED)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    client.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE);
        }
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    /** An item {"id": id, "p": "xx..."} of exactly {@code size} DynamoDB bytes. */
    private static Map<String, AttributeValue> item(String id, int size) {
        int payload = size - 3 - id.getBytes(StandardCharsets.UTF_8).length;
        assertThat(payload).as("an item of %d bytes with id %s", size, id).isNotNegative();
        return Map.of("id", AttributeValue.fromS(id), "p", AttributeValue.fromS("x".repeat(payload)));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    /** A sorted-table item {"id": id, "n": n, "p": ...} of exactly {@code size} bytes (n below 100: 2 bytes). */
    private static Map<String, AttributeValue> sortedItem(String id, int n, int size) {
        Map<String, AttributeValue> item = new HashMap<>(item(id, size - 1 - 2));
        item.put("n", AttributeValue.fromN(Integer.toString(n)));
        return item;
    }

    private double put(Map<String, AttributeValue> item) {
        return put(TABLE, item);
    }

    private double put(String table, Map<String, AttributeValue> item) {
        ConsumedCapacity consumed = client.putItem(b -> b.tableName(table).item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(consumed.tableName()).isEqualTo(table);
        return consumed.capacityUnits();
    }

    @Test
    void aNewItemCostsOneWriteUnitPerKilobyteRoundedUp() {
        assertThat(put(item("w1", 10))).isEqualTo(1.0);
        assertThat(put(item("w2", 1024))).isEqualTo(1.0);
        assertThat(put(item("w3", 1025))).isEqualTo(2.0);
        assertThat(put(item("w4", 4097))).isEqualTo(5.0);
        assertThat(put(item("w5", 400 * 1024))).isEqualTo(400.0);
    }

    @Test
    void anOverwriteCostsTheLargerOfTheOldAndTheNewItem() {
        put(item("o1", 3000));

        assertThat(put(item("o1", 10))).isEqualTo(3.0);
        assertThat(put(item("o1", 2049))).isEqualTo(3.0);
    }

    @Test
    void anUpdateCostsTheLargerOfTheItemBeforeAndAfterItWhateverItChanges() {
        put(item("u1", 1500));

        double small = client.updateItem(b -> b.tableName(TABLE).key(key("u1")).updateExpression("SET q = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        double grown = client.updateItem(b -> b.tableName(TABLE).key(key("u1")).updateExpression("SET r = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("y".repeat(1000))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        double created = client.updateItem(b -> b.tableName(TABLE).key(key("u-new")).updateExpression("SET q = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();

        // 1500 + "q" 1 + the number 2 = 1503 bytes: 2 units; then + "r" 1 + 1000 = 2504: 3 units.
        assertThat(small).isEqualTo(2.0);
        assertThat(grown).isEqualTo(3.0);
        assertThat(created).isEqualTo(1.0);
    }

    @Test
    void aDeleteCostsTheDeletedItemAndADeleteOfNothingOneUnit() {
        put(item("d1", 2500));

        double deleted = client.deleteItem(b -> b.tableName(TABLE).key(key("d1"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        double nothing = client.deleteItem(b -> b.tableName(TABLE).key(key("d1"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();

        assertThat(deleted).isEqualTo(3.0);
        assertThat(nothing).isEqualTo(1.0);
    }

    @Test
    void aGetItemCostsFourKilobyteUnitsAndHalfWhenEventuallyConsistent() {
        put(item("g4096", 4096));
        put(item("g4097", 4097));

        assertThat(get("g4096", true)).isEqualTo(1.0);
        assertThat(get("g4097", true)).isEqualTo(2.0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("g4097", false)).isEqualTo(1.0));
        assertThat(get("g-missing", true)).isEqualTo(1.0);
        assertThat(get("g-missing", false)).isEqualTo(0.5);
    }

    @Test
    void aProjectionDoesNotLowerWhatAGetItemCosts() {
        put(item("g-projected", 4097));

        var response = client.getItem(b -> b.tableName(TABLE).key(key("g-projected")).consistentRead(true)
                .projectionExpression("id").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));

        assertThat(response.item()).containsOnlyKeys("id");
        assertThat(response.consumedCapacity().capacityUnits()).isEqualTo(2.0);
    }

    private double get(String id, boolean consistent) {
        return client.getItem(b -> b.tableName(TABLE).key(key(id)).consistentRead(consistent)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
    }

    @Test
    void aQueryRoundsTheSumOfEveryItemItReadOnceAndTheFilterDoesNotLowerIt() {
        for (int n = 1; n <= 3; n++) {
            put(SORTED, sortedItem("q", n, 2000));
        }

        QueryResponse all = query(b -> b.consistentRead(true));
        QueryResponse filtered = query(b -> b.consistentRead(true).filterExpression("p = :none")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("q"), ":none", AttributeValue.fromS("none"))));
        QueryResponse counted = query(b -> b.consistentRead(true).select(Select.COUNT));
        QueryResponse first = query(b -> b.consistentRead(true).limit(1));
        QueryResponse nothing = client.query(b -> b.tableName(SORTED).keyConditionExpression("id = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("q-none")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));

        // 3 x 2000 = 6000 bytes: 2 units, not the 3 that three GetItems would cost.
        assertThat(all.count()).isEqualTo(3);
        assertThat(all.consumedCapacity().capacityUnits()).isEqualTo(2.0);
        assertThat(filtered.count()).isZero();
        assertThat(filtered.scannedCount()).isEqualTo(3);
        assertThat(filtered.consumedCapacity().capacityUnits()).isEqualTo(2.0);
        assertThat(counted.consumedCapacity().capacityUnits()).isEqualTo(2.0);
        assertThat(first.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        assertThat(nothing.consumedCapacity().capacityUnits()).isEqualTo(0.5);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            QueryResponse eventual = query(b -> { });
            assertThat(eventual.count()).isEqualTo(3);
            assertThat(eventual.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        });
    }

    private QueryResponse query(java.util.function.Consumer<software.amazon.awssdk.services.dynamodb.model.QueryRequest.Builder> more) {
        return client.query(b -> {
            b.tableName(SORTED).keyConditionExpression("id = :k")
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("q")))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            more.accept(b);
        });
    }

    @Test
    void aScanPageCostsTheSumOfEveryItemItReadAcrossPartitions() {
        // Six items of 1500 bytes, spread over the table's partitions: 9000 bytes, 3 units consistent.
        for (int i = 0; i < 6; i++) {
            put(SCANNED, item("s" + i, 1500));
        }

        ScanResponse all = client.scan(b -> b.tableName(SCANNED).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        ScanResponse filtered = client.scan(b -> b.tableName(SCANNED).consistentRead(true).filterExpression("id = :none")
                .expressionAttributeValues(Map.of(":none", AttributeValue.fromS("none")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        ScanResponse three = client.scan(b -> b.tableName(SCANNED).consistentRead(true).limit(3)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));

        assertThat(all.count()).isEqualTo(6);
        assertThat(all.consumedCapacity().tableName()).isEqualTo(SCANNED);
        assertThat(all.consumedCapacity().capacityUnits()).isEqualTo(3.0);
        assertThat(filtered.count()).isZero();
        assertThat(filtered.consumedCapacity().capacityUnits()).isEqualTo(3.0);
        assertThat(three.consumedCapacity().capacityUnits()).isEqualTo(2.0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ScanResponse eventual = client.scan(b -> b.tableName(SCANNED).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            assertThat(eventual.count()).isEqualTo(6);
            assertThat(eventual.consumedCapacity().capacityUnits()).isEqualTo(1.5);
        });
    }

    @Test
    void totalReportsOnlyTheTableNameAndTheUnitsForOnDemandAndProvisionedTables() {
        for (String table : List.of(TABLE, PROVISIONED)) {
            ConsumedCapacity consumed = client.putItem(b -> b.tableName(table).item(item("t1", 1025))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();

            assertThat(consumed.tableName()).isEqualTo(table);
            assertThat(consumed.capacityUnits()).isEqualTo(2.0);
            assertThat(consumed.readCapacityUnits()).isNull();
            assertThat(consumed.writeCapacityUnits()).isNull();
            assertThat(consumed.table()).isNull();
            assertThat(consumed.hasGlobalSecondaryIndexes()).isFalse();
            assertThat(consumed.hasLocalSecondaryIndexes()).isFalse();
        }
    }

    @Test
    void indexesAddsTheTableAndNoIndexesForATableWithoutIndexes() {
        ConsumedCapacity written = client.putItem(b -> b.tableName(TABLE).item(item("i1", 2048))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        ConsumedCapacity read = client.getItem(b -> b.tableName(TABLE).key(key("i1")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();

        assertThat(written.capacityUnits()).isEqualTo(2.0);
        assertThat(written.table().capacityUnits()).isEqualTo(2.0);
        assertThat(written.table().readCapacityUnits()).isNull();
        assertThat(written.table().writeCapacityUnits()).isNull();
        assertThat(written.hasGlobalSecondaryIndexes()).isFalse();
        assertThat(written.hasLocalSecondaryIndexes()).isFalse();
        assertThat(read.capacityUnits()).isEqualTo(1.0);
        assertThat(read.table().capacityUnits()).isEqualTo(1.0);
    }

    @Test
    void noneOrNoParameterAnswersNoConsumedCapacity() {
        assertThat(client.putItem(b -> b.tableName(TABLE).item(item("n1", 10))).consumedCapacity()).isNull();
        assertThat(client.putItem(b -> b.tableName(TABLE).item(item("n1", 10))
                .returnConsumedCapacity(ReturnConsumedCapacity.NONE)).consumedCapacity()).isNull();
        assertThat(client.getItem(b -> b.tableName(TABLE).key(key("n1"))).consumedCapacity()).isNull();
        assertThat(client.scan(b -> b.tableName(SCANNED).limit(1)).consumedCapacity()).isNull();
        assertThat(client.batchGetItem(b -> b.requestItems(Map.of(TABLE,
                KeysAndAttributes.builder().keys(key("n1")).build()))).hasConsumedCapacity()).isFalse();
    }

    @Test
    void aBatchWriteCountsEachItemOnItsOwnAndAnswersOneEntryPerTable() {
        put(PROVISIONED, item("bw-old", 2100));

        BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(Map.of(
                        TABLE, List.of(
                                WriteRequest.builder().putRequest(PutRequest.builder().item(item("bw1", 1025)).build()).build(),
                                WriteRequest.builder().putRequest(PutRequest.builder().item(item("bw2", 10)).build()).build()),
                        PROVISIONED, List.of(
                                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key("bw-old")).build()).build(),
                                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key("bw-none")).build()).build())))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));

        assertThat(response.unprocessedItems()).isEmpty();
        Map<String, Double> units = byTable(response.consumedCapacity());
        // 1025 bytes: 2 units, 10 bytes: 1 unit (each rounded on its own, not 1035 bytes: 2); deletes: 3 + 1.
        assertThat(units).containsExactlyInAnyOrderEntriesOf(Map.of(TABLE, 3.0, PROVISIONED, 4.0));
        assertThat(response.consumedCapacity()).allSatisfy(entry ->
                assertThat(entry.table().capacityUnits()).isEqualTo(entry.capacityUnits()));
    }

    @Test
    void aBatchGetCountsEachItemAsAGetItemPerTable() {
        put(item("bg1", 4097));
        put(item("bg2", 10));
        put(PROVISIONED, item("bg3", 5000));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(Map.of(
                            TABLE, KeysAndAttributes.builder().keys(key("bg1"), key("bg2"), key("bg-missing")).build(),
                            PROVISIONED, KeysAndAttributes.builder().keys(key("bg3")).consistentRead(true).build()))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));

            assertThat(response.responses().get(TABLE)).hasSize(2);
            // Eventually consistent: 4097 bytes 1.0, 10 bytes 0.5, missing 0.5; consistent 5000 bytes: 2.
            assertThat(byTable(response.consumedCapacity()))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(TABLE, 2.0, PROVISIONED, 2.0));
            assertThat(response.consumedCapacity()).allSatisfy(entry -> assertThat(entry.table()).isNull());
        });
    }

    private static Map<String, Double> byTable(List<ConsumedCapacity> consumed) {
        Map<String, Double> units = new HashMap<>();
        consumed.forEach(entry -> units.put(entry.tableName(), entry.capacityUnits()));
        assertThat(units).hasSameSizeAs(consumed);
        return units;
    }

    /** DynamoDB's ConditionalCheckFailedException carries the message (and Item when asked), never ConsumedCapacity. */
    @Test
    void aFailedConditionAnswersTheErrorWithoutConsumedCapacity() {
        put(item("c1", 2000));

        assertThatThrownBy(() -> client.putItem(b -> b.tableName(TABLE).item(item("c1", 10))
                .conditionExpression("attribute_not_exists(id)").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().rawResponse().asUtf8String()).doesNotContain("ConsumedCapacity");
                });
        assertThat(client.getItem(b -> b.tableName(TABLE).key(key("c1")).consistentRead(true)).item().get("p").s())
                .hasSize(2000 - 5);
    }

    /** DynamoDB answers ItemCollectionMetrics only for tables with local secondary indexes; AtollDB has none. */
    @Test
    void itemCollectionMetricsSizeIsAcceptedAndAnswersNothing() {
        var put = client.putItem(b -> b.tableName(TABLE).item(item("m1", 10))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        var update = client.updateItem(b -> b.tableName(TABLE).key(key("m1")).updateExpression("SET q = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        var delete = client.deleteItem(b -> b.tableName(TABLE).key(key("m1"))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        var batch = client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, List.of(
                        WriteRequest.builder().putRequest(PutRequest.builder().item(item("m2", 10)).build()).build())))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));

        assertThat(put.itemCollectionMetrics()).isNull();
        assertThat(update.itemCollectionMetrics()).isNull();
        assertThat(delete.itemCollectionMetrics()).isNull();
        assertThat(batch.hasItemCollectionMetrics()).isFalse();
    }
}
