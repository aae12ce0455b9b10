package io.atolldb.consensus.internal;

import io.atolldb.consensus.internal.LeadershipPlans.Follower;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LeadershipPlansTest {

    @Test
    void successorIsResponsiveFirstThenHighestPriorityThenMostCaughtUp() {
        final Follower silentFavourite = new Follower("a", 9, false, 100);
        final Follower lowPriority = new Follower("b", 1, true, 100);
        final Follower behind = new Follower("c", 5, true, 40);
        final Follower caughtUp = new Follower("d", 5, true, 90);

        assertThat(LeadershipPlans.successor(List.of(silentFavourite, lowPriority, behind, caughtUp))).contains("d");
        assertThat(LeadershipPlans.successor(List.of(silentFavourite, lowPriority))).contains("b");
        assertThat(LeadershipPlans.successor(List.of(silentFavourite))).contains("a");
    }

    @Test
    void fullTiesAreBrokenByNodeIdSoTheChoiceIsStable() {
        assertThat(LeadershipPlans.successor(List.of(new Follower("z", 1, true, 7), new Follower("m", 1, true, 7))))
                .contains("m");
    }

    @Test
    void noSuccessorWithoutFollowers() {
        assertThat(LeadershipPlans.successor(List.of())).isEmpty();
    }

    @Test
    void targetBelowTheHighestPriorityIsRaisedToItAndOthersAreUnchanged() {
        final List<RaftPeer> peers = List.of(peer("a", 3), peer("b", 0), peer("c", 1));

        final List<RaftPeer> raised = LeadershipPlans.preferring(peers, RaftPeerId.valueOf("b")).orElseThrow();

        assertThat(raised).extracting(p -> p.getId().toString(), RaftPeer::getPriority)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 3),
                        org.assertj.core.groups.Tuple.tuple("b", 3),
                        org.assertj.core.groups.Tuple.tuple("c", 1));
        assertThat(raised.get(1).getAddress()).isEqualTo("127.0.0.1:1");
    }

    @Test
    void targetAlreadyAmongTheHighestOrNotAMemberNeedsNoChange() {
        final List<RaftPeer> peers = List.of(peer("a", 3), peer("b", 3), peer("c", 1));

        assertThat(LeadershipPlans.preferring(peers, RaftPeerId.valueOf("b"))).isEmpty();
        assertThat(LeadershipPlans.preferring(peers, RaftPeerId.valueOf("x"))).isEmpty();
    }

    private static RaftPeer peer(String id, int priority) {
        return RaftPeer.newBuilder().setId(id).setAddress("127.0.0.1:1").setPriority(priority).build();
    }
}
