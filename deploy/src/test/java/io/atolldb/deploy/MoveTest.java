package io.atolldb.deploy;

import io.atolldb.metadata.scheduler.Mover;
import io.atolldb.proto.ClusterDescription;
import io.atolldb.proto.DescribeClusterRequest;
import io.atolldb.proto.DrainNodeRequest;
import io.atolldb.proto.DrainNodeResponse;
import io.atolldb.proto.NodeStatus;
import io.atolldb.proto.Operation;
import io.atolldb.proto.PartitionInfo;
import io.atolldb.proto.ReplicaStatus;
import io.atolldb.proto.SplitPartitionRequest;
import io.atolldb.proto.SplitPartitionResponse;
import io.atolldb.rpc.Channels;
import io.atolldb.rpc.MetadataClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas move by themselves (docs/ARCHITECTURE.md, "Life of a move"), seen through the catalog and the
 * AWS SDK with its retries off: a node dead for the dead-after time has its replicas re-created on another
 * node of its zone; a node added to a zone receives replicas until the zone is balanced, while a client
 * keeps writing without an error; a drained node gives every replica away; and a partition split off
 * another, moved to a new node, arrives there whole (its data was never in its own log).
 */
class MoveTest {
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
    void theReplicasOfADeadNodeAreRecreatedOnAnotherNodeOfItsZone(@TempDir Path data) throws Exception {
        start(data, new Mover.Settings(Duration.ofSeconds(3), 4, false));
        Dynamo.createTable(client, "heal");
        for (int i = 0; i < 100; i++) {
            put("heal", i);
        }
        int spare = cluster.addNode("a");
        String spareId = cluster.nodeIdOf(spare);
        await().atMost(Duration.ofSeconds(20)).until(() -> describe().getNodesList().stream()
                .anyMatch(n -> n.getNode().getNodeId().equals(spareId) && n.getLive()));
        assertThat(replicasOn(spareId)).isZero();

        long stopped = System.nanoTime();
        cluster.stopNode(0);

        await().atMost(Duration.ofSeconds(90)).until(() -> partitions().stream().allMatch(p -> p.getLiveReplicas() == 3
                && p.getPartition().getReplicasList().stream().anyMatch(r -> r.getNodeId().equals(spareId)))
                && running().isEmpty());
        double healSeconds = (System.nanoTime() - stopped) / 1e9;
        assertThat(partitions()).hasSize(4).allSatisfy(p -> assertThat(p.getState()).isEqualTo("ACTIVE"));
        NodeStatus dead = describe().getNodesList().stream().filter(n -> n.getNode().getNodeId().equals(cluster.nodeIdOf(0)))
                .findFirst().orElseThrow();
        assertThat(dead.getDead()).isTrue();
        assertThat(dead.getReplicas()).isZero();
        assertThat(describe().getOperationsList()).filteredOn(o -> o.hasMove())
                .allSatisfy(o -> assertThat(o.getReason()).startsWith("heal"));
        for (int i = 0; i < 100; i++) {
            assertThat(get("heal", i)).as("item %d", i).isNotNull();
        }
        // The new replicas hold the data.
        awaitCounts(spare, 100);
        System.out.printf("heal: 4 partitions back to three replicas %.1f s after the node stopped (dead after 3 s)%n", healSeconds);
    }

