package io.atolldb.consensus.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The preferred leaders of the groups this server created, until each group's first leader is known.
 * A group's first leader that is not its preferred one hands leadership over as soon as it is ready
 * (its first entry committed); any other first leader ends the wait. After that nothing here
 * concerns the group: later elections are free, and moving leadership is the balancer's job.
 *
 * <p>Ratis calls {@link #leaderChanged} and {@link #leaderReady} from its own threads; the hand-over
 * must not block them.
 */
public final class FirstLeaders {
    private final String self;
    private final Map<UUID, String> preferred = new ConcurrentHashMap<>();
    private volatile BiConsumer<UUID, String> handOver = (group, target) -> { };

    public FirstLeaders(String self) {
        this.self = self;
    }

    /** Where a group's first leader, when it is this server and not {@code target}, hands over to. */
    public void onHandOver(BiConsumer<UUID, String> handOver) {
        this.handOver = handOver;
    }

    /** A group this server is about to create should first be led by {@code preferredLeader}. */
    public void expect(UUID group, String preferredLeader) {
        preferred.put(group, preferredLeader);
    }

    /** The group is no longer hosted here. */
    public void forget(UUID group) {
        preferred.remove(group);
    }

    /** Some replica of the group is its leader now. */
    public void leaderChanged(UUID group, String leader) {
        if (!leader.equals(self) || leader.equals(preferred.get(group))) {
            preferred.remove(group);
        }
    }

    /** This replica leads the group and its first entry of the term is committed. */
    public void leaderReady(UUID group) {
        final String target = preferred.remove(group);
        if (target != null && !target.equals(self)) {
            handOver.accept(group, target);
        }
    }

    /** Whether a group still waits for its first leader (for tests). */
    boolean waiting(UUID group) {
        return preferred.containsKey(group);
    }
}
