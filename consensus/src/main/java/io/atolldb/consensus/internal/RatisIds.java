package io.atolldb.consensus.internal;

import io.atolldb.consensus.GroupSpec;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.util.UUID;

/**
 * Conversions between AtollDB's identities and Ratis' ids: a group id is the {@link GroupSpec}'s
 * UUID, a peer id is the node id of the process hosting the replica, its address the node's Raft
 * address. Every peer keeps Ratis' default priority (see {@link GroupSpec} for why).
 */
public final class RatisIds {
    private RatisIds() {
    }

    public static RaftGroupId groupId(UUID groupId) {
        return RaftGroupId.valueOf(groupId);
    }

    public static UUID uuid(RaftGroupId groupId) {
        return groupId.getUuid();
    }

    public static RaftPeerId peerId(String nodeId) {
        return RaftPeerId.valueOf(nodeId);
    }

    public static RaftPeer peer(GroupSpec.Peer peer) {
        return RaftPeer.newBuilder()
                .setId(peerId(peer.nodeId()))
                .setAddress(peer.raftAddress())
                .build();
    }

    public static RaftGroup group(GroupSpec spec) {
        return RaftGroup.valueOf(groupId(spec.groupId()), spec.peers().stream().map(RatisIds::peer).toList());
    }
}
