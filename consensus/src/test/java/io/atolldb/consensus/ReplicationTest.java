package io.atolldb.consensus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.atolldb.consensus.RegisterMachine.get;
import static io.atolldb.consensus.RegisterMachine.put;
import static io.atolldb.consensus.RegisterMachine.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.atolldb.consensus.TestCluster.eventually;

/** Replication on three healthy servers sharing one cluster; every test uses its own groups. */
class ReplicationTest {
    @TempDir
    static Path dir;
    private static TestCluster cluster;
    private final List<UUID> groups = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(dir, 3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void removeGroups() {
        final List<CompletableFuture<Void>> removals = new ArrayList<>();
        for (String node : cluster.nodeIds()) {
            for (UUID group : groups) {
                removals.add(cluster.server(node).removeGroup(group, true));
            }
        }
        CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
    }

    private UUID newGroup() {
        return newGroup(null);
    }

    private UUID newGroup(String preferredLeader) {
        final UUID group = cluster.newGroup(preferredLeader);
        groups.add(group);
        return group;
    }

    @Test
    void proposalOnTheLeaderIsAppliedOnEveryReplicaWithTheSameReplies() throws Exception {
        final UUID group = newGroup();
        final ConsensusServer leader = cluster.server(cluster.awaitLeader(group));

        final byte[] first = leader.propose(group, put("color", "red")).get(10, TimeUnit.SECONDS);
        final byte[] second = leader.propose(group, put("color", "blue")).get(10, TimeUnit.SECONDS);

        assertThat(text(first)).as("no previous value").isEmpty();
        assertThat(text(second)).as("reply carries the previous value").isEqualTo("red");
        eventually().untilAsserted(() -> {
            for (String node : cluster.nodeIds()) {
                final RegisterMachine machine = cluster.machine(node, group);
                assertThat(machine.values()).containsExactly(Map.entry("color", "blue"));
                assertThat(machine.appliedIndices()).isEqualTo(cluster.machine(leader.nodeId(), group).appliedIndices());
            }
        });
    }

    @Test
    void proposalOnAFollowerFailsWithNotLeaderNamingTheLeader() {
        final UUID group = newGroup();
        final String leader = cluster.awaitLeader(group);
        final ConsensusServer follower = cluster.server(cluster.followersOf(group, leader).get(0));
        eventually().until(() -> follower.status(group).flatMap(GroupStatus::leaderNodeId).isPresent());

        final CompletableFuture<byte[]> proposal = follower.propose(group, put("k", "v"));

        assertThatThrownBy(() -> proposal.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(NotLeaderException.class,
                        e -> assertThat(e.leaderNodeId()).contains(leader));
        assertThat(follower.status(group).orElseThrow().leader()).isFalse();
    }

    @Test
    void invalidCommandIsRejectedAndNeverApplied() throws Exception {
        final UUID group = newGroup();
        final ConsensusServer leader = cluster.server(cluster.awaitLeader(group));

        final CompletableFuture<byte[]> invalid = leader.propose(group, "delete everything".getBytes());
        final byte[] valid = leader.propose(group, put("after", "invalid")).get(10, TimeUnit.SECONDS);

        assertThatThrownBy(invalid::join).hasCauseInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("not a put");
        assertThat(valid).isEmpty();
        eventually().untilAsserted(() -> {
            for (String node : cluster.nodeIds()) {
                final RegisterMachine machine = cluster.machine(node, group);
                assertThat(machine.values()).containsExactly(Map.entry("after", "invalid"));
                assertThat(machine.violations()).isEmpty();
            }
        });
    }

    @Test
    void groupsOnTheSameServersKeepSeparateStates() throws Exception {
        final UUID first = newGroup();
        final UUID second = newGroup();

        cluster.server(cluster.awaitLeader(first)).propose(first, put("owner", "first")).get(10, TimeUnit.SECONDS);
        cluster.server(cluster.awaitLeader(second)).propose(second, put("owner", "second")).get(10, TimeUnit.SECONDS);

        assertThat(cluster.server("n1").groupIds()).contains(first, second);
        eventually().untilAsserted(() -> {
            for (String node : cluster.nodeIds()) {
                assertThat(cluster.machine(node, first).values()).containsExactly(Map.entry("owner", "first"));
                assertThat(cluster.machine(node, second).values()).containsExactly(Map.entry("owner", "second"));
            }
        });
    }

    @Test
    void aNewGroupIsLedByItsPreferredPeerAndLaterElectionsAreFree() throws Exception {
        final UUID preferThird = newGroup("n3");
        final UUID preferSecond = newGroup("n2");

        eventually().untilAsserted(() -> {
            assertThat(cluster.leaderOf(preferThird)).contains("n3");
            assertThat(cluster.leaderOf(preferSecond)).contains("n2");
        });
        // Every peer is equal in elections: the Ratis configuration carries no priority.
        assertThat(cluster.server("n1").members(preferThird)).extracting(GroupSpec.Peer::nodeId)
                .containsExactlyInAnyOrder("n1", "n2", "n3");
        cluster.server("n3").transferLeadership(preferThird, "n1", Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
        eventually().untilAsserted(() -> assertThat(cluster.leaderOf(preferThird)).contains("n1"));
        // The preference was for the group's first leader only: nothing pulls leadership back to n3.
        eventually().during(Duration.ofMillis(1500)).until(() -> cluster.leaderOf(preferThird).filter("n1"::equals).isPresent());
    }

    @Test
    void linearizableReadSeesTheLatestAcknowledgedWrite() throws Exception {
        final UUID group = newGroup();
        final ConsensusServer leader = cluster.server(cluster.awaitLeader(group));

        for (int i = 0; i < 5; i++) {
            leader.propose(group, put("counter", Integer.toString(i))).get(10, TimeUnit.SECONDS);
            assertThat(text(leader.readLinearizable(group, get("counter")).get(10, TimeUnit.SECONDS)))
                    .isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void linearizableReadOnAFollowerFailsWithNotLeader() {
        final UUID group = newGroup();
        final String leader = cluster.awaitLeader(group);
        final ConsensusServer follower = cluster.server(cluster.followersOf(group, leader).get(0));

        assertThatThrownBy(() -> follower.readLinearizable(group, get("k")).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(NotLeaderException.class);
    }

    @Test
    void unknownGroupFailsWithGroupNotFoundAndHasNoStatus() {
        final UUID unknown = UUID.randomUUID();
        final ConsensusServer server = cluster.server("n1");

        assertThatThrownBy(() -> server.propose(unknown, put("k", "v")).join())
                .cause().isInstanceOf(GroupNotFoundException.class);
        assertThatThrownBy(() -> server.readLinearizable(unknown, get("k")).join())
                .cause().isInstanceOf(GroupNotFoundException.class);
        assertThat(server.status(unknown)).isEmpty();
    }

    @Test
    void addingAHostedGroupAgainIsANoOpAndRemovingStopsHostingIt() throws Exception {
        final UUID group = newGroup();
        final GroupSpec spec = cluster.spec(group);
        final ConsensusServer server = cluster.server("n1");

        server.addGroup(spec).get(10, TimeUnit.SECONDS);
        assertThat(server.groupIds()).contains(group);

        server.removeGroup(group, false).get(10, TimeUnit.SECONDS);
        assertThat(server.groupIds()).doesNotContain(group);
        assertThat(server.status(group)).isEmpty();
        server.removeGroup(group, false).get(10, TimeUnit.SECONDS); // removing again is a no-op too
    }

    @Test
    void groupThatDoesNotListThisNodeIsRefused() {
        final GroupSpec elsewhere = new GroupSpec(UUID.randomUUID(),
                List.of(new GroupSpec.Peer("other", "127.0.0.1:1")));

        assertThatThrownBy(() -> cluster.server("n1").addGroup(elsewhere).join())
                .cause().isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transferLeadershipMovesLeadershipToTheTargetAndKeepsItThere() throws Exception {
        final UUID group = newGroup("n1");
        eventually().until(() -> cluster.leaderOf(group).filter("n1"::equals).isPresent());

        cluster.server("n1").transferLeadership(group, "n3", Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);

        eventually().untilAsserted(() -> assertThat(cluster.leaderOf(group)).contains("n3"));
        assertThat(cluster.write(group, "after", "transfer")).isEmpty();
        eventually().during(Duration.ofMillis(1500)).until(() -> cluster.leaderOf(group).filter("n3"::equals).isPresent());
    }

    @Test
    void leadershipIsNotHandedToAMemberTheLeaderCannotReachAndWritesGoOn() throws Exception {
        final UUID group = newGroup("n1");
        eventually().until(() -> cluster.leaderOf(group).filter("n1"::equals).isPresent()
                && cluster.server("n1").reachableFollowers(group).contains("n3"));
        cluster.stop("n3");
        try {
            eventually().until(() -> !cluster.server("n1").reachableFollowers(group).contains("n3"));
            refusesToHandOverToN3(group);
        } finally {
            cluster.restart("n3");
        }
    }

    private void refusesToHandOverToN3(UUID group) throws Exception {
        assertThatThrownBy(() -> cluster.server("n1").transferLeadership(group, "n3", Duration.ofSeconds(10))
                .get(3, TimeUnit.SECONDS))
                .cause().isInstanceOf(ConsensusException.class).hasMessageContaining("has not answered");
        // No transfer is pending: the leader takes writes at once.
        cluster.server("n1").propose(group, put("after", "refusal")).get(3, TimeUnit.SECONDS);
        assertThat(cluster.leaderOf(group)).contains("n1");
    }

    @Test
    void transferAllLeadershipLeavesThisNodeLeadingNoGroup() throws Exception {
        final UUID first = newGroup("n1");
        final UUID second = newGroup("n1");
        eventually().until(() -> cluster.leaderOf(first).filter("n1"::equals).isPresent()
                && cluster.leaderOf(second).filter("n1"::equals).isPresent());

        cluster.server("n1").transferAllLeadership(Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS);

        eventually().untilAsserted(() -> {
            assertThat(cluster.leaderOf(first)).isPresent().get().isNotEqualTo("n1");
            assertThat(cluster.leaderOf(second)).isPresent().get().isNotEqualTo("n1");
        });
    }
}
