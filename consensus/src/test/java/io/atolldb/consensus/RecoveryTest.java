package io.atolldb.consensus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static io.atolldb.consensus.TestCluster.eventually;

/** Servers that stop and come back: failover, restart catch-up, catch-up by snapshot. */
class RecoveryTest {
    @TempDir
    Path dir;
    private TestCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void newLeaderTakesOverAndARestartedServerReopensItsGroupsAndCatchesUp() {
        cluster = TestCluster.start(dir, 3);
        final UUID first = cluster.newGroup();
        final UUID second = cluster.newGroup();
        final String oldLeader = cluster.awaitLeader(first);
        for (int i = 0; i < 5; i++) {
            cluster.write(first, "k" + i, "before");
            cluster.write(second, "k" + i, "before");
        }
        eventually().until(() -> cluster.machine(oldLeader, second).values().size() == 5);
        final long heldBeforeStop = cluster.machine(oldLeader, first).lastAppliedIndex();

        cluster.stop(oldLeader);
        final String newLeader = cluster.awaitLeader(first);
        for (int i = 0; i < 5; i++) {
            cluster.write(first, "k" + i, "after");
        }
        cluster.restart(oldLeader);

        assertThat(newLeader).isNotEqualTo(oldLeader);
        assertThat(cluster.factoryCalls(oldLeader, first)).as("machine made again on restart").isEqualTo(2);
        assertThat(cluster.factoryCalls(oldLeader, second)).isEqualTo(2);
        final ConsensusServer restarted = cluster.server(oldLeader);
        assertThat(restarted.groupIds()).contains(first, second);
        eventually().untilAsserted(() -> {
            final String leader = cluster.awaitLeader(first);
            final long leaderApplied = cluster.server(leader).status(first).orElseThrow().appliedIndex();
            assertThat(restarted.status(first).orElseThrow().appliedIndex()).isGreaterThanOrEqualTo(leaderApplied);
            assertThat(cluster.machine(oldLeader, first).values()).isEqualTo(cluster.machine(leader, first).values());
        });
        final RegisterMachine reopened = cluster.machine(oldLeader, first);
        assertThat(reopened.values()).containsEntry("k4", "after");
        assertThat(reopened.violations()).isEmpty();
        assertThat(reopened.appliedIndices()).as("entries held before the stop are not applied again")
                .isNotEmpty().allMatch(index -> index > heldBeforeStop);
    }

    @Test
    void writesCommitWhileASnapshotIsWrittenAndTheSnapshotHoldsWhatWasAppliedWhenAskedFor() throws Exception {
        cluster = TestCluster.start(dir, 3);
        final UUID group = cluster.newGroup();
        cluster.write(group, "before", "1");
        final String leader = cluster.awaitLeader(group);
        final ConsensusServer server = cluster.server(leader);
        final long appliedWhenAsked = server.status(group).orElseThrow().appliedIndex();
        final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        cluster.machine(leader, group).snapshotGate = gate;

        final java.util.concurrent.CompletableFuture<Long> snapshot = server.snapshot(group, Duration.ofSeconds(30));
        // The snapshot is held at the gate, after taking the state: the group's apply goes on meanwhile.
        for (int i = 0; i < 20; i++) {
            server.propose(group, RegisterMachine.put("during-" + i, "x")).get(5, TimeUnit.SECONDS);
        }
        assertThat(snapshot).as("the snapshot waits at the gate").isNotDone();
        gate.countDown();

        final long index = snapshot.get(30, TimeUnit.SECONDS);
        assertThat(index).isBetween(appliedWhenAsked, server.status(group).orElseThrow().appliedIndex());
        assertThat(cluster.machine(leader, group).violations()).isEmpty();
    }

    @Test
    void followerThatMissedPurgedEntriesCatchesUpFromTheLeadersSnapshot() throws Exception {
        cluster = TestCluster.start(dir, 3, config -> config.withSnapshotAutoTriggerThreshold(10));
        final UUID group = cluster.newGroup();
        final String firstLeader = cluster.awaitLeader(group);
        final List<String> followers = cluster.followersOf(group, firstLeader);
        final String lagging = followers.get(0);
        final String nextLeader = followers.get(1);
        cluster.write(group, "early", "1");
        cluster.stop(lagging);

        for (int i = 0; i < 15; i++) {
            cluster.write(group, "k" + i, "v" + i);
        }
        // A new term starts a new log segment, so the segment holding the early entries closes
        // and the next snapshot can purge it.
        cluster.server(firstLeader).transferLeadership(group, nextLeader, Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
        for (int i = 15; i < 40; i++) {
            cluster.write(group, "k" + i, "v" + i);
        }
        cluster.restart(lagging);

        eventually().untilAsserted(() -> {
            final String leader = cluster.awaitLeader(group);
            assertThat(cluster.machine(lagging, group).values()).isEqualTo(cluster.machine(leader, group).values());
            assertThat(cluster.server(lagging).status(group).orElseThrow().appliedIndex())
                    .isGreaterThanOrEqualTo(cluster.server(leader).status(group).orElseThrow().appliedIndex());
        });
        final RegisterMachine caughtUp = cluster.machine(lagging, group);
        assertThat(caughtUp.installs).as("caught up by installing a snapshot").hasPositiveValue();
        assertThat(caughtUp.values()).hasSize(41).containsEntry("k39", "v39");
        assertThat(caughtUp.violations()).isEmpty();
        assertThat(snapshotDirs(lagging, group)).as("only the newest snapshot is kept").hasSize(1);
        assertThat(snapshotDirs(nextLeader, group)).hasSize(1);
    }

    @Test
    void replicaWhoseMachineLostItsDataRestoresItFromItsSnapshotAndTheLog() {
        cluster = TestCluster.start(dir, 3, config -> config.withSnapshotAutoTriggerThreshold(10));
        final UUID group = cluster.newGroup();
        for (int i = 0; i < 25; i++) {
            cluster.write(group, "k" + i, "v" + i);
        }
        final String leader = cluster.awaitLeader(group);
        final String victim = cluster.followersOf(group, leader).get(0);
        eventually().until(() -> !snapshotDirs(victim, group).isEmpty()
                && cluster.machine(victim, group).values().size() == 25);

        cluster.stop(victim);
        deleteMachineData(victim, group);
        cluster.restart(victim);

        final RegisterMachine restored = cluster.machine(victim, group);
        assertThat(restored.installs).as("its own snapshot was installed at start").hasValue(1);
        eventually().untilAsserted(() ->
                assertThat(cluster.machine(victim, group).values()).isEqualTo(cluster.machine(leader, group).values()));
        assertThat(restored.values()).hasSize(25);
        assertThat(restored.violations()).isEmpty();
    }

    private List<Path> snapshotDirs(String node, UUID group) {
        final Path snapshots = dir.resolve(node).resolve("raft").resolve("groups").resolve(group.toString())
                .resolve("sm").resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(snapshots)) {
            return children.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void deleteMachineData(String node, UUID group) {
        try {
            Files.delete(dir.resolve(node).resolve("machines").resolve(group + ".properties"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
