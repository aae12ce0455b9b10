package io.atolldb.node.runtime;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * The Raft group id of a partition is derived from its partition id (never reused), so any node can
 * name the group of any partition without asking anyone.
 */
public final class PartitionGroups {
    /** "atollprt" in ASCII: marks a UUID as a partition group id. */
    private static final long MARKER = 0x61746f6c6c707274L;

    private PartitionGroups() {
    }

    public static UUID groupId(long partitionId) {
        return new UUID(MARKER, partitionId);
    }

    /** The partition id behind a group id, or empty when the group is not a partition's. */
    public static OptionalLong partitionId(UUID groupId) {
        return groupId.getMostSignificantBits() == MARKER
                ? OptionalLong.of(groupId.getLeastSignificantBits())
                : OptionalLong.empty();
    }
}
