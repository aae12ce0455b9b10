package io.atolldb.deploy;

import io.atolldb.metadata.MetadataConfig;
import io.atolldb.metadata.MetadataServer;
import io.atolldb.node.runtime.NodeConfig;
import io.atolldb.node.runtime.StorageNode;
import io.atolldb.router.RouterConfig;
import io.atolldb.router.RouterServer;
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
    private final StorageNode[] nodes = new StorageNode[DevLayout.ZONES.size()];
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
        var cluster = startWithoutRouter(dataDir, host, partitionsPerTable, registry, true);
        try {
            cluster.awaitStorageReady(READY_WAIT);
            cluster.router = RouterServer.start(
                    new RouterConfig(host, apiPort, cluster.metadataAddresses(), DevLayout.ZONES.getFirst()), registry);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The metadata service and, if {@code withNodes}, the storage nodes; no router (tests start nodes and routers themselves). */
    static DevCluster startWithoutRouter(Path dataDir, String host, int partitionsPerTable, MeterRegistry registry,
                                         boolean withNodes) throws IOException {
        var cluster = new DevCluster(dataDir, host, DevLayout.loadOrCreate(dataDir, host), registry);
        try {
            cluster.startMetadata(partitionsPerTable);
            if (withNodes) {
                for (int i = 0; i < cluster.nodes.length; i++) {
                    cluster.startNode(i);
                }
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startMetadata(int partitionsPerTable) throws IOException {
        List<MetadataConfig.Peer> peers = new ArrayList<>();
        for (int i = 0; i < DevLayout.ZONES.size(); i++) {
            peers.add(new MetadataConfig.Peer(metadataId(i), DevLayout.ZONES.get(i),
                    host + ":" + layout.metadataRaft().get(i), host + ":" + layout.metadataRpc().get(i)));
        }
        for (int i = 0; i < DevLayout.ZONES.size(); i++) {
            metadata.add(MetadataServer.start(new MetadataConfig(metadataId(i), host, layout.metadataRpc().get(i),
                    layout.metadataRaft().get(i), dataDir.resolve(metadataId(i)), peers, partitionsPerTable,
                    Duration.ofSeconds(5)), registry));
        }
    }

    private void awaitStorageReady(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!storageReady() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Starts (or restarts) the storage node of zone {@code index} on its data directory. */
    public void startNode(int index) throws IOException {
        if (nodes[index] != null) {
            throw new IllegalStateException("node " + nodeId(index) + " is running");
        }
        nodes[index] = StorageNode.start(new NodeConfig(nodeId(index), DevLayout.ZONES.get(index), host, host,
                layout.nodeRpc().get(index), layout.nodeRaft().get(index), dataDir.resolve(nodeId(index)),
                metadataAddresses(), Duration.ofMillis(500)), registry);
    }

    /** Stops the storage node of zone {@code index} abruptly (no leadership hand-over). */
    public void stopNode(int index) {
        if (nodes[index] != null) {
            nodes[index].close();
            nodes[index] = null;
        }
    }

    public StorageNode node(int index) {
        return nodes[index];
    }

    public int nodeCount() {
        return nodes.length;
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
        return metadata.stream().anyMatch(MetadataServer::isClusterReady);
    }

    @Override
    public void close() {
        if (router != null) {
            router.close();
        }
        for (int i = 0; i < nodes.length; i++) {
            stopNode(i);
        }
        metadata.forEach(MetadataServer::close);
    }
}