    @Test
    void anAddedNodeReceivesReplicasUntilItsZoneIsBalancedAndADrainedNodeGivesAllAway(@TempDir Path data) throws Exception {
        start(data, new Mover.Settings(Duration.ofMinutes(5), 4, true));
        Dynamo.createTable(client, "grow");
        for (int i = 0; i < 200; i++) {
            put("grow", i);
        }
        // A partition split off another: its data is in no log of its own, so a move must ship a snapshot.
        PartitionInfo first = partitions().getFirst();
        SplitPartitionResponse split = metadata().call(stub -> stub.splitPartition(SplitPartitionRequest.newBuilder()
                .setPartitionId(first.getPartition().getPartitionId()).build()), SplitPartitionResponse::getError);
        assertThat(split.hasError()).as("split: %s", split.getError()).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> partitions().size() == 5 && running().isEmpty());

        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger written = new AtomicInteger(200);
        Thread writer = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                try {
                    put("grow", written.getAndIncrement());
                } catch (Throwable e) {
                    errors.add(e);
                }
            }
        });
        int added = cluster.addNode("b");
        String addedId = cluster.nodeIdOf(added);

        // Zone b: five replicas over two nodes: the mean is 2.5, and each must be within 1 of it.
        await().atMost(Duration.ofSeconds(120)).until(() -> replicasOn(addedId) >= 2 && running().isEmpty());
        assertThat(replicasOn(addedId) + replicasOn(cluster.nodeIdOf(1))).isEqualTo(5);
        assertThat(Math.abs(replicasOn(addedId) - replicasOn(cluster.nodeIdOf(1)))).isLessThanOrEqualTo(1);

        DrainNodeResponse drain = metadata().call(stub -> stub.drainNode(DrainNodeRequest.newBuilder()
                .setNodeId(cluster.nodeIdOf(1)).build()), DrainNodeResponse::getError);
        assertThat(drain.hasError()).isFalse();
        await().atMost(Duration.ofSeconds(120)).until(() -> replicasOn(cluster.nodeIdOf(1)) == 0 && running().isEmpty());
        assertThat(replicasOn(addedId)).isEqualTo(5);
        writing.set(false);
        writer.join();
        assertThat(errors).as("errors seen by the writing client").isEmpty();
        assertThat(describe().getOperationsList()).filteredOn(Operation::hasMove)
                .allSatisfy(o -> assertThat(o.getState()).isEqualTo(Operation.State.DONE));

        // Every write is there, and every partition's replica on the added node holds its share of them.
        int total = written.get();
        for (int i = 0; i < total; i++) {
            assertThat(get("grow", i)).as("item %d", i).isNotNull();
        }
        Map<Long, Long> leaderCounts = new HashMap<>();
        for (PartitionInfo partition : partitions()) {
            leaderCounts.put(partition.getPartition().getPartitionId(), partition.getItemCount());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<Long, Long> onAdded = cluster.node(added).status().getReplicasList().stream()
                    .collect(Collectors.toMap(r -> r.getPartition().getPartitionId(), ReplicaStatus::getItemCount));
            return onAdded.keySet().equals(leaderCounts.keySet()) && sum(onAdded) == total;
        });
        // A node that holds nothing can be drained no further; one whose zone has no other node cannot be drained.
        DrainNodeResponse lonely = metadata().call(stub -> stub.drainNode(DrainNodeRequest.newBuilder()
                .setNodeId(cluster.nodeIdOf(2)).build()), DrainNodeResponse::getError);
        assertThat(lonely.getError().getMessage()).contains("has no other live node");
    }

    @Test
    void aMoveWhoseMetadataLeaderDiesIsFinishedByTheNextLeader(@TempDir Path data) throws Exception {
        start(data, new Mover.Settings(Duration.ofMinutes(5), 4, false));
        Dynamo.createTable(client, "resume");
        for (int i = 0; i < 100; i++) {
            put("resume", i);
        }
        int spare = cluster.addNode("a");
        String spareId = cluster.nodeIdOf(spare);
        await().atMost(Duration.ofSeconds(20)).until(() -> describe().getNodesList().stream()
                .anyMatch(n -> n.getNode().getNodeId().equals(spareId) && n.getLive()));
        PartitionInfo partition = partitions().getFirst();
        // Without two of its three replicas the partition has no leader: the move can start, not finish.
        cluster.stopNode(1);
        cluster.stopNode(2);
        var started = metadata().call(stub -> stub.movePartition(io.atolldb.proto.MovePartitionRequest.newBuilder()
                .setPartitionId(partition.getPartition().getPartitionId()).setFromNodeId(cluster.nodeIdOf(0))
                .setToNodeId(spareId).build()), SplitPartitionResponse::getError);
        assertThat(started.hasError()).as("move: %s", started.getError()).isFalse();
        long operation = started.getOperation().getOperationId();
        assertThat(running()).extracting(Operation::getOperationId).containsExactly(operation);

        int leader = cluster.metadataLeader().orElseThrow();
        cluster.stopMetadata(leader);
        cluster.startNode(1);
        cluster.startNode(2);

        await().atMost(Duration.ofSeconds(90)).until(() -> running().isEmpty());
        Operation done = describe().getOperationsList().stream().filter(o -> o.getOperationId() == operation)
                .findFirst().orElseThrow();
        assertThat(done.getState()).isEqualTo(Operation.State.DONE);
        PartitionInfo moved = partitions().stream()
                .filter(p -> p.getPartition().getPartitionId() == partition.getPartition().getPartitionId()).findFirst().orElseThrow();
        assertThat(moved.getPartition().getReplicasList()).extracting(io.atolldb.proto.Replica::getNodeId)
                .contains(spareId).doesNotContain(cluster.nodeIdOf(0));
        assertThat(moved.getPartition().getEpoch().getConfVersion()).isEqualTo(partition.getPartition().getEpoch().getConfVersion() + 1);
        cluster.startMetadata(leader);
        for (int i = 0; i < 100; i++) {
            assertThat(get("resume", i)).as("item %d", i).isNotNull();
        }
    }

    // ---- helpers ----

    private void start(Path data, Mover.Settings moves) throws Exception {
        cluster = DevCluster.start(data, "127.0.0.1", 0, new DevCluster.Options(4, 0, moves), new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(60)).until(cluster::isReady);
        client = DynamoDbClient.builder().endpointOverride(URI.create(cluster.endpoint()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("dummy", "dummy")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
        channels = new Channels();
    }

    private void put(String table, int n) {
        client.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("item-" + n),
                "n", AttributeValue.fromN(Integer.toString(n)))));
    }

    private Map<String, AttributeValue> get(String table, int n) {
        var item = client.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("item-" + n)))
                .consistentRead(true)).item();
        return item.isEmpty() ? null : item;
    }

    private void awaitCounts(int node, long total) {
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.node(node).status().getReplicasList().stream()
                .mapToLong(ReplicaStatus::getItemCount).sum() == total);
    }

    private static long sum(Map<Long, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private MetadataClient metadata() {
        return new MetadataClient(cluster.metadataAddresses(), channels, Duration.ofSeconds(30));
    }

    private ClusterDescription describe() {
        return metadata().call(stub -> stub.describeCluster(DescribeClusterRequest.getDefaultInstance()),
                ClusterDescription::getError);
    }

    private List<PartitionInfo> partitions() {
        return describe().getPartitionsList();
    }

    private long replicasOn(String nodeId) {
        return partitions().stream().filter(p -> p.getPartition().getReplicasList().stream()
                .anyMatch(r -> r.getNodeId().equals(nodeId))).count();
    }

    private List<Operation> running() {
        return describe().getOperationsList().stream().filter(o -> o.getState() == Operation.State.RUNNING).toList();
    }

}
