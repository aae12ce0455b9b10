package io.atolldb.deploy;

import io.atolldb.proto.NodeServiceGrpc;
import io.atolldb.proto.NodeStatusRequest;
import io.atolldb.rpc.Channels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code atoll cluster up|down|status} end to end: eleven JVMs on their own loopback addresses serve
 * the DynamoDB API through both routers, keep serving while every storage node of one zone is down,
 * take the zone back, and stop cleanly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterCommandTest {
    private final Channels channels = new Channels();
    private Path dir;
    private String net;
    private List<ClusterCommand.Member> members;

    @BeforeAll
    void up(@TempDir Path temp) {
        dir = temp.resolve("cluster");
        // A /24 of its own, so that a concurrent run elsewhere on the machine cannot collide.
        net = "127.0." + ThreadLocalRandom.current().nextInt(150, 250);
        members = ClusterCommand.layout(dir.toAbsolutePath(), net);
        assertThat(cluster("up", "--wait", "240")).as("cluster up (logs in %s)", dir.resolve("logs")).isZero();
    }

    @AfterAll
    void down() {
        channels.close();
        if (dir != null) {
            cluster("down", "--grace", "10");
        }
    }

    @Test
    void servesBothRoutersSurvivesLosingAZoneTakesItBackAndStopsCleanly() throws Exception {
        List<String> endpoints = members.stream().filter(m -> m.role().equals("router"))
                .map(m -> "http://" + m.address() + ":8000").toList();
        assertThat(endpoints).hasSize(2);
        try (DynamoDbClient first = Dynamo.client(endpoints.get(0)); DynamoDbClient second = Dynamo.client(endpoints.get(1))) {
            List<DynamoDbClient> routers = List.of(first, second);
            Dynamo.createTable(first, "zones");
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                put(routers.get(i % 2), "before-" + i);
                written.add("before-" + i);
            }
            assertAllReadable(routers, written);

            // Zone c loses both its storage nodes: every partition keeps two replicas, a quorum.
            assertThat(cluster("down", "node-c-0", "node-c-1")).isZero();
            assertThat(cluster("status")).as("status while zone c is down").isEqualTo(1);
            for (int i = 0; i < 10; i++) {
                String id = "during-" + i;
                DynamoDbClient router = routers.get(i % 2);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> put(router, id));
                written.add(id);
            }
            assertAllReadable(routers, written);

            // up starts what is not running; zone c's nodes rejoin every partition they hosted.
            assertThat(cluster("up", "--wait", "240")).isZero();
            assertThat(cluster("status")).isZero();
            // Zone c hosts a replica of every partition again, each as far applied as its most advanced replica.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<Long, Long> zoneC = appliedIndexes("c");
                Map<Long, Long> best = new HashMap<>();
                for (String zone : ClusterCommand.ZONES) {
                    appliedIndexes(zone).forEach((partition, applied) -> best.merge(partition, applied, Math::max));
                }
                assertThat(best).isNotEmpty();
                assertThat(zoneC).isEqualTo(best);
            });
            assertAllReadable(routers, written);
        }

        List<ProcessHandle> processes = new ArrayList<>();
        for (var member : members) {
            long pid = Long.parseLong(Files.readString(dir.resolve("run").resolve(member.name() + ".pid")).split(" ")[0]);
            ProcessHandle.of(pid).ifPresent(processes::add);
        }
        assertThat(processes).hasSize(members.size()).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
        assertThat(cluster("down")).isZero();
        assertThat(processes).allSatisfy(p -> assertThat(p.isAlive()).as("pid %d after down", p.pid()).isFalse());
        try (Stream<Path> pidFiles = Files.list(dir.resolve("run"))) {
            assertThat(pidFiles).isEmpty();
        }
    }

    private int cluster(String... args) {
        List<String> all = new ArrayList<>(List.of("cluster", args[0], "--dir", dir.toString(), "--net", net));
        all.addAll(List.of(args).subList(1, args.length));
        return new CommandLine(new Atoll()).execute(all.toArray(String[]::new));
    }

    private static void put(DynamoDbClient router, String id) {
        router.putItem(b -> b.tableName("zones").item(Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS("value-" + id))));
    }

    private static void assertAllReadable(List<DynamoDbClient> routers, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            var item = routers.get((i + 1) % 2).getItem(b -> b.tableName("zones").key(Map.of("id", AttributeValue.fromS(id)))
                    .consistentRead(true)).item();
            assertThat(item).as("item %s", id).containsEntry("v", AttributeValue.fromS("value-" + id));
        }
    }

    /** Partition id to applied index of every replica hosted in a zone, asked over the storage nodes' gRPC status. */
    private Map<Long, Long> appliedIndexes(String zone) {
        Map<Long, Long> applied = new HashMap<>();
        for (var member : members) {
            if (member.role().equals("node") && member.zone().equals(zone)) {
                var status = NodeServiceGrpc.newBlockingStub(channels.get(member.address() + ":7200"))
                        .withDeadlineAfter(5, TimeUnit.SECONDS).status(NodeStatusRequest.getDefaultInstance());
                for (var replica : status.getReplicasList()) {
                    applied.put(replica.getPartition().getPartitionId(), replica.getAppliedIndex());
                }
            }
        }
        return applied;
    }
}
