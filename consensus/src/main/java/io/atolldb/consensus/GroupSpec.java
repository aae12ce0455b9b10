package io.atolldb.consensus;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A Raft group: its id, its members and, optionally, its preferred leader. A peer's id is the node id
 * of the process hosting it.
 *
 * <p>A new group's first leader hands leadership to the preferred leader once it is elected (see
 * {@link ConsensusServer#addGroup}); that is how leaders are spread over nodes. Nothing pulls
 * leadership back later: every peer is equal in elections, so when a leader fails any up-to-date
 * follower that times out first wins. (Ratis' peer priorities would keep the preference for good, but a
 * voter of higher priority refuses a lower one's candidacy and a candidate waits for every
 * higher-priority peer's vote until its election timeout, which makes failover of a paused leader
 * take several timeouts.)
 *
 * <p>Invariants: at least one peer; node ids are unique within the group; the preferred leader, when
 * there is one, is a peer.
 *
 * @param preferredLeader the node id of the peer that should lead a new group, or null
 */
public record GroupSpec(UUID groupId, List<Peer> peers, String preferredLeader) {
    public GroupSpec {
        Objects.requireNonNull(groupId, "groupId");
        peers = List.copyOf(peers);
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("group " + groupId + " has no peers");
        }
        final var nodeIds = new HashSet<String>();
        for (Peer peer : peers) {
            if (!nodeIds.add(peer.nodeId())) {
                throw new IllegalArgumentException("group " + groupId + " lists node " + peer.nodeId() + " twice");
            }
        }
        if (preferredLeader != null && !nodeIds.contains(preferredLeader)) {
            throw new IllegalArgumentException("group " + groupId + ": preferred leader " + preferredLeader + " is not a peer");
        }
    }

    /** A group with no preferred leader: the first elected keeps leading. */
    public GroupSpec(UUID groupId, List<Peer> peers) {
        this(groupId, peers, null);
    }

    /** One member: the node hosting it and that node's Raft address (host:port). */
    public record Peer(String nodeId, String raftAddress) {
        public Peer {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(raftAddress, "raftAddress");
        }
    }
}
