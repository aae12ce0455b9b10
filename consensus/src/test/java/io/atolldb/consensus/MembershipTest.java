package io.atolldb.consensus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.atolldb.consensus.TestCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Membership change (Raft thesis, chapter 4): a member is replaced by a new one that first receives the
 * leader's snapshot and then the log, so it holds everything, even state that was never in the log; the
 * change is compare-and-set, so a retry is harmless and a stale change is refused.
 */
class MembershipTest {
    private static final Duration CHANGE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = TestCluster.start(dir, 4);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aReplacedMemberIsCaughtUpFromTheSnapshotAndTheLogAndTheOldOneLeaves() throws Exception {
        UUID group = UUID.randomUUID();
        GroupSpec first = groupOnFirstThree(group);
        cluster.awaitLeader(group);
        for (int i = 0; i < 50; i++) {
            cluster.write(group, "k" + i, "v" + i);
        }
        String leader = cluster.awaitLeader(group);
        long snapshot = cluster.server(leader).snapshot(group, CHANGE).get(40, TimeUnit.SECONDS);
        assertThat(snapshot).isPositive();
        String leaving = List.of("n1", "n2", "n3").stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        List<String> staying = List.of("n1", "n2", "n3").stream().filter(id -> !id.equals(leaving)).toList();
        GroupSpec next = cluster.spec(group, concat(staying, "n4"));
        // The new member opens the group knowing the members as they are: it waits to be added.
        cluster.server("n4").joinGroup(first).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(cluster.server("n4").status(group)).hasValueSatisfying(s -> assertThat(s.leader()).isFalse());

        cluster.server(leader).changeMembers(group, first.peers(), next.peers(), CHANGE).get(60, TimeUnit.SECONDS);

        assertThat(ids(cluster.server(leader).members(group))).isEqualTo(Set.copyOf(concat(staying, "n4")));
        eventually().until(() -> "v49".equals(cluster.machine("n4", group).values().get("k49")));
        assertThat(cluster.machine("n4", group).installs.get()).as("snapshots installed on the new member").isPositive();
        cluster.write(group, "after", "change");
        eventually().until(() -> "change".equals(cluster.machine("n4", group).values().get("after")));
        assertThat(cluster.machine("n4", group).violations()).isEmpty();

        assertThatThrownBy(() -> cluster.server("n4").joinGroup(next).join()).isInstanceOf(CompletionException.class);
        // A retry of the same change is a no-op; a change from members that are no longer current is refused.
        cluster.server(cluster.awaitLeader(group)).changeMembers(group, first.peers(), next.peers(), CHANGE)
                .get(30, TimeUnit.SECONDS);
        GroupSpec stale = cluster.spec(group, concat(staying, leaving));
        assertThatThrownBy(() -> cluster.server(cluster.awaitLeader(group))
                .changeMembers(group, first.peers(), stale.peers(), CHANGE).join())
                .isInstanceOf(CompletionException.class);
        assertThat(ids(cluster.server(cluster.awaitLeader(group)).members(group))).isEqualTo(Set.copyOf(concat(staying, "n4")));
    }

    @Test
    void aLeaderThatTheChangeLeavesOutHandsOverFirstAndTheStayingLeaderMakesTheChange() throws Exception {
        UUID group = UUID.randomUUID();
        GroupSpec first = groupOnFirstThree(group);
        String leaving = cluster.awaitLeader(group);
        cluster.write(group, "k", "v");
        List<String> staying = List.of("n1", "n2", "n3").stream().filter(id -> !id.equals(leaving)).toList();
        GroupSpec next = cluster.spec(group, concat(staying, "n4"));
        cluster.server("n4").joinGroup(first).orTimeout(30, TimeUnit.SECONDS).join();

        assertThatThrownBy(() -> cluster.server(leaving).changeMembers(group, first.peers(), next.peers(), CHANGE).join())
                .cause().isInstanceOf(NotLeaderException.class)
                .satisfies(e -> assertThat(((NotLeaderException) e).leaderNodeId()).hasValueSatisfying(l -> assertThat(l).isIn(staying)));
        String successor = cluster.awaitLeader(group);
        assertThat(successor).isIn(staying);
        assertThat(ids(cluster.server(successor).members(group))).as("nothing changed yet").isEqualTo(Set.of("n1", "n2", "n3"));

        cluster.server(successor).changeMembers(group, first.peers(), next.peers(), CHANGE).get(60, TimeUnit.SECONDS);

        assertThat(ids(cluster.server(successor).members(group))).isEqualTo(Set.copyOf(concat(staying, "n4")));
        assertThat(cluster.leaderOf(group)).as("the group kept its leader").contains(successor);
        eventually().until(() -> "v".equals(cluster.machine("n4", group).values().get("k")));
    }

    /** The group hosted on n1, n2 and n3 (n4 is left out, to be added). */
    private GroupSpec groupOnFirstThree(UUID group) {
        GroupSpec spec = cluster.spec(group, List.of("n1", "n2", "n3"));
        for (String id : List.of("n1", "n2", "n3")) {
            cluster.server(id).addGroup(spec).orTimeout(30, TimeUnit.SECONDS).join();
        }
        return spec;
    }

    private static List<String> concat(List<String> ids, String more) {
        return java.util.stream.Stream.concat(ids.stream(), java.util.stream.Stream.of(more)).toList();
    }

    private static Set<String> ids(List<GroupSpec.Peer> peers) {
        return peers.stream().map(GroupSpec.Peer::nodeId).collect(Collectors.toSet());
    }
}
