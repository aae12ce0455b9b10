package io.atolldb.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * TransactWriteItems and TransactGetItems through the AWS SDK (Developer Guide, "Amazon DynamoDB
 * Transactions: How it works"), against the shared dev cluster, whose tables have several partitions:
 * transactions over a handful of items span partitions and go through two-phase commit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class TransactionTest {
    private static final String TABLE = "transactions";
    private static final String ACCOUNTS = "accounts";
    private DynamoDbClient client;

    @BeforeAll
    void createTables(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        Dynamo.createTable(client, TABLE);
        Dynamo.createTable(client, ACCOUNTS);
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static Map<String, AttributeValue> item(String id, String value) {
        return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(value));
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private Map<String, AttributeValue> read(String table, String id) {
        return client.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)).item();
    }

    @Test
    void aTransactionOverManyPartitionsCommitsEveryWriteAndReportsDoubleCapacity() {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            writes.add(put(TABLE, item("commit-" + i, "v" + i)));
        }

        var response = client.transactWriteItems(b -> b.transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));

        for (int i = 0; i < 12; i++) {
            assertThat(read(TABLE, "commit-" + i)).isEqualTo(item("commit-" + i, "v" + i));
        }
        assertThat(response.consumedCapacity()).hasSize(1);
        assertThat(response.consumedCapacity().getFirst().writeCapacityUnits()).isEqualTo(24.0);
        assertThat(response.consumedCapacity().getFirst().capacityUnits()).isEqualTo(24.0);
    }

    @Test
    void aFailedConditionCancelsEveryActionWithReasonsInOrderAndTheItemWhenAsked() {
        client.putItem(b -> b.tableName(TABLE).item(item("cancel-taken", "first")));
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            writes.add(put(TABLE, item("cancel-" + i, "new")));
        }
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(item("cancel-taken", "second"))
                .conditionExpression("attribute_not_exists(id)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build());

        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(writes)))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                            .containsExactly("None", "None", "None", "None", "None", "None", "ConditionalCheckFailed");
                    assertThat(e.cancellationReasons().getLast().item()).isEqualTo(item("cancel-taken", "first"));
                    assertThat(e.getMessage()).startsWith("Transaction cancelled, please refer cancellation reasons for "
                            + "specific reasons [None, None, None, None, None, None, ConditionalCheckFailed]");
                });
        for (int i = 0; i < 6; i++) {
            assertThat(read(TABLE, "cancel-" + i)).as("nothing written").isEmpty();
        }
        assertThat(read(TABLE, "cancel-taken")).isEqualTo(item("cancel-taken", "first"));
    }

    @Test
    void aConditionCheckGuardsWritesOnOtherItems() {
        client.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("check-gate"), "open", AttributeValue.fromBool(false))));
        TransactWriteItem gate = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(TABLE)
                .key(key("check-gate")).conditionExpression("#o = :t").expressionAttributeNames(Map.of("#o", "open"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))).build()).build();

        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(put(TABLE, item("check-guarded", "x")), gate)))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(e.cancellationReasons())
                        .extracting(CancellationReason::code).containsExactly("None", "ConditionalCheckFailed"));
        assertThat(read(TABLE, "check-guarded")).isEmpty();

        client.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("check-gate"), "open", AttributeValue.fromBool(true))));
        client.transactWriteItems(b -> b.transactItems(put(TABLE, item("check-guarded", "x")), gate,
                TransactWriteItem.builder().delete(Delete.builder().tableName(TABLE).key(key("cancel-taken")).build()).build()));
        assertThat(read(TABLE, "check-guarded")).isEqualTo(item("check-guarded", "x"));
    }

    @Test
    void twoActionsOnOneItemAreAValidationError() {
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(put(TABLE, item("dup", "a")),
                TransactWriteItem.builder().delete(Delete.builder().tableName(TABLE).key(key("dup")).build()).build())))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Transaction request cannot include multiple operations on one item");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void aTransactionOverFourMegabytesIsAValidationErrorAndWritesNothing() {
        String big = "x".repeat(390 * 1024);
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            writes.add(put(TABLE, item("big-" + i, big)));
        }

        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(writes)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("4 MB");
                });
        assertThat(read(TABLE, "big-0")).isEmpty();
    }

    @Test
    void aClientRequestTokenMakesARetryAnswerTheSameWithoutWritingAgainAndRefusesOtherParameters() {
        client.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("token-counter"), "n", AttributeValue.fromN("0"))));
        TransactWriteItem increment = TransactWriteItem.builder().update(Update.builder().tableName(TABLE).key(key("token-counter"))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).build()).build();
        String token = "token-" + System.nanoTime();

        client.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment, put(TABLE, item("token-other", "x"))));
        client.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment, put(TABLE, item("token-other", "x"))));

        assertThat(read(TABLE, "token-counter").get("n").n()).as("applied once").isEqualTo("1");
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.clientRequestToken(token)
                .transactItems(increment, put(TABLE, item("token-other", "y")))))
                .isInstanceOf(IdempotentParameterMismatchException.class);
        assertThat(read(TABLE, "token-other")).isEqualTo(item("token-other", "x"));
    }

    @Test
    void transactGetItemsReadsEveryItemWithProjections() {
        client.transactWriteItems(b -> b.transactItems(put(TABLE, item("get-a", "a")), put(TABLE, item("get-b", "b"))));

        var response = client.transactGetItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
                TransactGetItem.builder().get(Get.builder().tableName(TABLE).key(key("get-a")).build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName(TABLE).key(key("get-missing")).build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName(TABLE).key(key("get-b")).projectionExpression("v").build()).build()));

        assertThat(response.responses()).hasSize(3);
        assertThat(response.responses().get(0).item()).isEqualTo(item("get-a", "a"));
        assertThat(response.responses().get(1).hasItem()).isFalse();
        assertThat(response.responses().get(2).item()).isEqualTo(Map.of("v", AttributeValue.fromS("b")));
        assertThat(response.consumedCapacity().getFirst().readCapacityUnits()).isEqualTo(6.0);
    }

    @Test
    void concurrentTransfersConserveTheTotalAndNeverOverdraw() throws Exception {
        int accounts = 8;
        int initial = 100;
        for (int i = 0; i < accounts; i++) {
            int id = i;
            client.putItem(b -> b.tableName(ACCOUNTS).item(Map.of("id", AttributeValue.fromS("acct-" + id),
                    "balance", AttributeValue.fromN(Integer.toString(initial)))));
        }
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                workers.add(pool.submit(() -> {
                    for (int n = 0; n < 25; n++) {
                        int from = ThreadLocalRandom.current().nextInt(accounts);
                        int to = (from + 1 + ThreadLocalRandom.current().nextInt(accounts - 1)) % accounts;
                        String amount = Integer.toString(1 + ThreadLocalRandom.current().nextInt(60));
                        try {
                            client.transactWriteItems(b -> b.transactItems(
                                    TransactWriteItem.builder().update(Update.builder().tableName(ACCOUNTS).key(key("acct-" + from))
                                            .updateExpression("SET balance = balance - :a").conditionExpression("balance >= :a")
                                            .expressionAttributeValues(Map.of(":a", AttributeValue.fromN(amount))).build()).build(),
                                    TransactWriteItem.builder().update(Update.builder().tableName(ACCOUNTS).key(key("acct-" + to))
                                            .updateExpression("SET balance = balance + :a")
                                            .expressionAttributeValues(Map.of(":a", AttributeValue.fromN(amount))).build()).build()));
                            committed.incrementAndGet();
                        } catch (TransactionCanceledException e) {
                            cancelled.incrementAndGet();
                        } catch (DynamoDbException e) {
                            // TransactionConflict (retryable) from a transaction in flight: fine, nothing applied.
                            if (!"TransactionConflictException".equals(e.awsErrorDetails().errorCode())) {
                                throw e;
                            }
                            cancelled.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        Map<String, BigDecimal> balances = new HashMap<>();
        var snapshot = client.transactGetItems(b -> b.transactItems(java.util.stream.IntStream.range(0, accounts)
                .mapToObj(i -> TransactGetItem.builder().get(Get.builder().tableName(ACCOUNTS).key(key("acct-" + i)).build()).build())
                .toList()));
        for (var response : snapshot.responses()) {
            BigDecimal balance = new BigDecimal(response.item().get("balance").n());
            balances.put(response.item().get("id").s(), balance);
            total = total.add(balance);
        }
        assertThat(committed.get()).as("some transfers went through").isPositive();
        assertThat(committed.get() + cancelled.get()).isEqualTo(150);
        assertThat(total).as("money is conserved: " + balances).isEqualByComparingTo(BigDecimal.valueOf((long) accounts * initial));
        assertThat(balances.values()).allSatisfy(balance -> assertThat(balance).isNotNegative());
    }
}
