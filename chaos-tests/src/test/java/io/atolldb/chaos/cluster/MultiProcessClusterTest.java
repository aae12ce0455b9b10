package io.atolldb.chaos.cluster;

import io.atolldb.chaos.proxy.LinkFault;
import io.atolldb.proto.ReplicaStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Separate JVMs on 127.0.0.x (three metadata replicas, storage nodes in zones a, b, c, a router),
 * every link through the fault proxy, driven through the AWS SDK: the node leading a partition is
 * killed with SIGKILL, or cut off from its peers by the proxy; writes carry on, no acknowledged item is
 * lost, and the node catches up once it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiProcessClusterTest {
    private ProcessCluster cluster;
    private DynamoDbClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = ProcessCluster.start(Path.of(System.getProperty("atoll.jar")), dir);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(cluster::isHealthy);
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(cluster.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .build();
        // Nodes register with the metadata service through heartbeats; CreateTable needs all three zones live.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            client.createTable(b -> b.tableName("events")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            return true;
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                client.describeTable(b -> b.tableName("events")).table().tableStatus() == TableStatus.ACTIVE);
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killingAPartitionLeaderWithSigkillLosesNoAcknowledgedWriteAndTheNodeCatchesUp() throws Exception {
        Set<String> acknowledged = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            put("before-" + i);
            acknowledged.add("before-" + i);
        }

        int victim = nodeLeadingSomePartition();
        long partitionId = ledPartition(victim);
        cluster.node(victim).kill();

        // Every partition, including the one whose leader died, takes writes again.
        for (int i = 0; i < 300; i++) {
            put("after-" + i);
            acknowledged.add("after-" + i);
        }
        assertAllPresent(acknowledged);

        cluster.node(victim).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            long mine = appliedIndex(victim, partitionId);
            long leader = leaderAppliedIndex(partitionId);
            assertThat(mine).isEqualTo(leader);
        });
        assertAllPresent(acknowledged);
    }

    @Test
    void cuttingAPartitionLeaderOffFromItsPeersMovesLeadershipAndTheNodeCatchesUpAfterTheHeal() throws Exception {
        Set<String> acknowledged = new HashSet<>();
        int victim = nodeLeadingSomePartition();
        long partitionId = ledPartition(victim);
        String name = cluster.node(victim).name();
        for (int i = 0; i < ProcessCluster.ZONES.size(); i++) {
            if (i != victim) {
                cluster.proxy().setBothWays(name, cluster.node(i).name(), LinkFault.DROP);
            }
        }
        try {
            // The other two replicas elect a leader among themselves; the router still reaches the old one.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> ledByAnotherNode(partitionId, victim));
            for (int i = 0; i < 100; i++) {
                put("cut-" + i);
                acknowledged.add("cut-" + i);
            }
            assertAllPresent(acknowledged);
        } finally {
            cluster.proxy().healAll();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() ->
                assertThat(appliedIndex(victim, partitionId)).isEqualTo(leaderAppliedIndex(partitionId)));
        assertAllPresent(acknowledged);
    }

    /** True when a node other than {@code victim} says it leads the partition. */
    private boolean ledByAnotherNode(long partitionId, int victim) {
        for (int i = 0; i < ProcessCluster.ZONES.size(); i++) {
            if (i != victim && cluster.tryNodeStatus(i).stream().flatMap(s -> s.getReplicasList().stream())
                    .anyMatch(r -> r.getPartition().getPartitionId() == partitionId && r.getLeader())) {
                return true;
            }
        }
        return false;
    }

    private void put(String id) {
        client.putItem(b -> b.tableName("events").item(Map.of("id", AttributeValue.fromS(id), "payload", AttributeValue.fromS("p-" + id))));
    }

    private void assertAllPresent(Set<String> ids) {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            var item = client.getItem(b -> b.tableName("events").key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
            if (!item.containsKey("payload") || !item.get("payload").s().equals("p-" + id)) {
                missing.add(id);
            }
        }
        assertThat(missing).as("acknowledged items missing").isEmpty();
    }

    private int nodeLeadingSomePartition() {
        for (int i = 0; i < ProcessCluster.ZONES.size(); i++) {
            if (cluster.nodeStatus(i).getReplicasList().stream().anyMatch(ReplicaStatus::getLeader)) {
                return i;
            }
        }
        throw new AssertionError("no node leads any partition");
    }

    private long ledPartition(int node) {
        return cluster.nodeStatus(node).getReplicasList().stream().filter(ReplicaStatus::getLeader)
                .findFirst().orElseThrow().getPartition().getPartitionId();
    }

    private long appliedIndex(int node, long partitionId) {
        return cluster.nodeStatus(node).getReplicasList().stream().filter(r -> r.getPartition().getPartitionId() == partitionId)
                .findFirst().orElseThrow().getAppliedIndex();
    }

    private long leaderAppliedIndex(long partitionId) {
        for (int i = 0; i < ProcessCluster.ZONES.size(); i++) {
            if (!cluster.node(i).isAlive()) {
                continue;
            }
            var leader = cluster.nodeStatus(i).getReplicasList().stream()
                    .filter(r -> r.getPartition().getPartitionId() == partitionId && r.getLeader()).findFirst();
            if (leader.isPresent()) {
                return leader.get().getAppliedIndex();
            }
        }
        throw new AssertionError("partition " + partitionId + " has no leader");
    }
}
