package io.atolldb.metadata.scheduler;

import io.atolldb.metadata.catalog.Catalog;
import io.atolldb.metadata.catalog.Operations;
import io.atolldb.metadata.group.ClusterView;
import io.atolldb.metadata.group.MetadataGroup;
import io.atolldb.proto.ChangeMembersRequest;
import io.atolldb.proto.ChangeMembersResponse;
import io.atolldb.proto.EndOperation;
import io.atolldb.proto.FinishMove;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.MetadataError;
import io.atolldb.proto.MoveOperation;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.Operation;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.Replica;
import io.atolldb.proto.SplitPartitionResponse;
import io.atolldb.proto.StartOperation;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;
import io.atolldb.proto.TransferLeaderRequest;
import io.atolldb.proto.TransferLeaderResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Moves replicas, on the metadata leader (docs/ARCHITECTURE.md, "Life of a move"), for four reasons, in
 * this order of urgency:
 * <ol>
 *   <li><b>heal</b>: a node unheard for the dead-after time is dead; each of its replicas is re-created on
 *       another live node of its zone (none there: the partition stays on two replicas, never two in one zone);</li>
 *   <li><b>drain</b>: every replica of a draining node moves to other nodes of its zone;</li>
 *   <li><b>balance</b>: within each zone, a node holding more than max(1, 10%) above the mean replica
 *       count gives one to the node holding fewest;</li>
 *   <li><b>leaders</b>: a node leading more partitions than its share hands one leadership to a replica on
 *       a node leading fewer.</li>
 * </ol>
 * A move is an operation in the catalog: the new member joins (the partition's leader takes a snapshot,
 * the new member receives it, then the log), and one compare-and-set membership change swaps it for the
 * old one, so the partition never has fewer than two live replicas. Moves run a few at a time, each
 * partition one operation at a time, and every step is idempotent: a new metadata leader carries on with
 * the moves it finds running. A move whose new node dies is rolled back.
 */
