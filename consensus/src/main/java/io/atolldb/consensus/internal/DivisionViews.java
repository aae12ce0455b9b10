package io.atolldb.consensus.internal;

import io.atolldb.consensus.GroupStatus;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Read-only views of a local group replica (a Ratis division) in AtollDB's terms. */
public final class DivisionViews {
    private DivisionViews() {
    }

    /**
     * The replica's status; empty while it is starting or after it closed. {@code leader} is true
     * only once the replica leads and has committed an entry of its term (it accepts proposals).
     */
    public static Optional<GroupStatus> status(UUID groupId, RaftServer.Division division) {
        try {
            final DivisionInfo info = division.getInfo();
            return Optional.of(new GroupStatus(groupId, info.isLeader() && info.isLeaderReady(),
                    Optional.ofNullable(info.getLeaderId()).map(RaftPeerId::toString),
                    info.getCurrentTerm(), division.getRaftLog().getLastCommittedIndex(),
                    info.getLastAppliedIndex()));
        } catch (IllegalStateException notRunning) {
            return Optional.empty();
        }
    }

    /** The group's voting members as this replica's current configuration lists them. */
    public static List<io.atolldb.consensus.GroupSpec.Peer> members(RaftServer.Division division) {
        final List<io.atolldb.consensus.GroupSpec.Peer> members = new ArrayList<>();
        for (RaftPeer peer : division.getRaftConf().getCurrentPeers()) {
            members.add(new io.atolldb.consensus.GroupSpec.Peer(peer.getId().toString(), peer.getAddress()));
        }
        return members;
    }

    /**
     * What the leader {@code division} knows of the other members: priority, whether it heard from
     * them within {@code responsiveWithin}, and the commit index they last reported.
     */
    public static List<LeadershipPlans.Follower> followers(RaftServer.Division division, Duration responsiveWithin) {
        final RoleInfoProto role = division.getInfo().getRoleInfoProto();
        final Map<RaftPeerId, Boolean> responsive = role.hasLeaderInfo()
                ? role.getLeaderInfo().getFollowerInfoList().stream().collect(Collectors.toMap(
                        f -> RaftPeerId.valueOf(f.getId().getId()),
                        f -> f.getLastRpcElapsedTimeMs() < responsiveWithin.toMillis(),
                        (a, b) -> a || b))
                : Map.of();
        final Map<RaftPeerId, Long> commits = division.getCommitInfos().stream().collect(Collectors.toMap(
                c -> RaftPeerId.valueOf(c.getServer().getId()), CommitInfoProto::getCommitIndex, Math::max));
        final List<LeadershipPlans.Follower> followers = new ArrayList<>();
        for (RaftPeer peer : division.getRaftConf().getCurrentPeers()) {
            if (!peer.getId().equals(division.getId())) {
                followers.add(new LeadershipPlans.Follower(peer.getId().toString(), peer.getPriority(),
                        responsive.getOrDefault(peer.getId(), false), commits.getOrDefault(peer.getId(), -1L)));
            }
        }
        return followers;
    }
}
