package io.atolldb.node.runtime;

import io.atolldb.consensus.ConsensusConfig;
import io.atolldb.consensus.ConsensusServer;
import io.atolldb.consensus.GroupSpec;
import io.atolldb.consensus.GroupStatus;
import io.atolldb.node.service.NodeGrpcService;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.NodeServiceGrpc;
import io.atolldb.proto.NodeStatusResponse;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.Replica;
import io.atolldb.proto.ReplicaStatus;
import io.atolldb.proto.TransferLeadershipResponse;
import io.atolldb.rpc.Channels;
import io.atolldb.rpc.LocalServers;
import io.atolldb.rpc.MetadataClient;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * One storage node process: one RocksDB shared by every replica it hosts, one Raft server hosting one
 * group per replica, the node gRPC service, and the heartbeat through which the metadata service
 * tells it which replicas to host.
 */
public final class StorageNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);

    private final NodeConfig config;
    private final StorageEngine engine;
    private final HostedReplicas replicas;
    private final ConsensusServer consensus;
    private final Channels channels;
    private final ScheduledExecutorService scheduler;
    /** Opens the Raft groups of partitions split off hosted ones, one at a time, off the applying threads. */
    private final java.util.concurrent.ExecutorService splitOpener;
    private volatile boolean closing;
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private volatile Server grpc;
    private volatile LocalServers.LocalServer local;
    private volatile long lastHeartbeatNanos;

    /** Bounds of the replica visibility histogram; 50 ms is the goal for p99 (docs/performance.md). */
    private static final Duration[] VISIBILITY_BUCKETS = LongStream.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000)
            .mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private StorageNode(NodeConfig config, StorageEngine engine, HostedReplicas replicas, ConsensusServer consensus) {
        this.config = config;
        this.engine = engine;
        this.replicas = replicas;
        this.consensus = consensus;
        this.channels = new Channels();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("node-heartbeat-" + config.nodeId()).daemon().factory());
        this.splitOpener = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("node-split-" + config.nodeId()).daemon().factory());
    }

    public static StorageNode start(NodeConfig config, MeterRegistry registry) throws IOException {
        StorageEngine engine = StorageEngine.open(config.dataDir().resolve("rocksdb"));
        ConsensusServer consensus = null;
        try {
            var replicas = new HostedReplicas(engine, config.dataDir().resolve("partitions"));
            consensus = ConsensusServer.start(
                    ConsensusConfig.defaults(config.nodeId(), config.host(), config.raftPort(), config.dataDir().resolve("raft")),
                    replicas);
            var node = new StorageNode(config, engine, replicas, consensus);
            replicas.onSplit(node::openSplitOff);
            var service = new NodeGrpcService(node, consensus, replicas, registry);
            node.grpc = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.rpcPort()))
                    .addService(service)
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .build()
                    .start();
            // A router in this same process (atoll dev) calls the service without a socket.
            // Data-path handlers never block (a write waits on a future, a read of this replica's
            // state is a RocksDB lookup): they run on the router's request thread.
            node.local = LocalServers.serve(config.nodeInfo().getRpcAddress(), service, MAX_MESSAGE_BYTES, Set.of(
                    NodeServiceGrpc.getWriteMethod().getFullMethodName(),
                    NodeServiceGrpc.getReadMethod().getFullMethodName(),
                    NodeServiceGrpc.getReadRangeMethod().getFullMethodName()));
            node.registerMetrics(registry);
            var heartbeat = new Heartbeat(node, new MetadataClient(config.metadataAddresses(), node.channels, Duration.ofSeconds(3)));
            long every = config.heartbeatInterval().toMillis();
            node.scheduler.scheduleWithFixedDelay(heartbeat, 0, every, TimeUnit.MILLISECONDS);
            return node;
        } catch (IOException | RuntimeException e) {
            if (consensus != null) {
                consensus.close();
            }
            engine.close();
            throw e;
        }
    }

    public NodeConfig config() {
        return config;
    }

    public NodeInfo nodeInfo() {
        return config.nodeInfo();
    }

    /**
     * Hosts a replica of {@code partition}: stores its descriptor and joins its Raft group. Idempotent: a
     * hosted replica only takes the membership the catalog now assigns. Two cases wait instead (the next
     * heartbeat asks again): a partition split off another holds data only where its parent's replica
     * applied the split, so it is never opened empty here; and a replica whose range overlaps one this
     * node hosts (a parent that has not applied its split yet) would share its keys.
     *
     * A joining replica (a move's new member) is opened empty on purpose: the leader sends it a snapshot
     * before any log entry.
     *
     * @return true when the replica is open (or was already)
     */
    public boolean openReplica(PartitionDescriptor partition, List<NodeInfo> peers) {
        return openReplica(partition, peers, false);
    }

    public boolean openReplica(PartitionDescriptor partition, List<NodeInfo> peers, boolean joining) {
        var hosted = replicas.get(partition.getPartitionId());
        if (hosted.isPresent()) {
            hosted.get().stateMachine().assigned(partition);
            return true;
        }
        if (!joining && partition.getParentPartitionId() != 0 && replicas.storedBySplit(partition).isEmpty()) {
            LOG.debug("node {}: partition {} waits for its parent's split to apply here", config.nodeId(), partition.getPartitionId());
            return false;
        }
        var overlap = replicas.overlapping(partition);
        if (overlap.isPresent()) {
            LOG.debug("node {}: partition {} waits: its range overlaps partition {} here", config.nodeId(),
                    partition.getPartitionId(), overlap.get().partitionId());
            return false;
        }
        Map<String, NodeInfo> byId = peers.stream().collect(Collectors.toMap(NodeInfo::getNodeId, Function.identity(), (a, b) -> b));
        List<GroupSpec.Peer> members = new ArrayList<>();
        for (int i = 0; i < partition.getReplicasCount(); i++) {
            Replica replica = partition.getReplicas(i);
            NodeInfo peer = byId.get(replica.getNodeId());
            if (peer == null) {
                throw new IllegalArgumentException("no address for replica node " + replica.getNodeId());
            }
            members.add(new GroupSpec.Peer(peer.getNodeId(), peer.getRaftAddress()));
        }
        replicas.persistDescriptor(partition);
        // The first replica is the preferred leader: a new group's first leader hands over to it.
        var spec = new GroupSpec(PartitionGroups.groupId(partition.getPartitionId()), members,
                partition.getReplicas(0).getNodeId());
        (joining ? consensus.joinGroup(spec) : consensus.addGroup(spec)).join();
        LOG.info("node {} opened a replica of partition {} (table {})", config.nodeId(), partition.getPartitionId(), partition.getTableId());
        return true;
    }

    /**
     * A hosted replica applied a split: open the new partition's Raft group here, with the parent's members
     * (the same nodes, whichever is elected first leading). Runs off the applying thread. If it fails, or the process dies
     * first, the partition is opened when the catalog assigns it (its data is here, so {@link #openReplica}
     * accepts it).
     */
    private void openSplitOff(PartitionDescriptor left, PartitionDescriptor right) {
        if (replicas.get(right.getPartitionId()).isPresent() || closing) {
            return;
        }
        splitOpener.execute(() -> {
            try {
                List<GroupSpec.Peer> members = consensus.members(PartitionGroups.groupId(left.getPartitionId()));
                if (members.isEmpty() || replicas.get(right.getPartitionId()).isPresent()) {
                    return;
                }
                replicas.persistDescriptor(right);
                // No preferred leader: the first elected keeps leading (a hand-over would be a second election
                // while the new half's writes wait for one); the balancer spreads leaders later.
                consensus.addGroup(new GroupSpec(PartitionGroups.groupId(right.getPartitionId()), members)).join();
                LOG.info("node {}: partition {} split at token {}; opened partition {}", config.nodeId(),
                        left.getPartitionId(), Long.toUnsignedString(right.getTokenStart()), right.getPartitionId());
            } catch (RuntimeException e) {
                LOG.warn("node {}: could not open partition {} split off {}: {}", config.nodeId(),
                        right.getPartitionId(), left.getPartitionId(), e.toString());
            }
        });
    }

    /** Leaves the partition's Raft group; with {@code deleteData} the replica's log and items are removed. */
    public void closeReplica(long partitionId, boolean deleteData) {
        if (consensus.groupIds().contains(PartitionGroups.groupId(partitionId))) {
            consensus.removeGroup(PartitionGroups.groupId(partitionId), deleteData).join();
        }
        replicas.forget(partitionId, deleteData);
        LOG.info("node {} closed its replica of partition {}", config.nodeId(), partitionId);
    }

    public Optional<GroupStatus> replicaStatus(long partitionId) {
        return consensus.status(PartitionGroups.groupId(partitionId));
    }

    /** Every replica this node hosts, with its Raft role and indexes. */
    public NodeStatusResponse status() {
        var response = NodeStatusResponse.newBuilder().setNode(config.nodeInfo());
        for (HostedReplicas.Hosted hosted : replicas.all()) {
            var stats = hosted.stateMachine().stats();
            var status = ReplicaStatus.newBuilder().setPartition(hosted.descriptor())
                    .setAppliedIndex(hosted.stateMachine().lastAppliedIndex())
                    .setItemCount(stats.items()).setSizeBytes(stats.bytes());
            replicaStatus(hosted.partitionId()).ifPresent(s -> {
                status.setLeader(s.leader()).setCommitIndex(s.commitIndex());
                s.leaderNodeId().ifPresent(status::setLeaderNodeId);
            });
            response.addReplicas(status);
        }
        return response.build();
    }

    /** Hands every leadership this node holds to other replicas (before a planned stop). */
    public TransferLeadershipResponse transferLeadership(Duration timeout) {
        int before = leaderCount();
        try {
            consensus.transferAllLeadership(timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("node {}: not every leadership was handed over: {}", config.nodeId(), e.toString());
        }
        int after = leaderCount();
        return TransferLeadershipResponse.newBuilder().setTransferred(Math.max(0, before - after)).setRemaining(after).build();
    }

    /** Called by the heartbeat when the metadata service accepted it. */
    void heartbeatAccepted() {
        lastHeartbeatNanos = System.nanoTime();
    }

    /** True when the metadata service accepted a heartbeat lately: the node is registered and gets its assignments. */
    public boolean isReady() {
        long last = lastHeartbeatNanos;
        return last != 0 && System.nanoTime() - last < 3 * config.heartbeatInterval().toNanos() + 2_000_000_000L;
    }

    int leaderCount() {
        return (int) replicas.all().stream()
                .filter(h -> replicaStatus(h.partitionId()).map(GroupStatus::leader).orElse(false)).count();
    }

    HostedReplicas replicas() {
        return replicas;
    }

    private void registerMetrics(MeterRegistry registry) {
        String node = config.nodeId();
        Gauge.builder("atoll.node.partitions", () -> replicas.all().size())
                .description("partition replicas hosted by this node").tag("node", node).tag("zone", config.zone()).register(registry);
        Gauge.builder("atoll.node.leaders", this::leaderCount)
                .description("partition replicas this node leads").tag("node", node).tag("zone", config.zone()).register(registry);
        // How long after a write was proposed a follower replica applied it: the staleness an eventually
        // consistent read there can see (the router's and this node's clocks; one machine in dev and
        // `atoll cluster up`, NTP-close elsewhere). The leader's applies are not counted: it applies
        // before it acknowledges.
        Timer followerLag = Timer.builder("atoll.replica.visibility.lag")
                .description("time from a write's proposal until a follower replica applied it")
                .serviceLevelObjectives(VISIBILITY_BUCKETS)
                .tag("node", node).tag("zone", config.zone()).register(registry);
        replicas.onAppliedWrite((partitionId, proposedAtMillis) -> {
            if (!replicaStatus(partitionId).map(GroupStatus::leader).orElse(false)) {
                followerLag.record(Math.max(0, System.currentTimeMillis() - proposedAtMillis), TimeUnit.MILLISECONDS);
            }
        });
        Gauge.builder("atoll.node.raft.apply.lag", this::maxApplyLag)
                .description("largest commit index minus applied index over this node's replicas")
                .tag("node", node).tag("zone", config.zone()).register(registry);
    }

    private long maxApplyLag() {
        long max = 0;
        for (HostedReplicas.Hosted hosted : replicas.all()) {
            // Raft's own applied index: it also counts entries our state machine never sees (a new
            // leader's no-op, configuration changes), which the commit index includes.
            max = Math.max(max, replicaStatus(hosted.partitionId()).map(s -> s.commitIndex() - s.appliedIndex()).orElse(0L));
        }
        return max;
    }

    @Override
    public void close() {
        closing = true;
        splitOpener.shutdown();
        scheduler.shutdownNow();
        try {
            // A heartbeat still running would otherwise use the channels closed below.
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (local != null) {
            local.close();
        }
        if (grpc != null) {
            grpc.shutdownNow();
            try {
                grpc.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channels.close();
        try {
            splitOpener.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consensus.close();
        engine.close();
    }
}
