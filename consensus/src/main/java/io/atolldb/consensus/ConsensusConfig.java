package io.atolldb.consensus;

import java.nio.file.Path;
import java.time.Duration;

/** PLACEHOLDER with the agreed signature. */
public record ConsensusConfig(String nodeId, String host, int raftPort, Path storageDir, Duration electionTimeoutMin,
                              Duration electionTimeoutMax, Duration requestTimeout, long snapshotAutoTriggerThreshold) {
    public static ConsensusConfig defaults(String nodeId, String host, int port, Path dir) {
        return new ConsensusConfig(nodeId, host, port, dir, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), 10_000);
    }
}
