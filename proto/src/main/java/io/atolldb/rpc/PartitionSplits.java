package io.atolldb.rpc;

import io.atolldb.proto.Epoch;
import io.atolldb.proto.PartitionDescriptor;

/**
 * The descriptors a split in place produces, computed in one place: the partition's replicas (which apply
 * the split from their Raft log) and the catalog (which records it afterwards) must reach exactly the
 * same two descriptors, or routers would see a partition map that no node agrees with.
 *
 * <p>The parent keeps {@code [start, token)} and its id; the child takes {@code [token, end)} under a new
 * id, on the same replicas. Both get the parent's split version + 1 (so a router holding the parent's old
 * descriptor is refused with EPOCH_MISMATCH on either half) and the parent's conf version.
 */
public final class PartitionSplits {
    private PartitionSplits() {
    }

    /** True when {@code token} lies strictly inside the partition's range: both halves would be non-empty. */
    public static boolean canSplitAt(PartitionDescriptor parent, long token) {
        long start = parent.getTokenStart();
        long end = parent.getTokenEnd();
        return Long.compareUnsigned(token, start) > 0 && (end == 0 || Long.compareUnsigned(token, end) < 0);
    }

    /** The parent after the split: {@code [start, token)}. */
    public static PartitionDescriptor left(PartitionDescriptor parent, long token) {
        require(parent, token);
        return parent.toBuilder().setTokenEnd(token).setEpoch(next(parent.getEpoch())).build();
    }

    /** The new partition: {@code [token, end)}, id {@code childId}, on the parent's replicas. */
    public static PartitionDescriptor right(PartitionDescriptor parent, long token, long childId) {
        require(parent, token);
        return parent.toBuilder().setPartitionId(childId).setTokenStart(token)
                .setEpoch(next(parent.getEpoch())).setParentPartitionId(parent.getPartitionId()).build();
    }

    private static Epoch next(Epoch epoch) {
        return epoch.toBuilder().setSplitVersion(epoch.getSplitVersion() + 1).build();
    }

    private static void require(PartitionDescriptor parent, long token) {
        if (!canSplitAt(parent, token)) {
            throw new IllegalArgumentException("token " + Long.toUnsignedString(token) + " does not split partition "
                    + parent.getPartitionId());
        }
    }
}
