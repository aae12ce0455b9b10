package io.atolldb.metadata.scheduler;

import io.atolldb.metadata.catalog.Catalog;
import io.atolldb.metadata.group.ClusterView;
import io.atolldb.metadata.group.MetadataGroup;
import io.atolldb.proto.EndOperation;
import io.atolldb.proto.FinishSplit;
import io.atolldb.proto.IndexMaintenance;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.MetadataError;
import io.atolldb.proto.Operation;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionSplit;
import io.atolldb.proto.ReplicaReport;
import io.atolldb.proto.SplitKeyRequest;
import io.atolldb.proto.SplitKeyResponse;
import io.atolldb.proto.SplitOperation;
import io.atolldb.proto.SplitPartitionRequest;
import io.atolldb.proto.SplitPartitionResponse;
import io.atolldb.proto.SplitRequest;
import io.atolldb.proto.SplitResponse;
import io.atolldb.proto.StartOperation;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;
import io.atolldb.rpc.PartitionSplits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits partitions in place, on the metadata leader (docs/ARCHITECTURE.md, "Life of a split"):
 * <ol>
 *   <li>A partition whose leader reports more than the split size stored (or one an operator names) gets a
 *       split key from its leader: the token of the item at the middle of its bytes.</li>
 *   <li>{@code StartOperation} records the split as RUNNING in the catalog and assigns the child's id.</li>
 *   <li>The partition's leader proposes {@code PartitionSplit} to its Raft group; every replica applies it
 *       and opens the child's Raft group on the same nodes. Idempotent: a retry answers the same halves.</li>
 *   <li>{@code FinishSplit} puts both halves into the catalog; routers pick them up.</li>
 * </ol>
 * Every step is safe to repeat, and a new metadata leader drives the running splits it finds in the catalog,
 * so a leader that dies mid-way leaves nothing half done. A split is ended as FAILED only when the
 * partition's leader refused it for good (its split version moved on, which no other operation can do
 * while this one runs): an answer that is merely missing is retried, never taken for a failure, because
 * a split applied in the partition but dropped from the catalog would lose the child's items.
 */
