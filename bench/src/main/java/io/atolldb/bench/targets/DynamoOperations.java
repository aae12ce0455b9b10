package io.atolldb.bench.targets;

import io.atolldb.bench.driver.Operations;
import io.atolldb.bench.workload.Records;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The workload's requests as DynamoDB API calls, through the AWS SDK for Java v2 async client on its
 * Netty HTTP client (connections kept open and reused). One client per target, the same code for every
 * DynamoDB-speaking target. Measured requests are not retried by the SDK, so a failure is counted, not
 * hidden in a longer latency; the load phase retries batches itself.
 */
public final class DynamoOperations implements Operations {
    private static final Map<String, String> NAMES = Map.of("#f", Records.FIELD, "#v", Records.VERSION);
    private static final AttributeValue ONE = AttributeValue.fromN("1");
    private static final int LOAD_ATTEMPTS = 20;

    private final DynamoDbAsyncClient client;
    private final String table;
    private final Records records;
    private final boolean consistentReads;
    /** Whether {@link #close()} deletes the table: on a service the harness did not start and will not stop. */
    private final boolean deleteOnClose;

    private DynamoOperations(DynamoDbAsyncClient client, String table, Records records, boolean consistentReads,
                             boolean deleteOnClose) {
        this.client = client;
        this.table = table;
        this.records = records;
        this.consistentReads = consistentReads;
        this.deleteOnClose = deleteOnClose;
    }

    /** A client for {@code endpoint} that keeps up to {@code clients} connections (never fewer than 16). */
    public static DynamoDbAsyncClient client(URI endpoint, int clients) {
        SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
                .maxConcurrency(Math.max(16, clients))
                .maxPendingConnectionAcquires(Math.max(10_000, clients * 4))
                .connectionAcquisitionTimeout(Duration.ofSeconds(60))
                .readTimeout(Duration.ofSeconds(60))
                .build();
        return DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /**
     * Creates the benchmark table {@value Records#TABLE} (on-demand, partition key pk) on a server the
     * harness started for this run, and waits until it is ACTIVE. The table goes with the server.
     */
    public static DynamoOperations createTable(URI endpoint, Records records, BenchClientSettings settings) throws Exception {
        return createTable(endpoint, Records.TABLE, records, settings, false);
    }

    /**
     * Creates table {@code table} like {@link #createTable(URI, Records, BenchClientSettings)} on a
     * service that outlives the run; {@link #close()} deletes it again.
     */
    public static DynamoOperations createTemporaryTable(URI endpoint, String table, Records records,
                                                        BenchClientSettings settings) throws Exception {
        return createTable(endpoint, table, records, settings, true);
    }

    private static DynamoOperations createTable(URI endpoint, String table, Records records, BenchClientSettings settings,
                                                boolean deleteOnClose) throws Exception {
        var client = client(endpoint, settings.clients());
        try {
            client.createTable(b -> b.tableName(table)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(Records.KEY).attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(Records.KEY).keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)).get(60, TimeUnit.SECONDS);
            awaitActive(client, table);
            return new DynamoOperations(client, table, records, settings.consistentReads(), deleteOnClose);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /** Waits (up to two minutes) until table {@code table} is ACTIVE. */
    public static void awaitActive(DynamoDbAsyncClient client, String table) throws Exception {
        try (var waiter = client.waiter()) {
            var response = waiter.waitUntilTableExists(b -> b.tableName(table),
                    w -> w.waitTimeout(Duration.ofSeconds(120))).get(150, TimeUnit.SECONDS);
            if (response.matched().exception().isPresent()) {
                throw new IllegalStateException("table " + table + " did not become ACTIVE", response.matched().exception().get());
            }
        }
    }

    private static Map<String, AttributeValue> key(long record) {
        return Map.of(Records.KEY, AttributeValue.fromS(Records.key(record)));
    }

    private Map<String, AttributeValue> item(long record, int payload) {
        return Map.of(Records.KEY, AttributeValue.fromS(Records.key(record)),
                Records.FIELD, AttributeValue.fromS(records.payload(payload)),
                Records.VERSION, AttributeValue.fromN("0"));
    }

    @Override
    public CompletableFuture<?> read(long record) {
        return client.getItem(b -> b.tableName(table).key(key(record)).consistentRead(consistentReads));
    }

    @Override
    public CompletableFuture<?> update(long record, int payload) {
        return client.updateItem(b -> b.tableName(table).key(key(record))
                .updateExpression("SET #f = :f")
                .expressionAttributeNames(Map.of("#f", Records.FIELD))
                .expressionAttributeValues(Map.of(":f", AttributeValue.fromS(records.payload(payload)))));
    }

    @Override
    public CompletableFuture<?> put(long record, int payload) {
        return client.putItem(b -> b.tableName(table).item(item(record, payload)));
    }

    @Override
    public CompletableFuture<Outcome> readModifyWrite(long record, int payload) {
        return client.getItem(b -> b.tableName(table).key(key(record)).consistentRead(consistentReads))
                .thenCompose(read -> {
                    AttributeValue version = read.hasItem() && read.item().containsKey(Records.VERSION)
                            ? read.item().get(Records.VERSION) : AttributeValue.fromN("0");
                    return client.updateItem(b -> b.tableName(table).key(key(record))
                            .updateExpression("SET #f = :f, #v = #v + :one")
                            .conditionExpression("#v = :seen")
                            .expressionAttributeNames(NAMES)
                            .expressionAttributeValues(Map.of(":f", AttributeValue.fromS(records.payload(payload)),
                                    ":one", ONE, ":seen", version)));
                })
                .handle((updated, error) -> {
                    if (error == null) {
                        return Outcome.WRITTEN;
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof ConditionalCheckFailedException) {
                        return Outcome.CONFLICT;
                    }
                    throw error instanceof CompletionException ce ? ce : new CompletionException(error);
                });
    }

    @Override
    public CompletableFuture<?> loadBatch(long first, int count) {
        List<WriteRequest> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(first + i, (int) (first + i))).build()).build());
        }
        return writeAll(writes, 1);
    }

    /** BatchWriteItem, again with whatever came back unprocessed (or after a failure), with growing pauses. */
    private CompletableFuture<Void> writeAll(List<WriteRequest> writes, int attempt) {
        return client.batchWriteItem(b -> b.requestItems(Map.of(table, writes)))
                .handle((BatchWriteItemResponse response, Throwable error) -> {
                    List<WriteRequest> left = error != null ? writes
                            : response.unprocessedItems().getOrDefault(table, List.of());
                    if (left.isEmpty()) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (attempt >= LOAD_ATTEMPTS) {
                        return CompletableFuture.<Void>failedFuture(error != null ? error
                                : new IllegalStateException(left.size() + " items still unprocessed after " + attempt + " attempts"));
                    }
                    long pauseMillis = Math.min(1_000, 10L << Math.min(attempt, 7));
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(pauseMillis, TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> writeAll(left, attempt + 1));
                })
                .thenCompose(f -> f);
    }

    @Override
    public void close() {
        try {
            if (deleteOnClose) {
                client.deleteTable(b -> b.tableName(table)).get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not delete the benchmark table " + table + ": " + e.getMessage(), e);
        } finally {
            client.close();
        }
    }
}
