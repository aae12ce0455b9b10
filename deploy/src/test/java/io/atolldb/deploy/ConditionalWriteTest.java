package io.atolldb.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Condition expressions and UpdateItem through the AWS SDK (Developer Guide: "Condition expressions",
 * "Update expressions", "Atomic counters"). Conditions are evaluated inside the partition's apply step,
 * so concurrent conditional writes to one item serialize.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class ConditionalWriteTest {
    private DynamoDbClient client;

    @BeforeAll
    void createTable(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        Dynamo.createTable(client, "conditional");
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private Map<String, AttributeValue> read(String id) {
        return client.getItem(b -> b.tableName("conditional").key(key(id)).consistentRead(true)).item();
    }

    @Test
    void putIfAbsentSucceedsOnceAndThenFailsWithTheStoredItemWhenAsked() {
        var first = Map.of("id", AttributeValue.fromS("once"), "v", AttributeValue.fromN("1"));
        client.putItem(b -> b.tableName("conditional").item(first).conditionExpression("attribute_not_exists(id)"));

        assertThatThrownBy(() -> client.putItem(b -> b.tableName("conditional")
                .item(Map.of("id", AttributeValue.fromS("once"), "v", AttributeValue.fromN("2")))
                .conditionExpression("attribute_not_exists(id)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> assertThat(e.item()).isEqualTo(first));
        assertThat(read("once")).isEqualTo(first);
    }

    @Test
    void deleteWithAFailingConditionLeavesTheItem() {
        client.putItem(b -> b.tableName("conditional").item(Map.of("id", AttributeValue.fromS("keep"), "state", AttributeValue.fromS("live"))));

        assertThatThrownBy(() -> client.deleteItem(b -> b.tableName("conditional").key(key("keep"))
                .conditionExpression("#s = :dead").expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":dead", AttributeValue.fromS("dead")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(read("keep")).containsKey("state");
    }

    @Test
    void updateItemSetsAddsAndRemovesAndAnswersWhatReturnValuesAsks() {
        var created = client.updateItem(b -> b.tableName("conditional").key(key("doc"))
                .updateExpression("SET title = :t, tags = :tags ADD hits :one")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("Intro"), ":one", AttributeValue.fromN("1"),
                        ":tags", AttributeValue.fromSs(List.of("a", "b"))))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes()).containsEntry("hits", AttributeValue.fromN("1"))
                .containsEntry("id", AttributeValue.fromS("doc"));

        var updated = client.updateItem(b -> b.tableName("conditional").key(key("doc"))
                .updateExpression("SET hits = hits + :two REMOVE title DELETE tags :a")
                .expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2"), ":a", AttributeValue.fromSs(List.of("a"))))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(updated.attributes()).containsEntry("hits", AttributeValue.fromN("1"))
                .containsEntry("title", AttributeValue.fromS("Intro"));

        assertThat(read("doc")).isEqualTo(Map.of("id", AttributeValue.fromS("doc"), "hits", AttributeValue.fromN("3"),
                "tags", AttributeValue.fromSs(List.of("b"))));
    }

    @Test
    void anUpdateThatCannotApplyToTheStoredItemIsAValidationErrorAndWritesNothing() {
        client.putItem(b -> b.tableName("conditional").item(Map.of("id", AttributeValue.fromS("text"), "n", AttributeValue.fromS("x"))));

        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("conditional").key(key("text"))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("An operand in the update expression has an incorrect data type");
        assertThat(read("text")).containsEntry("n", AttributeValue.fromS("x"));
    }

    @Test
    void concurrentConditionalIncrementsLoseNoUpdateAndApplyNoneTwice() throws Exception {
        client.putItem(b -> b.tableName("conditional").item(Map.of("id", AttributeValue.fromS("counter"), "n", AttributeValue.fromN("0"))));
        int clients = 8;
        int incrementsEach = 15;
        AtomicInteger acknowledged = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    int done = 0;
                    while (done < incrementsEach) {
                        String current = read("counter").get("n").n();
                        String next = Integer.toString(Integer.parseInt(current) + 1);
                        try {
                            client.updateItem(b -> b.tableName("conditional").key(key("counter"))
                                    .updateExpression("SET n = :next").conditionExpression("n = :current")
                                    .expressionAttributeValues(Map.of(":next", AttributeValue.fromN(next),
                                            ":current", AttributeValue.fromN(current))));
                            done++;
                            acknowledged.incrementAndGet();
                        } catch (ConditionalCheckFailedException lostTheRace) {
                            // Another client incremented first: read again and retry.
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(acknowledged.get()).isEqualTo(clients * incrementsEach);
        assertThat(read("counter").get("n").n()).isEqualTo(Integer.toString(clients * incrementsEach));
    }
}