public final class Mover implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Mover.class);

    /**
     * @param deadAfter     a node unheard for longer is dead: its replicas are re-created elsewhere
     * @param maxRunning    moves running at once, cluster-wide
     * @param balance       whether replicas and leaders are balanced (healing and draining always run)
     */
    public record Settings(Duration deadAfter, int maxRunning, boolean balance) {
        public static final Duration DEFAULT_DEAD_AFTER = Duration.ofMinutes(5);

        public static Settings defaults() {
            return new Settings(DEFAULT_DEAD_AFTER, 4, true);
        }
    }

    private final MetadataGroup group;
    private final ClusterView cluster;
    private final LeaderCalls calls;
    private final Clock clock;
    private final Settings settings;
    /** Moves whose membership change is being asked for now (it can take minutes): not asked again meanwhile. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService changes = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("metadata-move-", 0).factory());
    /**
     * The leader balancer hands over at most one leadership per this interval: each handover is a short
     * election, and leaders are counted from heartbeats, which need a few beats to show the last one.
     */
    static final Duration LEADER_TRANSFER_EVERY = Duration.ofSeconds(10);
    private volatile long lastLeaderTransfer = System.nanoTime() - LEADER_TRANSFER_EVERY.toNanos();

    /** When this replica last became leader (nanos), or -1: nodes never heard since then count from it. */
    private volatile long leaderSince = -1;

    private final OperationMetrics metrics;

    private final int maxReplicasPerNode;

    public Mover(MetadataGroup group, ClusterView cluster, io.atolldb.rpc.Channels channels, Clock clock, Settings settings,
                 OperationMetrics metrics, int maxReplicasPerNode) {
        this.metrics = metrics;
        this.maxReplicasPerNode = maxReplicasPerNode;
        this.group = group;
        this.cluster = cluster;
        this.calls = new LeaderCalls(channels, Duration.ofSeconds(5));
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void run() {
        try {
            if (!group.isLeader()) {
                leaderSince = -1;
                return;
            }
            if (leaderSince == -1) {
                leaderSince = System.nanoTime();
            }
            for (Operation operation : group.catalog().running()) {
                if (operation.hasMove() && !inFlight.contains(operation.getOperationId())) {
                    drive(operation);
                }
            }
            startMoves();
            if (settings.balance()) {
                balanceLeaders();
            }
        } catch (MetadataGroup.ProposalFailed e) {
            LOG.debug("move step did not apply: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("move step failed", e);
        }
    }

    /** An operator's move: starts it now; {@code to} empty picks the least loaded live node of the zone. */
    public SplitPartitionResponse requested(Catalog catalog, long partitionId, String from, String to)
            throws MetadataGroup.ProposalFailed {
        Optional<PartitionDescriptor> partition = catalog.partition(partitionId);
        if (partition.isEmpty()) {
            return refused("no partition " + partitionId);
        }
        Optional<Replica> source = partition.get().getReplicasList().stream().filter(r -> r.getNodeId().equals(from)).findFirst();
        if (source.isEmpty()) {
            return refused(from + " holds no replica of partition " + partitionId);
        }
        String target = to;
        if (target.isEmpty()) {
            Optional<NodeInfo> chosen = target(catalog, partition.get(), source.get().getZone(), replicaCounts(catalog));
            if (chosen.isEmpty()) {
                return refused("zone " + source.get().getZone() + " has no other live node to move to");
            }
            target = chosen.get().getNodeId();
        } else if (!cluster.isLive(target)) {
            return refused(target + " is not live");
        }
        return start(partition.get(), from, target, "requested");
    }

    /** True when the node has been unheard for the dead-after time (counted from this leader's start at most). */
    public boolean isDead(String nodeId) {
        long since = leaderSince;
        if (since == -1 || cluster.isLive(nodeId)) {
            return false;
        }
        long heard = cluster.millisSinceHeard(nodeId);
        long leading = Duration.ofNanos(System.nanoTime() - since).toMillis();
        long silent = heard < 0 ? leading : Math.min(heard, leading);
        return silent > settings.deadAfter().toMillis();
    }

    // ---- one move ----

    private void drive(Operation operation) throws MetadataGroup.ProposalFailed {
        Catalog catalog = group.catalog();
        MoveOperation move = operation.getMove();
        Optional<PartitionDescriptor> partition = catalog.partition(move.getPartitionId());
        NodeInfo to = catalog.nodes().get(move.getToNodeId());
        if (partition.isEmpty() || to == null) {
            end(operation, "the partition or the new node is gone");
            return;
        }
        PartitionDescriptor before = partition.get();
        PartitionDescriptor after = Operations.moved(before, move, to.getZone());
        if (isDead(move.getToNodeId())) {
            // Put the old members back (a no-op when the change never happened), then give up.
            changeMembers(operation, after, before, () -> end(operation, "the new node " + move.getToNodeId() + " died"));
            return;
        }
        boolean joined = cluster.hosts(move.getToNodeId(), before.getPartitionId());
        if (!joined) {
            return; // the new node opens the replica on its next heartbeat
        }
        changeMembers(operation, before, after, () -> finish(operation));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws MetadataGroup.ProposalFailed;
    }

    /** Asks the partition's leader to change its members, off the scheduler thread; {@code then} once they are changed. */
    private void changeMembers(Operation operation, PartitionDescriptor from, PartitionDescriptor to, Step then) {
        Catalog catalog = group.catalog();
        List<NodeInfo> current = infos(catalog, from);
        List<NodeInfo> wanted = infos(catalog, to);
        if (current.size() != from.getReplicasCount() || wanted.size() != to.getReplicasCount()) {
            return;
        }
        if (!inFlight.add(operation.getOperationId())) {
            return;
        }
        changes.execute(() -> {
            try {
                Optional<ChangeMembersResponse> answer = calls.call(catalog, from, cluster.leaderOf(from.getPartitionId()),
                        (stub, p) -> stub.withDeadlineAfter(6, java.util.concurrent.TimeUnit.MINUTES).changeMembers(
                                ChangeMembersRequest.newBuilder().setPartitionId(p.getPartitionId())
                                        .addAllCurrent(current).addAllWanted(wanted).build()),
                        r -> r.hasRoutingError() ? r.getRoutingError() : null);
                if (answer.isPresent() && answer.get().getRefused().isEmpty() && group.isLeader()) {
                    then.run();
                } else if (answer.isPresent()) {
                    LOG.info("move {}: membership change refused: {}", operation.getOperationId(), answer.get().getRefused());
                }
            } catch (MetadataGroup.ProposalFailed | RuntimeException e) {
                LOG.debug("move {}: step did not complete: {}", operation.getOperationId(), e.toString());
            } finally {
                inFlight.remove(operation.getOperationId());
            }
        });
    }

    private void finish(Operation operation) throws MetadataGroup.ProposalFailed {
        group.propose(command().setFinishMove(FinishMove.newBuilder().setOperationId(operation.getOperationId())).build());
        metrics.ended("move", operation.getReason(), true);
        MoveOperation move = operation.getMove();
        LOG.info("move {} done: partition {} from {} to {}", operation.getOperationId(), move.getPartitionId(),
                move.getFromNodeId(), move.getToNodeId());
    }

    private void end(Operation operation, String outcome) throws MetadataGroup.ProposalFailed {
        group.propose(command().setEndOperation(EndOperation.newBuilder().setOperationId(operation.getOperationId())
                .setOutcome(outcome)).build());
        metrics.ended("move", operation.getReason(), false);
        LOG.warn("move {} of partition {} failed: {}", operation.getOperationId(), operation.getMove().getPartitionId(), outcome);
    }

    // ---- which moves to start ----

    private void startMoves() throws MetadataGroup.ProposalFailed {
        Catalog catalog = group.catalog();
        int running = (int) catalog.running().stream().filter(Operation::hasMove).count();
        Map<String, Integer> counts = replicaCounts(catalog);
        Set<String> dead = catalog.nodes().keySet().stream().filter(this::isDead).collect(Collectors.toSet());
        for (String reason : List.of("heal", "drain")) {
            Set<String> leaving = reason.equals("heal") ? dead : catalog.draining();
            for (PartitionDescriptor partition : livePartitions(catalog)) {
                if (running >= settings.maxRunning()) {
                    return;
                }
                for (Replica replica : partition.getReplicasList()) {
                    if (!leaving.contains(replica.getNodeId()) || Operations.busy(group.catalog(), partition.getPartitionId())) {
                        continue;
                    }
                    Optional<NodeInfo> target = target(catalog, partition, replica.getZone(), counts);
                    if (target.isEmpty()) {
                        continue; // no other live node in the zone: the partition keeps its other replicas
                    }
                    SplitPartitionResponse started = start(partition, replica.getNodeId(), target.get().getNodeId(),
                            reason.equals("heal") ? "heal: " + replica.getNodeId() + " is dead" : "drain " + replica.getNodeId());
                    if (!started.hasError()) {
                        running++;
                        counts.merge(target.get().getNodeId(), 1, Integer::sum);
                    }
                    break;
                }
            }
        }
        if (settings.balance() && running == 0) {
            balanceReplicas(catalog, counts, dead);
        }
    }

    /** One move from the fullest node of a zone to its emptiest, when they are further apart than allowed. */
    private void balanceReplicas(Catalog catalog, Map<String, Integer> counts, Set<String> dead) throws MetadataGroup.ProposalFailed {
        Map<String, List<NodeInfo>> zones = new HashMap<>();
        for (NodeInfo node : catalog.nodes().values()) {
            if (cluster.isLive(node.getNodeId()) && !catalog.draining().contains(node.getNodeId()) && !dead.contains(node.getNodeId())) {
                zones.computeIfAbsent(node.getZone(), z -> new ArrayList<>()).add(node);
            }
        }
        for (List<NodeInfo> nodes : zones.values()) {
            if (nodes.size() < 2) {
                continue;
            }
            nodes.sort(Comparator.comparingInt((NodeInfo n) -> counts.getOrDefault(n.getNodeId(), 0)).thenComparing(NodeInfo::getNodeId));
            NodeInfo emptiest = nodes.getFirst();
            NodeInfo fullest = nodes.getLast();
            double mean = nodes.stream().mapToInt(n -> counts.getOrDefault(n.getNodeId(), 0)).average().orElse(0);
            double allowed = Math.max(1, 0.1 * mean);
            int most = counts.getOrDefault(fullest.getNodeId(), 0);
            int least = counts.getOrDefault(emptiest.getNodeId(), 0);
            if (most - mean <= allowed && mean - least <= allowed) {
                continue;
            }
            for (PartitionDescriptor partition : livePartitions(catalog)) {
                boolean onFullest = partition.getReplicasList().stream().anyMatch(r -> r.getNodeId().equals(fullest.getNodeId()));
                boolean onEmptiest = partition.getReplicasList().stream().anyMatch(r -> r.getNodeId().equals(emptiest.getNodeId()));
                if (onFullest && !onEmptiest && !Operations.busy(catalog, partition.getPartitionId())) {
                    start(partition, fullest.getNodeId(), emptiest.getNodeId(),
                            "balance: " + fullest.getNodeId() + " holds " + most + ", " + emptiest.getNodeId() + " " + least);
                    return;
                }
            }
        }
    }

    /**
     * One leadership handed from the node leading the most partitions to a replica on one leading fewer, when
     * the most is more than max(1, 10%) above its share, and at most once per {@link #LEADER_TRANSFER_EVERY}.
     */
    private void balanceLeaders() {
        if (System.nanoTime() - lastLeaderTransfer < LEADER_TRANSFER_EVERY.toNanos()) {
            return;
        }
        Catalog catalog = group.catalog();
        Map<String, Integer> leaders = new HashMap<>();
        List<NodeInfo> live = catalog.nodes().values().stream().filter(n -> cluster.isLive(n.getNodeId())).toList();
        live.forEach(n -> leaders.put(n.getNodeId(), 0));
        List<PartitionDescriptor> partitions = livePartitions(catalog);
        Map<Long, String> leaderOf = new HashMap<>();
        for (PartitionDescriptor partition : partitions) {
            cluster.leaderOf(partition.getPartitionId()).ifPresent(leader -> {
                leaderOf.put(partition.getPartitionId(), leader);
                leaders.merge(leader, 1, Integer::sum);
            });
        }
        if (live.size() < 2 || leaderOf.size() < partitions.size()) {
            return; // a partition without a leader: elections are under way, wait
        }
        double share = (double) leaderOf.size() / live.size();
        String most = leaders.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        if (leaders.get(most) - share <= Math.max(1, 0.1 * share)) {
            return;
        }
        for (PartitionDescriptor partition : partitions) {
            if (!most.equals(leaderOf.get(partition.getPartitionId())) || Operations.busy(catalog, partition.getPartitionId())) {
                continue;
            }
            Optional<String> to = partition.getReplicasList().stream().map(Replica::getNodeId)
                    .filter(n -> !n.equals(most) && cluster.isLive(n) && leaders.getOrDefault(n, 0) < Math.floor(share) + 1
                            && leaders.getOrDefault(n, 0) + 1 < leaders.get(most))
                    .min(Comparator.comparingInt(n -> leaders.getOrDefault(n, 0)));
            if (to.isPresent()) {
                lastLeaderTransfer = System.nanoTime();
                calls.call(catalog, partition, Optional.of(most),
                        (stub, p) -> stub.transferLeader(TransferLeaderRequest.newBuilder().setPartitionId(p.getPartitionId())
                                .setToNodeId(to.get()).build()),
                        (TransferLeaderResponse r) -> r.hasRoutingError() ? r.getRoutingError() : null);
                LOG.info("leadership of partition {} handed from {} ({} leaders) to {}", partition.getPartitionId(), most,
                        leaders.get(most), to.get());
                return;
            }
        }
    }

    // ---- helpers ----

    private SplitPartitionResponse start(PartitionDescriptor partition, String from, String to, String reason)
            throws MetadataGroup.ProposalFailed {
        var operation = Operation.newBuilder().setReason(reason).setMove(MoveOperation.newBuilder()
                .setTableId(partition.getTableId()).setPartitionId(partition.getPartitionId())
                .setFromNodeId(from).setToNodeId(to).setConfVersion(partition.getEpoch().getConfVersion()));
        byte[] reply = group.propose(command().setStartOperation(StartOperation.newBuilder().setOperation(operation)).build());
        try {
            SplitPartitionResponse response = SplitPartitionResponse.parseFrom(reply);
            if (!response.hasError()) {
                LOG.info("move {} started: partition {} from {} to {} ({})", response.getOperation().getOperationId(),
                        partition.getPartitionId(), from, to, reason);
            }
            return response;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable StartOperation reply", e);
        }
    }

    /** The least loaded live, not draining node of {@code zone} that holds no replica of the partition. */
    private Optional<NodeInfo> target(Catalog catalog, PartitionDescriptor partition, String zone, Map<String, Integer> counts) {
        Set<String> members = partition.getReplicasList().stream().map(Replica::getNodeId).collect(Collectors.toSet());
        return catalog.nodes().values().stream()
                .filter(n -> n.getZone().equals(zone) && !members.contains(n.getNodeId()))
                .filter(n -> cluster.isLive(n.getNodeId()) && !catalog.draining().contains(n.getNodeId()))
                .filter(n -> counts.getOrDefault(n.getNodeId(), 0) < maxReplicasPerNode)
                .min(Comparator.comparingInt((NodeInfo n) -> counts.getOrDefault(n.getNodeId(), 0)).thenComparing(NodeInfo::getNodeId));
    }

    /** Replicas per node, counting where running moves are taking them. */
    private static Map<String, Integer> replicaCounts(Catalog catalog) {
        Map<String, Integer> counts = new HashMap<>();
        catalog.nodes().keySet().forEach(n -> counts.put(n, 0));
        for (PartitionDescriptor partition : catalog.partitions()) {
            partition.getReplicasList().forEach(r -> counts.merge(r.getNodeId(), 1, Integer::sum));
        }
        for (Operation operation : catalog.running()) {
            if (operation.hasMove()) {
                counts.merge(operation.getMove().getToNodeId(), 1, Integer::sum);
                counts.merge(operation.getMove().getFromNodeId(), -1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<PartitionDescriptor> livePartitions(Catalog catalog) {
        return catalog.tables().values().stream().filter(t -> t.getStatus() == TableStatus.TABLE_STATUS_ACTIVE)
                .flatMap((TableDescriptor t) -> t.getPartitionsList().stream()).toList();
    }

    private static List<NodeInfo> infos(Catalog catalog, PartitionDescriptor partition) {
        return partition.getReplicasList().stream().map(r -> catalog.nodes().get(r.getNodeId()))
                .filter(java.util.Objects::nonNull).toList();
    }

    private MetadataCommand.Builder command() {
        return MetadataCommand.newBuilder().setTimestampMillis(clock.millis());
    }

    private static SplitPartitionResponse refused(String message) {
        return SplitPartitionResponse.newBuilder().setError(MetadataError.newBuilder()
                .setCode(MetadataError.Code.INVALID).setMessage(message)).build();
    }

    /** Stops the membership changes in flight (the next leader carries on with their operations). */
    public void close() {
        changes.shutdownNow();
    }
}
