package io.atolldb.consensus;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsensusConfigTest {
    private static final Path DIR = Path.of("/var/lib/atoll/raft");

    @Test
    void defaultsElectAfterOneToTwoSecondsAndSnapshotEveryTenThousandEntries() {
        final ConsensusConfig config = ConsensusConfig.defaults("n1", "127.0.0.1", 7000, DIR);

        assertThat(config.electionTimeoutMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.electionTimeoutMax()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.snapshotAutoTriggerThreshold()).isEqualTo(10_000);
        assertThat(config.requestTimeout()).isPositive();
    }

    @Test
    void relativeStorageDirectoryIsMadeAbsolute() {
        final ConsensusConfig config = ConsensusConfig.defaults("n1", "127.0.0.1", 0, Path.of("data/raft"));

        assertThat(config.storageDir()).isAbsolute().isEqualTo(Path.of("data", "raft").toAbsolutePath().normalize());
    }

    @Test
    void copiesChangeOnlyTheNamedField() {
        final ConsensusConfig config = ConsensusConfig.defaults("n1", "127.0.0.1", 0, DIR);

        assertThat(config.withRaftPort(7001)).isEqualTo(new ConsensusConfig("n1", "127.0.0.1", 7001, DIR,
                config.electionTimeoutMin(), config.electionTimeoutMax(), config.requestTimeout(), 10_000));
        assertThat(config.withSnapshotAutoTriggerThreshold(5).snapshotAutoTriggerThreshold()).isEqualTo(5);
    }

    @Test
    void electionTimeoutMinimumMustBeBelowMaximum() {
        assertThatThrownBy(() -> new ConsensusConfig("n1", "127.0.0.1", 0, DIR,
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("electionTimeoutMin");
    }

    @Test
    void invalidValuesAreRejected() {
        assertThatThrownBy(() -> ConsensusConfig.defaults(" ", "127.0.0.1", 0, DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeId");
        assertThatThrownBy(() -> ConsensusConfig.defaults("n1", "127.0.0.1", 70_000, DIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raftPort");
        assertThatThrownBy(() -> ConsensusConfig.defaults("n1", "127.0.0.1", 0, DIR).withSnapshotAutoTriggerThreshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot");
        assertThatThrownBy(() -> new ConsensusConfig("n1", "127.0.0.1", 0, DIR,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
    }

    @Test
    void groupSpecRejectsDuplicateNodesEmptyGroupsAndAPreferredLeaderOutsideIt() {
        final GroupSpec.Peer peer = new GroupSpec.Peer("n1", "127.0.0.1:7000");

        assertThatThrownBy(() -> new GroupSpec(java.util.UUID.randomUUID(), java.util.List.of(peer, peer)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new GroupSpec(java.util.UUID.randomUUID(), java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no peers");
        assertThatThrownBy(() -> new GroupSpec(java.util.UUID.randomUUID(), java.util.List.of(peer), "n2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preferred leader n2 is not a peer");
    }
}
