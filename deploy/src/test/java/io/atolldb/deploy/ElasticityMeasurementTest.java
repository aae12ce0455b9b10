package io.atolldb.deploy;

import io.atolldb.metadata.scheduler.Mover;
import io.atolldb.metadata.scheduler.Splitter;
import io.atolldb.proto.ClusterDescription;
import io.atolldb.proto.DescribeClusterRequest;
import io.atolldb.proto.MovePartitionRequest;
import io.atolldb.proto.Operation;
import io.atolldb.proto.PartitionInfo;
import io.atolldb.proto.SplitPartitionRequest;
import io.atolldb.proto.SplitPartitionResponse;
import io.atolldb.rpc.Channels;
import io.atolldb.rpc.MetadataClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cost of elasticity, measured (docs/performance.md, "Splits and moves"): a partition of about 100 MB is
 * moved to another node and then split, while four clients keep writing; the run prints how long each took
 * and the write latency percentiles before, during the move and during the split, and asserts no write
 * failed. Not part of the default test run (it loads 100 MB):
 * {@code mvn -B -pl deploy -am verify -Dtest=ElasticityMeasurementTest -Dsurefire.failIfNoSpecifiedTests=false -Datoll.excludedGroups=}
 */
@Tag("measurement")
class ElasticityMeasurementTest {
    private static final int ITEMS = Integer.getInteger("atoll.measure.items", 100_000);
    private static final String PAD = "x".repeat(1_000);

    @Test
    void aMovedAndSplitPartitionKeepsEveryWriteAndReportsItsCost(@TempDir Path data) throws Exception {
        // No automatic split, by size or by heat (loading runs above 1,000 write units a second): the test splits itself.
        var options = new DevCluster.Options(1, new Splitter.Settings(0, 8, 0, 0, Splitter.Settings.DEFAULT_SUSTAINED),
                new Mover.Settings(Duration.ofMinutes(5), 4, false));
        try (DevCluster cluster = DevCluster.start(data, "127.0.0.1", 0, options, new SimpleMeterRegistry());
             Channels channels = new Channels();
             DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create(cluster.endpoint()))
                     .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                             software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("dummy", "dummy")))
                     .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                     .build()) {
            int spare = cluster.addNode("a");
            MetadataClient metadata = new MetadataClient(cluster.metadataAddresses(), channels, Duration.ofSeconds(10));
            Dynamo.createTable(client, "measured");
            long loadStart = System.nanoTime();
            load(client);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            await().atMost(Duration.ofMinutes(2)).until(() -> partitions(metadata).getFirst().getSizeBytes() > ITEMS * 1_000L);
            PartitionInfo partition = partitions(metadata).getFirst();

            Writers writers = new Writers(client);
            writers.start();
            List<Long> baseline = writers.during(Duration.ofSeconds(20));

            String from = cluster.nodeIdOf(0);
            long moveStart = System.nanoTime();
            var move = metadata.call(stub -> stub.movePartition(MovePartitionRequest.newBuilder()
                    .setPartitionId(partition.getPartition().getPartitionId()).setFromNodeId(from)
                    .setToNodeId(cluster.nodeIdOf(spare)).build()), SplitPartitionResponse::getError);
            assertThat(move.hasError()).as("move: %s", move.getError()).isFalse();
            List<Long> duringMove = writers.until(() -> done(metadata, move.getOperation().getOperationId()));
            double moveSeconds = (System.nanoTime() - moveStart) / 1e9;

            long splitStart = System.nanoTime();
            var split = metadata.call(stub -> stub.splitPartition(SplitPartitionRequest.newBuilder()
                    .setPartitionId(partition.getPartition().getPartitionId()).build()), SplitPartitionResponse::getError);
            assertThat(split.hasError()).as("split: %s", split.getError()).isFalse();
            List<Long> duringSplit = writers.until(() -> done(metadata, split.getOperation().getOperationId()));
            double splitSeconds = (System.nanoTime() - splitStart) / 1e9;
            // Latency around the split: the split itself takes about a second, so include the seconds after it.
            duringSplit.addAll(writers.during(Duration.ofSeconds(5)));
            writers.stop();

            assertThat(writers.errors).as("errors seen by the writing clients").isEmpty();
            System.out.printf(Locale.ROOT, "%nelasticity: %,d items (%.0f MB) loaded in %.1f s%n", ITEMS,
                    partition.getSizeBytes() / 1e6, loadSeconds);
            System.out.printf(Locale.ROOT, "elasticity: move of the %.0f MB partition took %.1f s; split took %.1f s%n",
                    partition.getSizeBytes() / 1e6, moveSeconds, splitSeconds);
            System.out.println("elasticity: PutItem latency, 4 clients: " + line("undisturbed", baseline) + "; "
                    + line("during the move", duringMove) + "; " + line("during the split", duringSplit));
        }
    }

    private static void load(DynamoDbClient client) throws Exception {
        try (ExecutorService loaders = Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> batches = new ArrayList<>();
            for (int start = 0; start < ITEMS; start += 25) {
                int first = start;
                batches.add(loaders.submit(() -> {
                    List<WriteRequest> writes = new ArrayList<>();
                    for (int i = first; i < Math.min(first + 25, ITEMS); i++) {
                        writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("load-" + i)).build()).build());
                    }
                    Map<String, List<WriteRequest>> pending = Map.of("measured", writes);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        var unprocessed = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                        pending = unprocessed.isEmpty() ? Map.of() : unprocessed;
                    }
                    return null;
                }));
            }
            for (var batch : batches) {
                batch.get();
            }
        }
    }

    private static Map<String, AttributeValue> item(String id) {
        return Map.of("id", AttributeValue.fromS(id), "pad", AttributeValue.fromS(PAD));
    }

    private static List<PartitionInfo> partitions(MetadataClient metadata) {
        return metadata.call(stub -> stub.describeCluster(DescribeClusterRequest.newBuilder().setTableName("measured").build()),
                ClusterDescription::getError).getPartitionsList();
    }

    private static boolean done(MetadataClient metadata, long operationId) {
        Operation operation = metadata.call(stub -> stub.describeCluster(DescribeClusterRequest.getDefaultInstance()),
                ClusterDescription::getError).getOperationsList().stream()
                .filter(o -> o.getOperationId() == operationId).findFirst().orElseThrow();
        assertThat(operation.getState()).isNotEqualTo(Operation.State.FAILED);
        return operation.getState() == Operation.State.DONE;
    }

    private static String line(String phase, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%s p50 %.1f ms p99 %.1f ms (%d writes)", phase,
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted.size());
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Four clients writing 1 KB items as fast as they are answered, latencies collected per phase. */
    private static final class Writers {
        private final DynamoDbClient client;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        private volatile ConcurrentLinkedQueue<Long> phase = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();

        Writers(DynamoDbClient client) {
            this.client = client;
        }

        void start() {
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        long start = System.nanoTime();
                        try {
                            client.putItem(b -> b.tableName("measured").item(item("w-" + ThreadLocalRandom.current().nextInt(ITEMS))));
                            phase.add(System.nanoTime() - start);
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }
                }));
            }
        }

        /** The latencies of the writes answered during {@code duration}. */
        List<Long> during(Duration duration) {
            var latencies = new ConcurrentLinkedQueue<Long>();
            phase = latencies;
            await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
            return new ArrayList<>(latencies);
        }

        /** The latencies of the writes answered until {@code finished} holds. */
        List<Long> until(java.util.concurrent.Callable<Boolean> finished) {
            var latencies = new ConcurrentLinkedQueue<Long>();
            phase = latencies;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(finished);
            return new ArrayList<>(latencies);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
