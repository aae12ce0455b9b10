package io.atolldb.consensus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link ConsensusServer} runs: who it is, where it listens, where it keeps its Raft logs
 * and snapshots, and its timing. Every Ratis setting is derived from these values in one place
 * ({@code io.atolldb.consensus.internal.RaftSettings}).
 *
 * <p>Invariants (checked on construction): ids and host are not blank; {@code raftPort} is 0 (pick a
 * free port, see {@link ConsensusServer#raftPort()}) or a valid TCP port; all durations are positive
 * and {@code electionTimeoutMin < electionTimeoutMax}; the snapshot threshold is positive;
 * {@code storageDir} is absolute (a relative path is resolved against the working directory once,
 * here, so that snapshot file paths compare reliably).
 *
 * @param nodeId                      this process's node id; it is the Raft peer id in every group
 * @param host                        address the Raft gRPC server binds (127.0.0.1 in tests)
 * @param raftPort                    Raft gRPC port, 0 for an ephemeral port
 * @param storageDir                  root of this server's consensus data (Raft logs, snapshots)
 * @param electionTimeoutMin          a follower waits at least this long without a leader before
 *                                    starting an election
 * @param electionTimeoutMax          ... and at most this long (randomised in between)
 * @param requestTimeout              deadline of a proposal, a read and of one server-to-server RPC
 * @param snapshotAutoTriggerThreshold a group snapshots its state machine after this many applied
 *                                    entries, then purges its log up to the snapshot
 */
public record ConsensusConfig(String nodeId, String host, int raftPort, Path storageDir,
                              Duration electionTimeoutMin, Duration electionTimeoutMax,
                              Duration requestTimeout, long snapshotAutoTriggerThreshold) {

    /** 1-2 s: shorter timeouts caused spurious elections on loaded 2-core machines. */
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 10_000;

    public ConsensusConfig {
        requireText(nodeId, "nodeId");
        requireText(host, "host");
        if (raftPort < 0 || raftPort > 65_535) {
            throw new IllegalArgumentException("raftPort must be 0..65535, got " + raftPort);
        }
        storageDir = Objects.requireNonNull(storageDir, "storageDir").toAbsolutePath().normalize();
        requirePositive(electionTimeoutMin, "electionTimeoutMin");
        requirePositive(electionTimeoutMax, "electionTimeoutMax");
        requirePositive(requestTimeout, "requestTimeout");
        if (electionTimeoutMin.compareTo(electionTimeoutMax) >= 0) {
            throw new IllegalArgumentException("electionTimeoutMin " + electionTimeoutMin
                    + " must be below electionTimeoutMax " + electionTimeoutMax);
        }
        if (snapshotAutoTriggerThreshold <= 0) {
            throw new IllegalArgumentException("snapshotAutoTriggerThreshold must be positive");
        }
    }

    /** The production timing: elections after 1-2 s, 5 s request deadline, snapshot every 10,000 entries. */
    public static ConsensusConfig defaults(String nodeId, String host, int raftPort, Path storageDir) {
        return new ConsensusConfig(nodeId, host, raftPort, storageDir, DEFAULT_ELECTION_TIMEOUT_MIN,
                DEFAULT_ELECTION_TIMEOUT_MAX, DEFAULT_REQUEST_TIMEOUT, DEFAULT_SNAPSHOT_THRESHOLD);
    }

    /** The same configuration with another snapshot threshold (tests use small ones). */
    public ConsensusConfig withSnapshotAutoTriggerThreshold(long threshold) {
        return new ConsensusConfig(nodeId, host, raftPort, storageDir, electionTimeoutMin,
                electionTimeoutMax, requestTimeout, threshold);
    }

    /** The same configuration with other election timeouts (the heartbeat interval is half the minimum). */
    public ConsensusConfig withElectionTimeouts(Duration min, Duration max) {
        return new ConsensusConfig(nodeId, host, raftPort, storageDir, min, max, requestTimeout,
                snapshotAutoTriggerThreshold);
    }

    /** The same configuration on another port (a restart on the port an ephemeral start picked). */
    public ConsensusConfig withRaftPort(int port) {
        return new ConsensusConfig(nodeId, host, port, storageDir, electionTimeoutMin,
                electionTimeoutMax, requestTimeout, snapshotAutoTriggerThreshold);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