public final class Splitter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Splitter.class);

    /**
     * @param splitSizeBytes      a partition whose leader reports more stored bytes is split (0: never by size)
     * @param maxRunning          splits running at once, cluster-wide
     * @param writeUnitsPerSecond a partition applying more write units a second than this for {@code sustained}
     *                            is split at the middle of its load (0: never by load); DynamoDB's limit is 1,000
     * @param readUnitsPerSecond  likewise for read units served by all its replicas; DynamoDB's limit is 3,000
     * @param sustained           how long the load must stay above a limit
     */
    public record Settings(long splitSizeBytes, int maxRunning, double writeUnitsPerSecond, double readUnitsPerSecond,
                           Duration sustained) {
        public static final long DEFAULT_SPLIT_SIZE = 10L * 1024 * 1024 * 1024;
        public static final double DEFAULT_WRITE_UNITS = 1_000;
        public static final double DEFAULT_READ_UNITS = 3_000;
        public static final Duration DEFAULT_SUSTAINED = Duration.ofSeconds(10);

        /** Splits by size, and by load at DynamoDB's per-partition limits sustained for 10 s. */
        public Settings(long splitSizeBytes, int maxRunning) {
            this(splitSizeBytes, maxRunning, DEFAULT_WRITE_UNITS, DEFAULT_READ_UNITS, DEFAULT_SUSTAINED);
        }
    }

    private final MetadataGroup group;
    private final ClusterView cluster;
    private final LeaderCalls calls;
    private final Clock clock;
    private final Settings settings;
    /** Partitions that had no split key, and their size then: not tried again until they double. */
    private final Map<Long, Long> unsplittable = new ConcurrentHashMap<>();
    /** Partitions above a load limit, and since when (nanos); memory only (a new leader watches afresh). */
    private final Map<Long, Long> hotSince = new ConcurrentHashMap<>();

    private final OperationMetrics metrics;

    private final int maxReplicasPerNode;

    public Splitter(MetadataGroup group, ClusterView cluster, io.atolldb.rpc.Channels channels, Clock clock, Settings settings,
                    OperationMetrics metrics, int maxReplicasPerNode) {
        this.metrics = metrics;
        this.maxReplicasPerNode = maxReplicasPerNode;
        this.group = group;
        this.cluster = cluster;
        this.calls = new LeaderCalls(channels, java.time.Duration.ofSeconds(5));
        this.clock = clock;
        this.settings = settings;
    }

    /** An operator's split: starts it now (the driving itself happens on the next ticks). */
    public SplitPartitionResponse requested(Catalog catalog, SplitPartitionRequest request) throws MetadataGroup.ProposalFailed {
        Optional<PartitionDescriptor> partition = catalog.partition(request.getPartitionId());
        if (partition.isEmpty()) {
            return refused(MetadataError.Code.INVALID, "no partition " + request.getPartitionId());
        }
        long token = request.getSplitToken();
        if (token == 0) {
            Optional<SplitKeyResponse> key = splitKey(catalog, partition.get());
            if (key.isEmpty()) {
                return refused(MetadataError.Code.UNAVAILABLE, "the leader of partition " + request.getPartitionId()
                        + " did not answer; try again");
            }
            if (!key.get().getFound()) {
                return refused(MetadataError.Code.INVALID, "partition " + request.getPartitionId()
                        + " has no key to split at: its items share one token");
            }
            token = key.get().getSplitToken();
        }
        return start(partition.get(), token, "requested");
    }

    @Override
    public void run() {
        try {
            if (!group.isLeader()) {
                return;
            }
            for (Operation operation : group.catalog().running()) {
                if (operation.hasSplit()) {
                    drive(operation);
                }
            }
            startSizeSplits();
            startHeatSplits();
        } catch (MetadataGroup.ProposalFailed e) {
            LOG.debug("split step did not apply: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("split step failed", e);
        }
    }

    private void startSizeSplits() throws MetadataGroup.ProposalFailed {
        if (settings.splitSizeBytes() <= 0) {
            return;
        }
        Catalog catalog = group.catalog();
        int running = catalog.running().size();
        for (TableDescriptor table : catalog.tables().values()) {
            if (table.getStatus() != TableStatus.TABLE_STATUS_ACTIVE) {
                continue;
            }
            for (PartitionDescriptor partition : table.getPartitionsList()) {
                if (running >= settings.maxRunning()) {
                    return;
                }
                Optional<ReplicaReport> report = cluster.leaderReport(partition.getPartitionId());
                if (report.isEmpty() || report.get().getSizeBytes() <= settings.splitSizeBytes()
                        || busy(catalog, partition.getPartitionId()) || !roomFor(catalog, partition)) {
                    continue;
                }
                long size = report.get().getSizeBytes();
                Long noKeyAt = unsplittable.get(partition.getPartitionId());
                if (noKeyAt != null && size < 2 * noKeyAt) {
                    continue;
                }
                Optional<SplitKeyResponse> key = splitKey(catalog, partition);
                if (key.isEmpty()) {
                    continue;
                }
                if (!key.get().getFound()) {
                    unsplittable.put(partition.getPartitionId(), size);
                    LOG.info("partition {} ({} bytes) has no split key: its items share one token", partition.getPartitionId(), size);
                    continue;
                }
                SplitPartitionResponse started = start(partition, key.get().getSplitToken(),
                        "size " + mib(size) + " above " + mib(settings.splitSizeBytes()));
                if (!started.hasError()) {
                    running++;
                }
            }
        }
    }

    /**
     * Split for heat: a partition whose writes (as its leader applies them) or reads (as all its replicas serve
     * them) stay above DynamoDB's per-partition limits for the sustained time is split at the middle of its
     * recent load, so each half takes about half of it. A single hot partition key (all the load on one
     * token) cannot be split.
     */
    private void startHeatSplits() throws MetadataGroup.ProposalFailed {
        if (settings.writeUnitsPerSecond() <= 0 && settings.readUnitsPerSecond() <= 0) {
            return;
        }
        Catalog catalog = group.catalog();
        int running = catalog.running().size();
        long now = System.nanoTime();
        for (TableDescriptor table : catalog.tables().values()) {
            if (table.getStatus() != TableStatus.TABLE_STATUS_ACTIVE) {
                continue;
            }
            for (PartitionDescriptor partition : table.getPartitionsList()) {
                long id = partition.getPartitionId();
                double writes = cluster.leaderReport(id).map(ReplicaReport::getWriteUnitsPerSecond).orElse(0.0);
                double reads = cluster.reportsOf(id).stream().mapToDouble(ReplicaReport::getReadUnitsPerSecond).sum();
                boolean hot = settings.writeUnitsPerSecond() > 0 && writes > settings.writeUnitsPerSecond()
                        || settings.readUnitsPerSecond() > 0 && reads > settings.readUnitsPerSecond();
                if (!hot) {
                    hotSince.remove(id);
                    continue;
                }
                long since = hotSince.computeIfAbsent(id, p -> now);
                if (now - since < settings.sustained().toNanos() || running >= settings.maxRunning()
                        || busy(catalog, id) || !roomFor(catalog, partition)) {
                    continue;
                }
                Optional<SplitKeyResponse> key = calls.call(catalog, partition, cluster.leaderOf(id),
                        (stub, p) -> stub.splitKey(SplitKeyRequest.newBuilder().setPartitionId(p.getPartitionId())
                                .setByLoad(true).build()),
                        r -> r.hasRoutingError() ? r.getRoutingError() : null);
                if (key.isEmpty() || !key.get().getFound()) {
                    continue; // one hot partition key: no split helps
                }
                SplitPartitionResponse started = start(partition, key.get().getSplitToken(), String.format(
                        java.util.Locale.ROOT, "heat: %.0f write units/s, %.0f read units/s above %.0f/%.0f for %d s",
                        writes, reads, settings.writeUnitsPerSecond(), settings.readUnitsPerSecond(),
                        settings.sustained().toSeconds()));
                if (!started.hasError()) {
                    running++;
                    hotSince.remove(id);
                }
            }
        }
    }

    private SplitPartitionResponse start(PartitionDescriptor partition, long token, String reason)
            throws MetadataGroup.ProposalFailed {
        var operation = Operation.newBuilder().setReason(reason).setSplit(SplitOperation.newBuilder()
                .setTableId(partition.getTableId()).setPartitionId(partition.getPartitionId())
                .setSplitToken(token).setSplitVersion(partition.getEpoch().getSplitVersion()));
        byte[] reply = group.propose(command().setStartOperation(StartOperation.newBuilder().setOperation(operation)).build());
        try {
            SplitPartitionResponse response = SplitPartitionResponse.parseFrom(reply);
            if (!response.hasError()) {
                LOG.info("split {} started: partition {} at token {} ({})", response.getOperation().getOperationId(),
                        partition.getPartitionId(), Long.toUnsignedString(token), reason);
            }
            return response;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable StartOperation reply", e);
        }
    }

    /** One step of a running split: ask the partition's leader to split (idempotent), then record the halves. */
    private void drive(Operation operation) throws MetadataGroup.ProposalFailed {
        Catalog catalog = group.catalog();
        SplitOperation split = operation.getSplit();
        Optional<PartitionDescriptor> parent = catalog.partition(split.getPartitionId());
        Optional<TableDescriptor> table = catalog.tableById(split.getTableId());
        if (parent.isEmpty() || table.isEmpty()) {
            end(operation, "the table was deleted");
            return;
        }
        if (appliedByReplicas(parent.get(), split)) {
            finish(operation);
            return;
        }
        var command = PartitionSplit.newBuilder().setChildPartitionId(split.getChildPartitionId())
                .setSplitToken(split.getSplitToken()).setExpectedSplitVersion(split.getSplitVersion())
                .setIndexes(indexes(table.get()));
        Optional<SplitResponse> answer = calls.call(catalog, parent.get(), cluster.leaderOf(parent.get().getPartitionId()),
                (stub, p) -> stub.split(SplitRequest.newBuilder().setPartitionId(p.getPartitionId()).setSplit(command).build()),
                r -> r.hasRoutingError() ? r.getRoutingError() : null);
        if (answer.isEmpty()) {
            return; // no leader reachable now: the next tick tries again
        }
        var result = answer.get().getResult();
        if (result.getInvalid().isEmpty()) {
            finish(operation);
        } else {
            end(operation, "refused by the partition: " + result.getInvalid());
        }
    }

    /** True when a live replica of the parent reports the split's left half: the split is in its Raft log. */
    private boolean appliedByReplicas(PartitionDescriptor parent, SplitOperation split) {
        PartitionDescriptor left = PartitionSplits.left(parent, split.getSplitToken());
        return cluster.reportsOf(parent.getPartitionId()).stream()
                .anyMatch(r -> r.hasPartition() && r.getPartition().getTokenEnd() == left.getTokenEnd()
                        && r.getPartition().getEpoch().getSplitVersion() == left.getEpoch().getSplitVersion());
    }

    private void finish(Operation operation) throws MetadataGroup.ProposalFailed {
        group.propose(command().setFinishSplit(FinishSplit.newBuilder().setOperationId(operation.getOperationId())).build());
        metrics.ended("split", operation.getReason(), true);
        unsplittable.remove(operation.getSplit().getPartitionId());
        LOG.info("split {} done: partition {} -> {} and {}", operation.getOperationId(), operation.getSplit().getPartitionId(),
                operation.getSplit().getPartitionId(), operation.getSplit().getChildPartitionId());
    }

    private void end(Operation operation, String outcome) throws MetadataGroup.ProposalFailed {
        group.propose(command().setEndOperation(EndOperation.newBuilder().setOperationId(operation.getOperationId())
                .setOutcome(outcome)).build());
        metrics.ended("split", operation.getReason(), false);
        LOG.warn("split {} of partition {} failed: {}", operation.getOperationId(), operation.getSplit().getPartitionId(), outcome);
    }

    private Optional<SplitKeyResponse> splitKey(Catalog catalog, PartitionDescriptor partition) {
        return calls.call(catalog, partition, cluster.leaderOf(partition.getPartitionId()),
                (stub, p) -> stub.splitKey(SplitKeyRequest.newBuilder().setPartitionId(p.getPartitionId()).build()),
                r -> r.hasRoutingError() ? r.getRoutingError() : null);
    }

    /** A split adds a replica on each of the partition's nodes: only when each is under its budget. */
    private boolean roomFor(Catalog catalog, PartitionDescriptor partition) {
        var load = io.atolldb.metadata.placement.Placement.loadOf(catalog.partitions());
        boolean room = partition.getReplicasList().stream()
                .allMatch(r -> load.getOrDefault(r.getNodeId(), io.atolldb.metadata.placement.Placement.Load.NONE).replicas()
                        < maxReplicasPerNode);
        if (!room) {
            LOG.debug("partition {} is not split: a node of it holds its budget of {} replicas", partition.getPartitionId(),
                    maxReplicasPerNode);
        }
        return room;
    }

    private static boolean busy(Catalog catalog, long partitionId) {
        return catalog.running().stream().anyMatch(o -> o.hasSplit() && (o.getSplit().getPartitionId() == partitionId
                || o.getSplit().getChildPartitionId() == partitionId));
    }

    /** The table's key and indexes, as a write carries them: the split moves the index entries of its right half. */
    static IndexMaintenance indexes(TableDescriptor table) {
        var indexes = IndexMaintenance.newBuilder().addTableKey(table.getPartitionKey());
        if (table.hasSortKey()) {
            indexes.addTableKey(table.getSortKey());
        }
        return indexes.addAllIndexes(table.getIndexesList()).build();
    }

    private MetadataCommand.Builder command() {
        return MetadataCommand.newBuilder().setTimestampMillis(clock.millis());
    }

    private static SplitPartitionResponse refused(MetadataError.Code code, String message) {
        return SplitPartitionResponse.newBuilder().setError(MetadataError.newBuilder().setCode(code).setMessage(message)).build();
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
