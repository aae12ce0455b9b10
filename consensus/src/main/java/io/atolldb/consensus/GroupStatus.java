package io.atolldb.consensus;

import java.util.Optional;
import java.util.UUID;

/** One replica's view of its group. */
public record GroupStatus(UUID groupId, boolean leader, Optional<String> leaderNodeId, long term,
                          long commitIndex, long appliedIndex) {
}
