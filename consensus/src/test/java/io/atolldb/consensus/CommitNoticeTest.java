package io.atolldb.consensus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.atolldb.consensus.TestCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Followers learn of a commit at once, not with the next heartbeat: with heartbeats 3 s apart (half the
 * minimum election timeout), a write followed by no other is applied on every follower within 1.5 s, in
 * every one of five rounds (eventually consistent reads there see it).
 */
class CommitNoticeTest {
    private static final Duration ELECTION_MIN = Duration.ofSeconds(6);
    private static final Duration WITHIN = Duration.ofMillis(1500);

    @TempDir
    Path dir;
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aLoneWriteIsAppliedOnEveryFollowerLongBeforeTheNextHeartbeat() throws Exception {
        cluster = TestCluster.start(dir, 3, c -> c.withElectionTimeouts(ELECTION_MIN, ELECTION_MIN.multipliedBy(2)));
        UUID group = cluster.newGroup();
        String leader = cluster.awaitLeader(group);
        // The first write also ends the followers' start-up; wait until they hold it.
        cluster.server(leader).propose(group, RegisterMachine.put("warm", "up")).get(30, TimeUnit.SECONDS);
        eventually().until(() -> cluster.nodeIds().stream()
                .allMatch(id -> "up".equals(cluster.machine(id, group).values().get("warm"))));

        for (int round = 0; round < 5; round++) {
            String value = "v" + round;
            cluster.server(leader).propose(group, RegisterMachine.put("key", value)).get(30, TimeUnit.SECONDS);
            long acknowledged = System.nanoTime();
            // A heartbeat is due only 3 s after the last message.
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(1)).until(() -> cluster.nodeIds().stream()
                    .allMatch(id -> value.equals(cluster.machine(id, group).values().get("key"))));
            assertThat(Duration.ofNanos(System.nanoTime() - acknowledged)).isLessThan(WITHIN);
        }
        assertThat(cluster.awaitLeader(group)).as("no election meanwhile").isEqualTo(leader);
    }
}
