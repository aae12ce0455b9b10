package io.atolldb.deploy;

import io.atolldb.metadata.MetadataConfig;
import io.atolldb.metadata.MetadataServer;
import io.atolldb.metadata.scheduler.Mover;
import io.atolldb.metadata.scheduler.Splitter;
import io.atolldb.node.runtime.NodeConfig;
import io.atolldb.node.runtime.StorageNode;
import io.atolldb.router.RouterConfig;
import io.atolldb.router.RouterServer;
import io.atolldb.router.auth.Authenticator;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A whole cluster in one process: three metadata replicas and three storage nodes, one of each per
 * zone (a, b, c), and one router. Each part is the same class the standalone roles run, talking to the
 * others over gRPC on the loopback interface, so the dev cluster exercises the real request path.
 */
public final class DevCluster implements AutoCloseable {
    private final Path dataDir;
    private final String host;
    private final DevLayout layout;
    private final MeterRegistry registry;
    private final List<MetadataServer> metadata = new ArrayList<>();
    private final List<MetadataConfig> metadataConfigs = new ArrayList<>();
    /** Storage nodes by index: one per zone from the start, then any added; null while stopped. */
    private final List<StorageNode> nodes = new ArrayList<>();
    private final List<NodeConfig> nodeConfigs = new ArrayList<>();
    private RouterServer router;

    private DevCluster(Path dataDir, String host, DevLayout layout, MeterRegistry registry) {
        this.dataDir = dataDir;
        this.host = host;
        this.layout = layout;
        this.registry = registry;
    }

    /** How long {@link #start} waits for the storage side to be ready before it opens the API port anyway. */
    static final Duration READY_WAIT = Duration.ofSeconds(90);

    /**
     * Starts every part, the router last: its DynamoDB port opens only once a metadata leader sees a live
     * storage node in every zone and every partition led ({@link #isReady()}), so a client that sends
     * CreateTable the moment the port answers finds a cluster that can place the table. If that takes
     * longer than {@link #READY_WAIT} the port opens anyway, and requests the cluster cannot serve yet are
     * answered with DynamoDB's retryable ServiceUnavailable.
     */
    public static DevCluster start(Path dataDir, String host, int apiPort, int partitionsPerTable, MeterRegistry registry)
            throws IOException {
        return start(dataDir, host, apiPort, partitionsPerTable, Splitter.Settings.DEFAULT_SPLIT_SIZE, registry);
    }

    /** As {@link #start(Path, String, int, int, MeterRegistry)}, splitting partitions that store more than {@code splitSize}. */
    public static DevCluster start(Path dataDir, String host, int apiPort, int partitionsPerTable, long splitSize,
                                   MeterRegistry registry) throws IOException {
        return start(dataDir, host, apiPort, new Options(partitionsPerTable, splitSize, Mover.Settings.defaults()), registry);
    }

    /**
     * How the cluster's metadata service places and reshapes partitions.
     *
     * @param partitionsPerTable partitions of a new table (0: as its throughput needs)
     * @param splits             when partitions split (size, load)
     * @param moves              when replicas move by themselves (dead-after, balancing)
     * @param maxReplicasPerNode the replica budget of each storage node
     */
    public record Options(int partitionsPerTable, Splitter.Settings splits, Mover.Settings moves, int maxReplicasPerNode) {
        /** With the default replica budget ({@link MetadataConfig#DEFAULT_MAX_REPLICAS_PER_NODE}). */
        public Options(int partitionsPerTable, Splitter.Settings splits, Mover.Settings moves) {
            this(partitionsPerTable, splits, moves, MetadataConfig.DEFAULT_MAX_REPLICAS_PER_NODE);
        }

        /** Splits by {@code splitSize} (0: never) and by DynamoDB's per-partition load limits. */
        public Options(int partitionsPerTable, long splitSize, Mover.Settings moves) {
            this(partitionsPerTable, new Splitter.Settings(splitSize, 8), moves);
        }

        public Options withMaxReplicasPerNode(int budget) {
            return new Options(partitionsPerTable, splits, moves, budget);
        }
    }

    public static DevCluster start(Path dataDir, String host, int apiPort, Options options, MeterRegistry registry)
            throws IOException {
        return start(dataDir, host, apiPort, options, Authenticator.acceptAll(), registry);
    }

