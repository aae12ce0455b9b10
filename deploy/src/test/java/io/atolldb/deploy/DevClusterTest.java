package io.atolldb.deploy;

import io.atolldb.model.Tokens;
import io.atolldb.model.TokenRange;
import io.atolldb.proto.ReplicaStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole request path in one JVM: a dev cluster (three metadata replicas, three storage nodes in
 * zones a, b, c, a router) driven through the AWS SDK for Java v2, including the loss and return of
 * the node leading a partition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevClusterTest {
    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private DevCluster cluster;
    private DynamoDbClient client;

    @BeforeAll
    void startCluster(@TempDir Path data) throws Exception {
        cluster = DevCluster.start(data, "127.0.0.1", 0, 4, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(60)).until(cluster::isReady);
        client = Dynamo.client(cluster.endpoint());
    }

    @AfterAll
    void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAttributeTypeRoundTripsExactly() {
        Dynamo.createTable(client, "types");
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s("all-ten"));
        item.put("s", s(""));
        item.put("n", AttributeValue.fromN("-12.5"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[]{0, -1, 7})));
        item.put("bool", AttributeValue.fromBool(true));
        item.put("null", AttributeValue.fromNul(true));
        item.put("m", AttributeValue.fromM(Map.of("inner", s("x"),
                "deeper", AttributeValue.fromL(List.of(s("y"))))));
        item.put("l", AttributeValue.fromL(List.of(s("a"),
                AttributeValue.fromN("1"))));
        item.put("ss", AttributeValue.fromSs(List.of("b", "a")));
        item.put("ns", AttributeValue.fromNs(List.of("3", "1.5")));
        item.put("bs", AttributeValue.fromBs(List.of(
                SdkBytes.fromByteArray(new byte[]{1}), SdkBytes.fromByteArray(new byte[]{2, 3}))));
        client.putItem(b -> b.tableName("types").item(item));

        var read = client.getItem(b -> b.tableName("types").key(Map.of("id", s("all-ten"))).consistentRead(true)).item();
        assertThat(read).isEqualTo(item);

        var old = client.deleteItem(b -> b.tableName("types").key(Map.of("id", s("all-ten"))).returnValues(ReturnValue.ALL_OLD));
        assertThat(old.attributes()).isEqualTo(item);
        assertThat(client.getItem(b -> b.tableName("types").key(Map.of("id", s("all-ten"))).consistentRead(true)).hasItem()).isFalse();
    }

    @Test
    void everyPartitionHasExactlyOneReplicaInEachZoneAndEveryPartitionALeader() {
        Dynamo.createTable(client, "placed");
        long tableId = java.util.UUID.fromString(client.describeTable(b -> b.tableName("placed")).table().tableId())
                .getLeastSignificantBits();
        // Leadership may move once right after creation (to the preferred replica): wait for it to settle.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<Long, List<String>> zonesByPartition = new HashMap<>();
            Map<Long, Integer> leadersByPartition = new HashMap<>();
            for (int i = 0; i < cluster.nodeCount(); i++) {
                var status = cluster.node(i).status();
                for (ReplicaStatus replica : status.getReplicasList()) {
                    if (replica.getPartition().getTableId() == tableId) {
                        zonesByPartition.computeIfAbsent(replica.getPartition().getPartitionId(), id -> new ArrayList<>())
                                .add(status.getNode().getZone());
                        leadersByPartition.merge(replica.getPartition().getPartitionId(), replica.getLeader() ? 1 : 0, Integer::sum);
                    }
                }
            }
            assertThat(zonesByPartition).hasSize(4).allSatisfy((partition, zones) ->
                    assertThat(zones).containsExactlyInAnyOrder("a", "b", "c"));
            assertThat(leadersByPartition).allSatisfy((partition, leaders) -> assertThat(leaders).isEqualTo(1));
        });
    }

    @Test
    void writesSurviveTheLossOfAPartitionLeaderAndTheNodeCatchesUpWhenItReturns() throws Exception {
        Dynamo.createTable(client, "durable");
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String id = "item-" + i;
            client.putItem(b -> b.tableName("durable").item(Map.of("id", s(id), "v", s("value-" + id))));
            acknowledged.add(id);
        }
        assertEveryItemIsThere(acknowledged);

        // The node leading one of the table's partitions goes away.
        long tableId = java.util.UUID.fromString(client.describeTable(b -> b.tableName("durable")).table().tableId())
                .getLeastSignificantBits();
        ReplicaStatus led = leaderReplicaOf(tableId);
        int leaderNode = nodeHosting(led);
        TokenRange range = new TokenRange(led.getPartition().getTokenStart(), led.getPartition().getTokenEnd());
        cluster.stopNode(leaderNode);

        // Writes to exactly that partition succeed again within a few seconds.
        List<String> inPartition = idsInRange(tableId, range, 20);
        long start = System.nanoTime();
        client.putItem(b -> b.tableName("durable").item(Map.of("id", s(inPartition.getFirst()), "v", s("after-failover"))));
        Duration failover = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failover).isLessThan(Duration.ofSeconds(10));
        for (String id : inPartition) {
            client.putItem(b -> b.tableName("durable").item(Map.of("id", s(id), "v", s("value-" + id))));
            acknowledged.add(id);
        }
        assertEveryItemIsThere(acknowledged);

        // The node returns, rejoins its groups and catches up with the writes it missed.
        cluster.startNode(leaderNode);
        long partitionId = led.getPartition().getPartitionId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long returned = appliedIndex(leaderNode, partitionId).orElse(-1L);
            long newLeader = currentLeaderAppliedIndex(partitionId).orElse(-2L);
            assertThat(returned).isEqualTo(newLeader);
        });
        assertEveryItemIsThere(acknowledged);
    }

    private void assertEveryItemIsThere(List<String> ids) {
        for (String id : ids) {
            var item = client.getItem(b -> b.tableName("durable").key(Map.of("id", s(id))).consistentRead(true)).item();
            assertThat(item).as("item %s", id).containsEntry("id", s(id)).containsEntry("v", s("value-" + id));
        }
    }

    private ReplicaStatus leaderReplicaOf(long tableId) {
        for (int i = 0; i < cluster.nodeCount(); i++) {
            for (ReplicaStatus replica : cluster.node(i).status().getReplicasList()) {
                if (replica.getLeader() && replica.getPartition().getTableId() == tableId) {
                    return replica;
                }
            }
        }
        throw new AssertionError("no node leads a partition of table " + tableId);
    }

    private int nodeHosting(ReplicaStatus leader) {
        for (int i = 0; i < cluster.nodeCount(); i++) {
            if (cluster.node(i).status().getReplicasList().stream().anyMatch(r -> r.getLeader()
                    && r.getPartition().getPartitionId() == leader.getPartition().getPartitionId())) {
                return i;
            }
        }
        throw new AssertionError("leader moved");
    }

    private Optional<Long> appliedIndex(int node, long partitionId) {
        if (cluster.node(node) == null) {
            return Optional.empty();
        }
        return cluster.node(node).status().getReplicasList().stream()
                .filter(r -> r.getPartition().getPartitionId() == partitionId).map(ReplicaStatus::getAppliedIndex).findFirst();
    }

    private Optional<Long> currentLeaderAppliedIndex(long partitionId) {
        for (int i = 0; i < cluster.nodeCount(); i++) {
            if (cluster.node(i) == null) {
                continue;
            }
            var leader = cluster.node(i).status().getReplicasList().stream()
                    .filter(r -> r.getPartition().getPartitionId() == partitionId && r.getLeader()).findFirst();
            if (leader.isPresent()) {
                return Optional.of(leader.get().getAppliedIndex());
            }
        }
        return Optional.empty();
    }

    private static List<String> idsInRange(long tableId, TokenRange range, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < count; i++) {
            String id = "failover-" + i;
            if (range.contains(Tokens.of(tableId, new io.atolldb.model.AttributeValue.S(id)))) {
                ids.add(id);
            }
        }
        return ids;
    }
}
