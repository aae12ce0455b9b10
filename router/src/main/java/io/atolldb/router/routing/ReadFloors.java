package io.atolldb.router.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per partition, the log entry of the newest write this router acknowledged there. An eventually
 * consistent read asks its replica for at least that entry ({@code min_applied_index}), so a read sent
 * after a write was acknowledged through this router sees it, whichever replica serves it: a follower
 * that has not applied it yet waits a moment or sends the read to the leader. DynamoDB promises less
 * (such a read "might not reflect" a recent write); clients written against DynamoDB Local, which is
 * always consistent, expect this.
 *
 * <p>A partition keeps its Raft log across moves and leader changes, and the left half of a split keeps
 * its parent's, so an entry index stays meaningful for the partition id it was recorded under.
 */
final class ReadFloors {
    private final ConcurrentMap<Long, Long> floors = new ConcurrentHashMap<>();

    void acknowledged(long partitionId, long appliedIndex) {
        if (appliedIndex > 0) {
            floors.merge(partitionId, appliedIndex, Math::max);
        }
    }

    long floor(long partitionId) {
        return floors.getOrDefault(partitionId, 0L);
    }
}
