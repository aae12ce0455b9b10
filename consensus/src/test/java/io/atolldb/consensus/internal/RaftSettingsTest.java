package io.atolldb.consensus.internal;

import io.atolldb.consensus.ConsensusConfig;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys.Log;
import org.apache.ratis.server.RaftServerConfigKeys.Read;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RaftSettingsTest {
    private final ConsensusConfig config = ConsensusConfig.defaults("n1", "127.0.0.1", 7000, Path.of("/data/raft"))
            .withSnapshotAutoTriggerThreshold(500);
    private final RaftProperties properties = RaftSettings.of(config);

    @Test
    void composedAppendsAndLogMetadataAreOffForMultiGroupThroughput() {
        assertThat(Log.appendEntriesComposeEnabled(properties)).isFalse();
        assertThat(Log.logMetadataEnabled(properties)).isFalse();
        assertThat(properties.get("raft.server.log.append-entries.compose.enabled")).isEqualTo("false");
        assertThat(properties.get("raft.server.log.log-metadata.enabled")).isEqualTo("false");
    }

    @Test
    void readsAreLinearizableWithTheLeaderLeaseOn() {
        assertThat(Read.option(properties)).isEqualTo(Read.Option.LINEARIZABLE);
        assertThat(Read.leaderLeaseEnabled(properties)).isTrue();
    }

    @Test
    void electionTimeoutsAndAddressComeFromTheConfig() {
        assertThat(RaftServerConfigKeys.Rpc.timeoutMin(properties).toLong(TimeUnit.MILLISECONDS)).isEqualTo(1000);
        assertThat(RaftServerConfigKeys.Rpc.timeoutMax(properties).toLong(TimeUnit.MILLISECONDS)).isEqualTo(2000);
        assertThat(RaftServerConfigKeys.Rpc.firstElectionTimeoutMax(properties).toLong(TimeUnit.MILLISECONDS))
                .isLessThan(1000);
        assertThat(GrpcConfigKeys.Server.host(properties)).isEqualTo("127.0.0.1");
        assertThat(GrpcConfigKeys.Server.port(properties)).isEqualTo(7000);
    }

    @Test
    void aLeaderThatSteppedDownRunsAgainAfterOneElectionTimeout() {
        assertThat(RaftServerConfigKeys.LeaderElection.leaderStepDownWaitTime(properties).toLong(TimeUnit.MILLISECONDS))
                .isEqualTo(RaftServerConfigKeys.Rpc.timeoutMin(properties).toLong(TimeUnit.MILLISECONDS));
    }

    @Test
    void anUnansweringFollowerIsRetriedWithinAQuarterSecondPlusAHeartbeatForever() {
        var policy = org.apache.ratis.retry.MultipleLinearRandomRetry.parseCommaSeparated(Log.Appender.retryPolicy(properties));
        for (int failures : new int[] {11, 100, 100_000, 1_000_000_000}) {
            var action = policy.handleAttemptFailure(() -> failures);
            assertThat(action.shouldRetry()).isTrue();
            assertThat(action.getSleepTime().toLong(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(375);
        }
    }

    @Test
    void logIsForcedToDiskBeforeAnEntryCountsAsWritten() {
        assertThat(Log.unsafeFlushEnabled(properties)).isFalse();
        assertThat(Log.asyncFlushEnabled(properties)).isFalse();
    }

    @Test
    void snapshotsAreTakenAtTheThresholdAndSentToLaggingFollowers() {
        assertThat(RaftServerConfigKeys.Snapshot.autoTriggerEnabled(properties)).isTrue();
        assertThat(RaftServerConfigKeys.Snapshot.autoTriggerThreshold(properties)).isEqualTo(500);
        assertThat(Log.Appender.installSnapshotEnabled(properties)).isTrue();
        assertThat(Log.purgeUptoSnapshotIndex(properties)).isTrue();
        assertThat(Log.purgeGap(properties)).isLessThanOrEqualTo(500);
        assertThat(Log.purgePreservationLogNum(properties)).as("a short lag catches up from the log").isEqualTo(500);
    }

    @Test
    void largestCommandFitsTheLogWriterBuffer() {
        final long appendBatch = Log.Appender.bufferByteLimit(properties).getSize();

        assertThat(Log.writeBufferSize(properties).getSize()).isGreaterThanOrEqualTo(appendBatch + 8);
        assertThat((long) RaftSettings.MAX_COMMAND_BYTES).isLessThan(appendBatch);
        assertThat(Log.segmentSizeMax(properties).getSize()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void storageKeepsGroupsAndRemovedGroupsApart() {
        assertThat(RaftServerConfigKeys.storageDir(properties)).containsExactly(Path.of("/data/raft/groups").toFile());
        assertThat(RaftServerConfigKeys.removedGroupsDir(properties)).isEqualTo(Path.of("/data/raft/removed-groups").toFile());
    }

    @Test
    void durationsAreConvertedToMilliseconds() {
        assertThat(RaftSettings.toRatis(Duration.ofMillis(1500)).toLong(TimeUnit.MILLISECONDS)).isEqualTo(1500);
    }
}
