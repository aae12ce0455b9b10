package io.atolldb.consensus;

import java.util.Optional;

/** This replica is not the group's leader; {@link #leaderNodeId()} names the leader when known. */
public class NotLeaderException extends ConsensusException {
    private final String leaderNodeId;

    public NotLeaderException(String groupName, String leaderNodeId) {
        super("not the leader of " + groupName + (leaderNodeId == null ? "" : "; leader is " + leaderNodeId));
        this.leaderNodeId = leaderNodeId;
    }

    public Optional<String> leaderNodeId() {
        return Optional.ofNullable(leaderNodeId);
    }
}
