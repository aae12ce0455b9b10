package io.atolldb.consensus;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A Raft group: its id and its members. A peer's id is the node id of the process hosting it.
 * A higher priority makes a peer the preferred leader: the current leader hands over to it when
 * it is caught up, which is how leaders are spread across nodes.
 *
 * <p>Invariants: at least one peer; node ids are unique within the group.
 */
public record GroupSpec(UUID groupId, List<Peer> peers) {
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
    }

    /** One member: the node hosting it, that node's Raft address (host:port) and its leader priority. */
    public record Peer(String nodeId, String raftAddress, int priority) {
        public Peer {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(raftAddress, "raftAddress");
        }
    }
}
