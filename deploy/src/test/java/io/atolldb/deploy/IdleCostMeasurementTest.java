package io.atolldb.deploy;

import io.atolldb.metadata.scheduler.Mover;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a hosted replica costs while idle (docs/performance.md, "Idle cost of a replica"): a dev cluster (three
 * storage nodes, each hosting one replica of every partition) with 0, 10, 100 and 500 partitions and no
 * traffic; after the elections settle, the process's CPU over 30 s, its threads and its open file
 * descriptors. Per replica: the difference to the empty cluster, divided by the replicas hosted (three per
 * partition). Not part of the default test run (each replica's Raft log holds a 4 MB direct buffer, so 500
 * partitions need more direct memory than the test JVM's default):
 * {@code mvn -B -pl deploy -am verify -Dtest=IdleCostMeasurementTest -Dsurefire.failIfNoSpecifiedTests=false -Datoll.excludedGroups= -Datoll.test.jvm=-XX:MaxDirectMemorySize=8g}
 */
@Tag("measurement")
class IdleCostMeasurementTest {
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration MEASURE = Duration.ofSeconds(30);

    private record Cost(int partitions, double cpuMillisPerSecond, int threads, long fileDescriptors, long directBytes) {
    }

    @Test
    void idleReplicasCostCpuThreadsAndFileDescriptors(@TempDir Path data) throws Exception {
        List<Cost> costs = new ArrayList<>();
        System.out.println("idle: partitions (= replicas per node), CPU ms/s, threads, fds, direct MB; per hosted replica: CPU ms/s, threads, fds, direct MB");
        for (int partitions : Integer.getInteger("atoll.measure.levels", 0) > 0
                ? List.of(0, Integer.getInteger("atoll.measure.levels")) : List.of(0, 10, 100, 250, 500)) {
            Cost cost;
            try {
                cost = measure(Files.createDirectories(data.resolve("p" + partitions)), partitions);
            } catch (RuntimeException e) {
                // The cluster could not even be brought up with so many groups on this machine: that is the finding.
                System.out.printf(Locale.ROOT, "idle: %d: not reached: %s%n", partitions, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                break;
            }
            costs.add(cost);
            Cost empty = costs.getFirst();
            int replicas = 3 * cost.partitions();
            System.out.printf(Locale.ROOT, "idle: %d, %.1f, %d, %d, %.0f; %s%n", cost.partitions(),
                    cost.cpuMillisPerSecond(), cost.threads(), cost.fileDescriptors(), cost.directBytes() / 1e6,
                    replicas == 0 ? "-" : String.format(Locale.ROOT,
                            "%.2f, %.2f, %.2f, %.2f", (cost.cpuMillisPerSecond() - empty.cpuMillisPerSecond()) / replicas,
                            (double) (cost.threads() - empty.threads()) / replicas,
                            (double) (cost.fileDescriptors() - empty.fileDescriptors()) / replicas,
                            (cost.directBytes() - empty.directBytes()) / 1e6 / replicas));
        }
        assertThat(costs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(costs.getLast().cpuMillisPerSecond()).isGreaterThan(costs.getFirst().cpuMillisPerSecond());
    }

    private static Cost measure(Path data, int partitions) throws Exception {
        // Above the default budget of 256 replicas per node, so that the 500 level can be placed.
        var options = new DevCluster.Options(0, 0, new Mover.Settings(Duration.ofMinutes(5), 4, false)).withMaxReplicasPerNode(600);
        try (DevCluster cluster = DevCluster.start(data, "127.0.0.1", 0, options, new SimpleMeterRegistry());
             DynamoDbClient client = Dynamo.client(cluster.endpoint())) {
            int left = partitions;
            int tables = 0;
            while (left > 0) {
                int count = Math.min(64, left);
                String name = "idle" + tables++;
                client.createTable(b -> b.tableName(name).billingMode(BillingMode.PROVISIONED)
                        // Just under 1,000 write units per partition: the table starts with exactly `count` partitions.
                        .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1_000L * count - 1))
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                        client.describeTable(b -> b.tableName(name)).table().tableStatus() == TableStatus.ACTIVE);
                left -= count;
            }
            await().pollDelay(SETTLE).atMost(SETTLE.plusSeconds(1)).until(() -> true);
            var os = (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            await().pollDelay(MEASURE).atMost(MEASURE.plusSeconds(1)).until(() -> true);
            double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e6 / ((System.nanoTime() - start) / 1e9);
            long direct = ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
                    .filter(pool -> pool.getName().equals("direct")).mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed).sum();
            return new Cost(partitions, cpu, ManagementFactory.getThreadMXBean().getThreadCount(), os.getOpenFileDescriptorCount(), direct);
        }
    }
}
