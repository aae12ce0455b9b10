package io.atolldb.consensus.internal;

import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Leadership decisions as pure functions, testable without a cluster.
 *
 * <p>Ratis lets a leader hand over only to a peer of the highest priority (ties allowed), and a
 * leader steps aside by itself for a caught-up peer of higher priority. So moving leadership for
 * good means first making the target the highest-priority peer ({@link #preferring}), a
 * configuration change recorded in the group's log.
 */
public final class LeadershipPlans {
    private LeadershipPlans() {
    }

    /**
     * What a leader knows about one other member when choosing its successor.
     *
     * @param responsive  the leader heard from it within the minimum election timeout
     * @param commitIndex the commit index it last reported (how caught up it is)
     */
    public record Follower(String nodeId, int priority, boolean responsive, long commitIndex) {
    }

    private static final Comparator<Follower> BEST_FIRST = Comparator
            .comparing(Follower::responsive).reversed()
            .thenComparing(Comparator.comparingInt(Follower::priority).reversed())
            .thenComparing(Comparator.comparingLong(Follower::commitIndex).reversed())
            .thenComparing(Follower::nodeId);

    /** The best successor: responsive first, then highest priority, then most caught up, then by id. */
    public static Optional<String> successor(List<Follower> followers) {
        return followers.stream().min(BEST_FIRST).map(Follower::nodeId);
    }

    /**
     * The peers with {@code target}'s priority raised to the current maximum, or empty when the
     * target already has the highest priority (or is not a member).
     */
    public static Optional<List<RaftPeer>> preferring(Collection<RaftPeer> peers, RaftPeerId target) {
        final int highest = peers.stream().mapToInt(RaftPeer::getPriority).max().orElse(0);
        final Optional<RaftPeer> member = peers.stream().filter(p -> p.getId().equals(target)).findFirst();
        if (member.isEmpty() || member.get().getPriority() >= highest) {
            return Optional.empty();
        }
        return Optional.of(peers.stream()
                .map(p -> p.getId().equals(target) ? RaftPeer.newBuilder(p).setPriority(highest).build() : p)
                .toList());
    }
}
