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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Query through the AWS SDK (Developer Guide, "Querying tables": key conditions on the sort key,
 * numeric order, ScanIndexForward, Limit and pagination, FilterExpression after Limit, projections).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class QueryTest {
    private DynamoDbClient client;

    @BeforeAll
    void fillTable(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        client.createTable(b -> b.tableName("events")
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("user").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("seq").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("user").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("seq").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                client.describeTable(b -> b.tableName("events")).table().tableStatus() == TableStatus.ACTIVE);
        for (String user : List.of("ann", "bob")) {
            for (int seq = -5; seq <= 20; seq++) {
                var item = Map.of("user", AttributeValue.fromS(user), "seq", AttributeValue.fromN(Integer.toString(seq)),
                        "kind", AttributeValue.fromS(seq % 2 == 0 ? "even" : "odd"), "note", AttributeValue.fromS("n" + seq));
                client.putItem(b -> b.tableName("events").item(item));
            }
        }
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    private static List<Integer> seqs(QueryResponse response) {
        return response.items().stream().map(item -> Integer.parseInt(item.get("seq").n())).toList();
    }

    private QueryRequest.Builder query(String condition, Map<String, AttributeValue> values) {
        return QueryRequest.builder().tableName("events").consistentRead(true)
                .keyConditionExpression(condition).expressionAttributeValues(values);
    }

    @Test
    void itemsOfOnePartitionKeyComeInNumericSortKeyOrder() {
        var response = client.query(query("#u = :u", Map.of(":u", AttributeValue.fromS("ann")))
                .expressionAttributeNames(Map.of("#u", "user")).build());

        assertThat(seqs(response)).hasSize(26).isSorted().startsWith(-5, -4).endsWith(20);
        assertThat(response.items()).allSatisfy(item -> assertThat(item.get("user").s()).isEqualTo("ann"));
    }

    @Test
    void sortKeyConditionsNarrowTheRangeBothWays() {
        var between = client.query(query("#u = :u AND seq BETWEEN :lo AND :hi", Map.of(":u", AttributeValue.fromS("bob"),
                ":lo", AttributeValue.fromN("-1"), ":hi", AttributeValue.fromN("3")))
                .expressionAttributeNames(Map.of("#u", "user")).scanIndexForward(false).build());
        assertThat(seqs(between)).containsExactly(3, 2, 1, 0, -1);

        var below = client.query(query("#u = :u AND seq < :hi", Map.of(":u", AttributeValue.fromS("bob"),
                ":hi", AttributeValue.fromN("-3"))).expressionAttributeNames(Map.of("#u", "user")).build());
        assertThat(seqs(below)).containsExactly(-5, -4);
    }

    @Test
    void pagesWithALimitResumeAfterTheLastEvaluatedKey() {
        List<Integer> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            var request = query("#u = :u AND seq >= :lo", Map.of(":u", AttributeValue.fromS("ann"), ":lo", AttributeValue.fromN("0")))
                    .expressionAttributeNames(Map.of("#u", "user")).limit(4).exclusiveStartKey(start).build();
            var page = client.query(request);
            all.addAll(seqs(page));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(all).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, 20).boxed().toList());
        assertThat(pages).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aFilterOnAKeyAttributeIsAValidationError() {
        // Query API reference: "A filter expression cannot contain partition key or sort key attributes."
        var onPartitionKey = query("#u = :u", Map.of(":u", AttributeValue.fromS("ann"))).filterExpression("#u = :u");
        var onSortKey = query("#u = :u", Map.of(":u", AttributeValue.fromS("ann"), ":k", AttributeValue.fromS("even"),
                ":s", AttributeValue.fromN("1"))).filterExpression("kind = :k OR seq > :s");
        for (var request : List.of(onPartitionKey, onSortKey)) {
            assertThatThrownBy(() -> client.query(request.expressionAttributeNames(Map.of("#u", "user")).build()))
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Filter Expression can only contain non-primary key attributes");
                    });
        }
    }

    @Test
    void aQueryOnATableWithoutSortKeyHasNoLastEvaluatedKeyEvenAtItsLimit() {
        Dynamo.createTable(client, "single_keys");
        client.putItem(b -> b.tableName("single_keys").item(Map.of("id", AttributeValue.fromS("k"), "v", AttributeValue.fromN("1"))));
        var page = client.query(b -> b.tableName("single_keys").consistentRead(true).limit(1)
                .keyConditionExpression("id = :k").expressionAttributeValues(Map.of(":k", AttributeValue.fromS("k"))));
        assertThat(page.count()).isEqualTo(1);
        assertThat(page.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void theFilterRunsAfterTheLimitAndTheProjectionTrimsAttributes() {
        var page = client.query(query("#u = :u", Map.of(":u", AttributeValue.fromS("ann"), ":k", AttributeValue.fromS("even")))
                .expressionAttributeNames(Map.of("#u", "user")).filterExpression("kind = :k").projectionExpression("seq, note")
                .limit(6).build());

        assertThat(page.scannedCount()).isEqualTo(6);
        assertThat(page.count()).isEqualTo(3);
        assertThat(page.items()).allSatisfy(item -> assertThat(item.keySet()).containsExactlyInAnyOrder("seq", "note"));
    }

    @Test
    void selectCountCountsMatchingItems() {
        var page = client.query(query("#u = :u", Map.of(":u", AttributeValue.fromS("ann"), ":k", AttributeValue.fromS("even")))
                .expressionAttributeNames(Map.of("#u", "user")).filterExpression("kind = :k").select(Select.COUNT).build());

        assertThat(page.count()).isEqualTo(13);
        assertThat(page.scannedCount()).isEqualTo(26);
        assertThat(page.hasItems()).isFalse();
    }

    @Test
    void aKeyConditionWithoutThePartitionKeyIsAValidationError() {
        assertThatThrownBy(() -> client.query(query("seq = :s", Map.of(":s", AttributeValue.fromN("1"))).build()))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Query condition missed key schema element");
    }
}
