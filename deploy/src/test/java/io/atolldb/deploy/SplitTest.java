package io.atolldb.deploy;

import io.atolldb.proto.ClusterDescription;
import io.atolldb.proto.DescribeClusterRequest;
import io.atolldb.proto.Operation;
import io.atolldb.proto.PartitionInfo;
import io.atolldb.proto.SplitPartitionRequest;
import io.atolldb.proto.SplitPartitionResponse;
import io.atolldb.rpc.Channels;
import io.atolldb.rpc.MetadataClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tables grow by splitting in place (docs/ARCHITECTURE.md, "Life of a split"), seen through the AWS SDK
 * with its retries off, so any error a split caused would reach the test: an on-demand table starts with
 * one partition and splits as data arrives, with every write succeeding, every item readable with
 * ConsistentRead, a Scan returning each item exactly once, and Query (on the table and on a global index)
 * answering the same before and after. A metadata leader that dies in the middle of a split leaves it to
 * the next leader to finish.
 */
class SplitTest {
    private static final int ITEMS = 2_400;
    private static final int PARTITION_KEYS = 240;
    private static final String PAD = "x".repeat(1_000);

    private DevCluster cluster;
    private DynamoDbClient client;
    private Channels channels;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (channels != null) {
            channels.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aTableWrittenPastTheSplitSizeSplitsWhileEveryWriteSucceedsAndKeepsEveryItemExactlyOnce(@TempDir Path data)
            throws Exception {
        start(data, 256 * 1024);
        createTable("grow");
        assertThat(partitions("grow")).hasSize(1);
        for (int i = 0; i < PARTITION_KEYS; i++) {
            put("grow", i);
        }
        Map<String, List<Map<String, AttributeValue>>> before = new HashMap<>();
        for (int p = 0; p < PARTITION_KEYS; p += 40) {
            before.put("p" + p, query("grow", "p" + p));
        }
        List<Map<String, AttributeValue>> groupBefore = queryGroup("grow", "g3");

        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(12)) {
            IntStream.range(PARTITION_KEYS, ITEMS).forEach(i -> writers.submit(() -> {
                try {
                    put("grow", i);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        assertThat(errors).as("errors seen by the writing clients").isEmpty();

        await().atMost(Duration.ofSeconds(90)).until(() -> partitions("grow").size() >= 8
                && describe().getOperationsList().stream().noneMatch(o -> o.getState() == Operation.State.RUNNING));
        List<PartitionInfo> partitions = partitions("grow");
        for (int i = 0; i < partitions.size() - 1; i++) {
            assertThat(partitions.get(i).getPartition().getTokenEnd()).isEqualTo(partitions.get(i + 1).getPartition().getTokenStart());
        }
        assertThat(partitions.getFirst().getPartition().getTokenStart()).isZero();
        assertThat(partitions.getLast().getPartition().getTokenEnd()).isZero();

        for (int i = 0; i < ITEMS; i++) {
            int n = i;
            var item = client.getItem(b -> b.tableName("grow").key(key(n)).consistentRead(true)).item();
            assertThat(item).as("item %d", n).containsEntry("n", AttributeValue.fromN(Integer.toString(n)));
        }
        Map<String, Integer> scanned = new HashMap<>();
        for (var page : client.scanPaginator(ScanRequest.builder().tableName("grow").limit(300).build())) {
            page.items().forEach(item -> scanned.merge(item.get("n").n(), 1, Integer::sum));
        }
        assertThat(scanned).hasSize(ITEMS);
        assertThat(scanned.values()).containsOnly(1);
        before.forEach((pk, items) -> assertThat(query("grow", pk)).as("query of %s", pk).containsAll(items)
                .hasSize(ITEMS / PARTITION_KEYS));
        assertThat(queryGroup("grow", "g3")).containsAll(groupBefore).hasSize(ITEMS / 7 + (ITEMS % 7 > 3 ? 1 : 0));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                client.describeTable(b -> b.tableName("grow")).table().itemCount() == ITEMS);
    }

    @Test
    void aSplitWhoseMetadataLeaderDiesIsFinishedByTheNextLeader(@TempDir Path data) throws Exception {
        start(data, 0);
        createTable("resume");
        for (int i = 0; i < 200; i++) {
            put("resume", i);
        }
        PartitionInfo only = partitions("resume").getFirst();
        // With two of its three replicas down the partition has no leader: the split can start, not finish.
        cluster.stopNode(1);
        cluster.stopNode(2);
        SplitPartitionResponse started = metadata().call(stub -> stub.splitPartition(SplitPartitionRequest.newBuilder()
                .setPartitionId(only.getPartition().getPartitionId()).setSplitToken(Long.MIN_VALUE).build()),
                SplitPartitionResponse::getError);
        assertThat(started.hasError()).isFalse();
        long operation = started.getOperation().getOperationId();
        assertThat(running()).extracting(Operation::getOperationId).containsExactly(operation);

        int leader = cluster.metadataLeader().orElseThrow();
        cluster.stopMetadata(leader);
        cluster.startNode(1);
        cluster.startNode(2);

        await().atMost(Duration.ofSeconds(60)).until(() -> partitions("resume").size() == 2 && running().isEmpty());
        Operation done = describe().getOperationsList().stream().filter(o -> o.getOperationId() == operation).findFirst().orElseThrow();
        assertThat(done.getState()).isEqualTo(Operation.State.DONE);
        assertThat(partitions("resume")).extracting(p -> p.getPartition().getTokenStart()).containsExactly(0L, Long.MIN_VALUE);
        cluster.startMetadata(leader);
        for (int i = 0; i < 200; i++) {
            int n = i;
            assertThat(client.getItem(b -> b.tableName("resume").key(key(n)).consistentRead(true)).item()).containsKey("n");
        }
        int[] count = {0};
        client.scanPaginator(b -> b.tableName("resume")).forEach(page -> count[0] += page.count());
        assertThat(count[0]).isEqualTo(200);
    }

    @Test
    void aPartitionWrittenAboveItsWriteLimitForLongEnoughSplitsAtTheMiddleOfItsLoad(@TempDir Path data) throws Exception {
        // A write limit of 40 units a second, sustained 2 s, stands in for DynamoDB's 1,000 on this small machine.
        start(data, new io.atolldb.metadata.scheduler.Splitter.Settings(0, 8, 40, 0, Duration.ofSeconds(2)));
        createTable("hot");
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            writers.add(Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    try {
                        put("hot", written.getAndIncrement());
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> partitions("hot").size() >= 2 && running().isEmpty());
        writing.set(false);
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(errors).as("errors seen by the writing clients").isEmpty();
        assertThat(describe().getOperationsList()).filteredOn(o -> o.hasSplit() && o.getState() == Operation.State.DONE)
                .isNotEmpty().allSatisfy(o -> assertThat(o.getReason()).startsWith("heat:"));
        int total = written.get();
        int[] scanned = {0};
        client.scanPaginator(b -> b.tableName("hot")).forEach(page -> scanned[0] += page.count());
        assertThat(scanned[0]).isEqualTo(total);
        // Both halves serve a share of the writes: the split was at the middle of the load, not of the key space.
        List<PartitionInfo> halves = partitions("hot");
        await().atMost(Duration.ofSeconds(30)).until(() -> partitions("hot").stream().allMatch(p -> p.getItemCount() > 0));
        assertThat(halves).hasSizeGreaterThanOrEqualTo(2);
    }

    // ---- helpers ----

    private void start(Path data, long splitSize) throws Exception {
        start(data, new io.atolldb.metadata.scheduler.Splitter.Settings(splitSize, 8, 0, 0, Duration.ofSeconds(10)));
    }

    private void start(Path data, io.atolldb.metadata.scheduler.Splitter.Settings splits) throws Exception {
        cluster = DevCluster.start(data, "127.0.0.1", 0, new DevCluster.Options(0, splits,
                io.atolldb.metadata.scheduler.Mover.Settings.defaults()), new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(60)).until(cluster::isReady);
        client = DynamoDbClient.builder().endpointOverride(URI.create(cluster.endpoint()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("dummy", "dummy")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
        channels = new Channels();
    }

    private void createTable(String name) {
        client.createTable(b -> b.tableName(name)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("n", ScalarAttributeType.N),
                        attribute("group", ScalarAttributeType.S))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("n").keyType(KeyType.RANGE).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byGroup")
                        .keySchema(KeySchemaElement.builder().attributeName("group").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("n").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                client.describeTable(b -> b.tableName(name)).table().tableStatus() == TableStatus.ACTIVE);
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static Map<String, AttributeValue> key(int n) {
        return Map.of("pk", AttributeValue.fromS("p" + (n % PARTITION_KEYS)), "n", AttributeValue.fromN(Integer.toString(n)));
    }

    private void put(String table, int n) {
        Map<String, AttributeValue> item = new HashMap<>(key(n));
        item.put("group", AttributeValue.fromS("g" + (n % 7)));
        item.put("pad", AttributeValue.fromS(PAD));
        client.putItem(b -> b.tableName(table).item(item));
    }

    private List<Map<String, AttributeValue>> query(String table, String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.queryPaginator(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))).consistentRead(true).build())
                .forEach(page -> items.addAll(page.items()));
        return items;
    }

    private List<Map<String, AttributeValue>> queryGroup(String table, String group) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.queryPaginator(QueryRequest.builder().tableName(table).indexName("byGroup").keyConditionExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", "group"))
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS(group))).limit(50).build())
                .forEach(page -> items.addAll(page.items()));
        return items;
    }

    private MetadataClient metadata() {
        return new MetadataClient(cluster.metadataAddresses(), channels, Duration.ofSeconds(30));
    }

    private ClusterDescription describe() {
        return metadata().call(stub -> stub.describeCluster(DescribeClusterRequest.getDefaultInstance()),
                ClusterDescription::getError);
    }

    private List<PartitionInfo> partitions(String table) {
        return metadata().call(stub -> stub.describeCluster(DescribeClusterRequest.newBuilder().setTableName(table).build()),
                ClusterDescription::getError).getPartitionsList();
    }

    private List<Operation> running() {
        return describe().getOperationsList().stream().filter(o -> o.getState() == Operation.State.RUNNING).toList();
    }
}