    /** As {@link #start(Path, String, int, Options, MeterRegistry)}, its router accepting what {@code authenticator} accepts. */
    public static DevCluster start(Path dataDir, String host, int apiPort, Options options, Authenticator authenticator,
                                   MeterRegistry registry) throws IOException {
        var cluster = startWithoutRouter(dataDir, host, options, registry, true);
        try {
            cluster.awaitStorageReady(READY_WAIT);
            cluster.router = RouterServer.start(new RouterConfig(host, apiPort, cluster.metadataAddresses(),
                    DevLayout.ZONES.getFirst()).withAuthenticator(authenticator), registry);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The metadata service and, if {@code withNodes}, the storage nodes; no router (tests start nodes and routers themselves). */
    static DevCluster startWithoutRouter(Path dataDir, String host, int partitionsPerTable, MeterRegistry registry,
                                         boolean withNodes) throws IOException {
        return startWithoutRouter(dataDir, host, new Options(partitionsPerTable, Splitter.Settings.DEFAULT_SPLIT_SIZE,
                Mover.Settings.defaults()), registry, withNodes);
    }

    private static DevCluster startWithoutRouter(Path dataDir, String host, Options options, MeterRegistry registry,
                                                 boolean withNodes) throws IOException {
        var cluster = new DevCluster(dataDir, host, DevLayout.loadOrCreate(dataDir, host), registry);
        try {
            cluster.startMetadata(options);
            for (int i = 0; i < DevLayout.ZONES.size(); i++) {
                cluster.nodeConfigs.add(new NodeConfig(nodeId(i), DevLayout.ZONES.get(i), host, host,
                        cluster.layout.nodeRpc().get(i), cluster.layout.nodeRaft().get(i), dataDir.resolve(nodeId(i)),
                        cluster.metadataAddresses(), Duration.ofMillis(500)));
                cluster.nodes.add(null);
                if (withNodes) {
                    cluster.startNode(i);
                }
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void awaitStorageReady(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!storageReady() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private void startMetadata(Options options) throws IOException {
        List<MetadataConfig.Peer> peers = new ArrayList<>();
        for (int i = 0; i < DevLayout.ZONES.size(); i++) {
            peers.add(new MetadataConfig.Peer(metadataId(i), DevLayout.ZONES.get(i),
                    host + ":" + layout.metadataRaft().get(i), host + ":" + layout.metadataRpc().get(i)));
        }
        for (int i = 0; i < DevLayout.ZONES.size(); i++) {
            metadataConfigs.add(new MetadataConfig(metadataId(i), host, layout.metadataRpc().get(i),
                    layout.metadataRaft().get(i), dataDir.resolve(metadataId(i)), peers, options.partitionsPerTable(),
                    Duration.ofSeconds(5), options.splits(), options.moves(), options.maxReplicasPerNode()));
            metadata.add(MetadataServer.start(metadataConfigs.get(i), registry));
        }
    }

    /** Starts (or restarts) storage node {@code index} (the first three: one per zone) on its data directory. */
    public void startNode(int index) throws IOException {
        if (nodes.get(index) != null) {
            throw new IllegalStateException("node " + nodeConfigs.get(index).nodeId() + " is running");
        }
        nodes.set(index, StorageNode.start(nodeConfigs.get(index), registry));
    }

    /**
     * Adds a storage node to {@code zone} on free ports (kept only while this cluster runs: a restarted dev
     * cluster has its three nodes again). Returns its index.
     */
    public int addNode(String zone) throws IOException {
        int index = nodes.size();
        String id = "node-" + zone + index;
        List<Integer> ports = DevLayout.freePorts(host, 2);
        nodeConfigs.add(new NodeConfig(id, zone, host, host, ports.get(0), ports.get(1), dataDir.resolve(id),
                metadataAddresses(), Duration.ofMillis(500)));
        nodes.add(null);
        startNode(index);
        return index;
    }

    /** Stops storage node {@code index} abruptly (no leadership hand-over). */
    public void stopNode(int index) {
        if (nodes.get(index) != null) {
            nodes.get(index).close();
            nodes.set(index, null);
        }
    }

    /** The id of storage node {@code index}. */
    public String nodeIdOf(int index) {
        return nodeConfigs.get(index).nodeId();
    }

    /** Stops the metadata replica of zone {@code index} abruptly. */
    public void stopMetadata(int index) {
        if (metadata.get(index) != null) {
            metadata.get(index).close();
            metadata.set(index, null);
        }
    }

    /** Starts (or restarts) the metadata replica of zone {@code index} on its data directory. */
    public void startMetadata(int index) throws IOException {
        if (metadata.get(index) != null) {
            throw new IllegalStateException("metadata replica " + metadataId(index) + " is running");
        }
        metadata.set(index, MetadataServer.start(metadataConfigs.get(index), registry));
    }

    /** The zone index of the metadata replica that leads the metadata group, if a running one does. */
    public java.util.OptionalInt metadataLeader() {
        for (int i = 0; i < metadata.size(); i++) {
            if (metadata.get(i) != null && metadata.get(i).isLeader()) {
                return java.util.OptionalInt.of(i);
            }
        }
        return java.util.OptionalInt.empty();
    }

    public StorageNode node(int index) {
        return nodes.get(index);
    }

    public int nodeCount() {
        return nodes.size();
    }

    public static String nodeId(int index) {
        return "node-" + DevLayout.ZONES.get(index);
    }

    private static String metadataId(int index) {
        return "metadata-" + DevLayout.ZONES.get(index);
    }

    /** The metadata service's RPC addresses (host:port), for clients that talk to the cluster below the API. */
    public List<String> metadataAddresses() {
        return layout.metadataRpc().stream().map(port -> host + ":" + port).toList();
    }

    /** The DynamoDB API port; only once {@link #start} has returned. */
    public int apiPort() {
        return router.port();
    }

    public String endpoint() {
        return "http://" + host + ":" + router.port();
    }

    /** True when the router serves and a metadata leader sees a live node in every zone and every partition led. */
    public boolean isReady() {
        return router != null && storageReady();
    }

    /** True when a metadata leader sees a live storage node in every zone and every partition led. */
    boolean storageReady() {
        return metadata.stream().anyMatch(m -> m != null && m.isClusterReady());
    }

    @Override
    public void close() {
        if (router != null) {
            router.close();
        }
        for (int i = 0; i < nodes.size(); i++) {
            stopNode(i);
        }
        metadata.stream().filter(java.util.Objects::nonNull).forEach(MetadataServer::close);
    }
}
