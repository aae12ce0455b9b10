package io.atolldb.router.routing;

import io.atolldb.proto.GetRoutingTableRequest;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.RoutingTable;
import io.atolldb.rpc.MetadataClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The router's cached routing table. It is refreshed from the metadata service at a constant rate,
 * not only on misses, so that a fleet of routers never stampedes the metadata service after a change
 * (the DynamoDB paper's lesson on cold-start storms); a miss may also ask for an immediate refresh.
 * Leaders learned from NOT_LEADER answers are kept as hints on top of the table until the next refresh.
 */
public final class RoutingCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingCache.class);

    private final MetadataClient metadata;
    private final ScheduledExecutorService refresher;
    private final Map<Long, String> leaderHints = new ConcurrentHashMap<>();
    /** Partitions learned from nodes after a split, kept until a refresh brings the catalog's record of them. */
    private final Map<Long, PartitionDescriptor> learned = new ConcurrentHashMap<>();
    private volatile Routes routes = Routes.EMPTY;
    private volatile long lastRefreshNanos;
    private long refreshes;

    public RoutingCache(MetadataClient metadata, Duration refreshEvery) {
        this.metadata = metadata;
        this.refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("routing-refresh").daemon().factory());
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Routes routes() {
        return routes;
    }

    /** Every this many refreshes the whole table is fetched, which also renews the leader hints of unchanged tables. */
    static final int FULL_EVERY = 30;

    /**
     * Fetches the routing table now: what changed since the version held (a delta), or the whole table
     * every {@value #FULL_EVERY} refreshes. Throws when the metadata service cannot be reached.
     */
    public synchronized Routes refresh() {
        Routes held = routes;
        long known = refreshes++ % FULL_EVERY == 0 ? 0 : held.version();
        RoutingTable table = metadata.call(stub -> stub.getRoutingTable(GetRoutingTableRequest.newBuilder()
                        .setKnownVersion(known).build()), RoutingTable::getError);
        Routes fresh = table.getDelta() ? held.withDelta(table) : new Routes(table);
        learned.values().removeIf(fresh::knows);
        if (!learned.isEmpty()) {
            fresh = fresh.withLearned(learned.values());
        }
        if (!table.getDelta()) {
            leaderHints.clear(); // the whole table brings every partition's current leader
        }
        routes = fresh;
        lastRefreshNanos = System.nanoTime();
        return fresh;
    }

    /** The leader of a partition: the latest hint, else what the metadata service last said. */
    public Optional<String> leaderOf(long partitionId, String fromTable) {
        String hint = leaderHints.get(partitionId);
        if (hint != null) {
            return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
        }
        return fromTable.isEmpty() ? Optional.empty() : Optional.of(fromTable);
    }

    /** True when the routing table was fetched from the metadata service within {@code maxAge}. */
    public boolean isFresh(Duration maxAge) {
        long last = lastRefreshNanos;
        return last != 0 && System.nanoTime() - last <= maxAge.toNanos();
    }

    /**
     * Takes partitions a node described after a split (the partition as it is now, and the one split off
     * it) before the catalog's routing table has them, so requests go to the right halves at once.
     */
    public synchronized void learn(java.util.List<PartitionDescriptor> partitions) {
        java.util.List<PartitionDescriptor> newer = partitions.stream().filter(p -> !routes.knows(p)).toList();
        if (newer.isEmpty()) {
            return;
        }
        newer.forEach(p -> learned.put(p.getPartitionId(), p));
        routes = routes.withLearned(newer);
    }

    /** How long a node that did not answer in time is tried last: about one election. */
    static final Duration SUSPECT_FOR = Duration.ofSeconds(2);
    private final Map<String, Long> suspects = new ConcurrentHashMap<>();

    /**
     * A node that did not answer in time (paused, cut off, dead): for {@link #SUSPECT_FOR} every call tries
     * the other replicas first and distrusts hints naming it as leader, which its followers keep giving
     * until they elect another. Shared by all calls, so concurrent requests do not each wait on it.
     */
    public void suspect(String nodeId) {
        suspects.put(nodeId, System.nanoTime() + SUSPECT_FOR.toNanos());
    }

    /** The node answered: it is no longer suspect. */
    public void answered(String nodeId) {
        if (!suspects.isEmpty()) {
            suspects.remove(nodeId);
        }
    }

    public boolean isSuspect(String nodeId) {
        Long until = suspects.get(nodeId);
        return until != null && System.nanoTime() < until;
    }

    public void noteLeader(long partitionId, String nodeId) {
        leaderHints.put(partitionId, nodeId);
    }

    public void forgetLeader(long partitionId) {
        leaderHints.put(partitionId, "");
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debug("routing table refresh failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
