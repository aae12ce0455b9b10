package io.atolldb.metadata;

import io.atolldb.consensus.ConsensusConfig;
import io.atolldb.consensus.ConsensusServer;
import io.atolldb.consensus.GroupSpec;
import io.atolldb.metadata.catalog.MetadataStateMachine;
import io.atolldb.metadata.placement.Placement;
import io.atolldb.metadata.group.ClusterView;
import io.atolldb.metadata.group.MetadataGroup;
import io.atolldb.metadata.scheduler.Mover;
import io.atolldb.metadata.scheduler.OperationMetrics;
import io.atolldb.metadata.scheduler.Splitter;
import io.atolldb.metadata.scheduler.TableLifecycle;
import io.atolldb.metadata.service.MetadataGrpcService;
import io.atolldb.rpc.Channels;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One metadata replica: its Raft server hosting the metadata group, the catalog state machine, the
 * gRPC service and the table lifecycle task.
 */
public final class MetadataServer implements AutoCloseable {
    private final MetadataConfig config;
    private final ConsensusServer consensus;
    private final MetadataStateMachine stateMachine;
    private final MetadataGroup group;
    private final ClusterView cluster;
    private final Server grpc;
    private final ScheduledExecutorService scheduler;
    private final Channels channels;
    private final Mover mover;

    private MetadataServer(MetadataConfig config, ConsensusServer consensus, MetadataStateMachine stateMachine,
                           MetadataGroup group, ClusterView cluster, Server grpc, ScheduledExecutorService scheduler,
                           Channels channels, Mover mover) {
        this.channels = channels;
        this.mover = mover;
        this.config = config;
        this.cluster = cluster;
        this.consensus = consensus;
        this.stateMachine = stateMachine;
        this.group = group;
        this.grpc = grpc;
        this.scheduler = scheduler;
    }

