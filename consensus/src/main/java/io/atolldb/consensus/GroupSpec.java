package io.atolldb.consensus;

import java.util.List;
import java.util.UUID;

/**
 * A Raft group: its id and its members. A peer's id is the node id of the process hosting it.
 * A higher priority makes a peer the preferred leader: the current leader hands over to it when
 * it is caught up, which is how leaders are spread across nodes.
 */
public record GroupSpec(UUID groupId, List<Peer> peers) {
    public GroupSpec {
        peers = List.copyOf(peers);
    }

    public record Peer(String nodeId, String raftAddress, int priority) {
    }
}
