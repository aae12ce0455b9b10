package io.atolldb.consensus.internal;

import io.atolldb.consensus.ConsensusException;
import io.atolldb.consensus.GroupNotFoundException;
import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.consensus.NotLeaderException;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyExistsException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class RepliesTest {
    private final UUID group = UUID.randomUUID();
    private final RaftGroupMemberId member = RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n1"), RaftGroupId.valueOf(group));

    @Test
    void ratisNotLeaderBecomesNotLeaderNamingTheSuggestedLeader() {
        final RaftPeer leader = RaftPeer.newBuilder().setId("n2").setAddress("127.0.0.1:2").build();
        final var ratis = new org.apache.ratis.protocol.exceptions.NotLeaderException(member, leader, List.of(leader));

        assertThat(Replies.toCallerError(group, new CompletionException(ratis)))
                .isInstanceOfSatisfying(NotLeaderException.class, e -> assertThat(e.leaderNodeId()).contains("n2"));
    }

    @Test
    void leaderNotReadyBecomesNotLeaderWithoutAHint() {
        assertThat(Replies.toCallerError(group, new LeaderNotReadyException(member)))
                .isInstanceOfSatisfying(NotLeaderException.class, e -> assertThat(e.leaderNodeId()).isEmpty());
    }

    @Test
    void groupMismatchBecomesGroupNotFound() {
        assertThat(Replies.toCallerError(group, new GroupMismatchException("no such group")))
                .isInstanceOf(GroupNotFoundException.class);
    }

    @Test
    void rejectedCommandComesBackAsTheMachinesInvalidCommandException() {
        final InvalidCommandException invalid = new InvalidCommandException("bad");

        assertThat(Replies.toCallerError(group, new StateMachineException(member, invalid))).isSameAs(invalid);
    }

    @Test
    void timeoutsAndOtherFailuresBecomeConsensusExceptions() {
        assertThat(Replies.toCallerError(group, new CompletionException(new TimeoutException())))
                .isExactlyInstanceOf(ConsensusException.class).hasMessageContaining("outcome is unknown");
        assertThat(Replies.toCallerError(group, new IllegalStateException("boom")))
                .isExactlyInstanceOf(ConsensusException.class).hasMessageContaining("boom");
    }

    @Test
    void alreadyExistingGroupIsRecognisedThroughWrappers() {
        assertThat(Replies.isAlreadyHosted(new CompletionException(new CompletionException(new AlreadyExistsException("x")))))
                .isTrue();
        assertThat(Replies.isAlreadyHosted(null)).isFalse();
    }
}