    public static MetadataServer start(MetadataConfig config, MeterRegistry registry) throws IOException {
        var stateMachine = new MetadataStateMachine(config.dataDir().resolve("catalog"));
        var consensus = ConsensusServer.start(
                ConsensusConfig.defaults(config.nodeId(), config.host(), config.raftPort(), config.dataDir().resolve("raft")),
                groupId -> {
                    if (!groupId.equals(MetadataGroup.GROUP_ID)) {
                        throw new IllegalStateException("a metadata server hosts only the metadata group, not " + groupId);
                    }
                    return stateMachine;
                });
        try {
            consensus.addGroup(new GroupSpec(MetadataGroup.GROUP_ID, config.peers().stream()
                    .map(p -> new GroupSpec.Peer(p.nodeId(), p.raftAddress())).toList())).join();
            var group = new MetadataGroup(consensus, stateMachine, config);
            var clock = Clock.systemUTC();
            var cluster = new ClusterView(config.nodeLivenessTimeout(), System::nanoTime);
            var channels = new Channels();
            var operationMetrics = new OperationMetrics(registry, config.nodeId());
            var splitter = new Splitter(group, cluster, channels, clock, config.splits(), operationMetrics,
                    config.maxReplicasPerNode());
            var mover = new Mover(group, cluster, channels, clock, config.moves(), operationMetrics, config.maxReplicasPerNode());
            Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.rpcPort()))
                    .addService(new MetadataGrpcService(group, cluster, splitter, mover, config.defaultPartitionCount(),
                            config.maxReplicasPerNode(), clock))
                    .build()
                    .start();
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
                    Thread.ofPlatform().name("metadata-scheduler-" + config.nodeId() + "-", 0).daemon().factory());
            scheduler.scheduleWithFixedDelay(new TableLifecycle(group, cluster, clock), 200, 200, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(splitter, 500, 500, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(mover, 700, 500, TimeUnit.MILLISECONDS);
            Gauge.builder("atoll.metadata.leader", () -> group.isLeader() ? 1 : 0)
                    .description("1 when this metadata replica leads the metadata group")
                    .tag("node", config.nodeId()).register(registry);
            Gauge.builder("atoll.metadata.tables", () -> stateMachine.catalog().tables().size())
                    .tag("node", config.nodeId()).register(registry);
            Gauge.builder("atoll.metadata.nodes.live", () -> cluster.liveNodes().size())
                    .tag("node", config.nodeId()).register(registry);
            Gauge.builder("atoll.metadata.partitions.leaderless", () -> group.isLeader()
                            ? partitionsWhere(stateMachine, p -> cluster.leaderOf(p.getPartitionId()).isEmpty()) : 0)
                    .description("on the metadata leader: partitions of live tables with no leader reported")
                    .tag("node", config.nodeId()).register(registry);
            Gauge.builder("atoll.metadata.partitions.under.replicated", () -> group.isLeader()
                            ? partitionsWhere(stateMachine, p -> liveReplicas(cluster, p) < Placement.REPLICAS) : 0)
                    .description("on the metadata leader: partitions with fewer than three replicas on live nodes")
                    .tag("node", config.nodeId()).register(registry);
            for (String kind : java.util.List.of("split", "move")) {
                Gauge.builder("atoll.metadata.operations.running", () -> group.isLeader()
                                ? stateMachine.catalog().running().stream().filter(o -> kind.equals(kindOf(o))).count() : 0)
                        .description("on the metadata leader: splits and moves under way").tag("node", config.nodeId())
                        .tag("kind", kind).register(registry);
            }
            Gauge.builder("atoll.metadata.operations.oldest.running.seconds", () -> group.isLeader()
                            ? stateMachine.catalog().running().stream()
                                    .mapToLong(o -> clock.millis() - o.getStartedMillis()).max().orElse(0) / 1000.0 : 0)
                    .description("on the metadata leader: how long the oldest running split or move has run")
                    .tag("node", config.nodeId()).register(registry);
            Gauge.builder("atoll.metadata.partitions", () -> group.isLeader()
                            ? partitionsWhere(stateMachine, p -> true) : 0)
                    .description("on the metadata leader: partitions of live tables").tag("node", config.nodeId()).register(registry);
            Gauge.builder("atoll.metadata.nodes.dead", () -> group.isLeader()
                            ? stateMachine.catalog().nodes().keySet().stream().filter(mover::isDead).count() : 0)
                    .description("on the metadata leader: storage nodes unheard for the dead-after time, whose replicas are re-created")
                    .tag("node", config.nodeId()).register(registry);
            Gauge.builder("atoll.metadata.partitions.without.quorum", () -> group.isLeader()
                            ? partitionsWhere(stateMachine, p -> liveReplicas(cluster, p) < 2) : 0)
                    .description("on the metadata leader: partitions with fewer than two replicas on live nodes")
                    .tag("node", config.nodeId()).register(registry);
            return new MetadataServer(config, consensus, stateMachine, group, cluster, grpc, scheduler, channels, mover);
        } catch (RuntimeException | IOException e) {
            consensus.close();
            throw e;
        }
    }

    private static String kindOf(io.atolldb.proto.Operation operation) {
        return operation.hasSplit() ? "split" : operation.hasMove() ? "move" : "other";
    }

    private static long partitionsWhere(MetadataStateMachine stateMachine,
                                        java.util.function.Predicate<io.atolldb.proto.PartitionDescriptor> test) {
        return stateMachine.catalog().tables().values().stream()
                .filter(t -> t.getStatus() != io.atolldb.proto.TableStatus.TABLE_STATUS_DELETING)
                .flatMap(t -> t.getPartitionsList().stream()).filter(test).count();
    }

    private static long liveReplicas(ClusterView cluster, io.atolldb.proto.PartitionDescriptor partition) {
        return partition.getReplicasList().stream().filter(r -> cluster.isLive(r.getNodeId())).count();
    }

    public MetadataConfig config() {
        return config;
    }

    public int rpcPort() {
        return grpc.getPort();
    }

    public boolean isLeader() {
        return group.isLeader();
    }

    /** True when the metadata group has a leader, so the service can answer. */
    public boolean hasLeader() {
        return consensus.status(MetadataGroup.GROUP_ID).flatMap(s -> s.leaderNodeId()).isPresent();
    }

    /**
     * True on the leader when live storage nodes span three zones and every partition of every
     * table that is not being deleted has a leader: the cluster can serve every table.
     */
    public boolean isClusterReady() {
        if (!group.isLeader()) {
            return false;
        }
        var catalog = stateMachine.catalog();
        long zones = cluster.liveNodes().stream().map(catalog.nodes()::get).filter(java.util.Objects::nonNull)
                .map(io.atolldb.proto.NodeInfo::getZone).distinct().count();
        if (zones < io.atolldb.metadata.placement.Placement.REPLICAS) {
            return false;
        }
        return catalog.tables().values().stream()
                .filter(t -> t.getStatus() != io.atolldb.proto.TableStatus.TABLE_STATUS_DELETING)
                .flatMap(t -> t.getPartitionsList().stream())
                .allMatch(p -> cluster.leaderOf(p.getPartitionId()).isPresent());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mover.close();
        channels.close();
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consensus.close();
        stateMachine.close();
    }
}
