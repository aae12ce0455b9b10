package io.atolldb.consensus;

import java.util.Optional;
import java.util.UUID;

/**
 * One replica's view of its group.
 *
 * @param leader       this replica leads and has committed an entry of its term: it accepts
 *                     proposals and linearizable reads now
 * @param leaderNodeId the leader this replica knows of (itself included), if any
 * @param term         the replica's current Raft term
 * @param commitIndex  the highest log index this replica knows to be committed
 * @param appliedIndex the highest log index delivered to its state machine (entries the machine
 *                     already held after a restart count as delivered)
 */
public record GroupStatus(UUID groupId, boolean leader, Optional<String> leaderNodeId, long term,
                          long commitIndex, long appliedIndex) {
}
