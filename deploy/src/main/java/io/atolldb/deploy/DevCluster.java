package io.atolldb.deploy;

import io.atolldb.metadata.MetadataConfig;
import io.atolldb.metadata.MetadataServer;
import io.atolldb.metadata.scheduler.Splitter;
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
    private final StorageNode[] nodes = new StorageNode[DevLayout.ZONES.size()];
    private RouterServer router;

    private DevCluster(Path dataDir, String host, DevLayout layout, MeterRegistry registry) {
        this.dataDir = dataDir;
        this.host = host;
        this.layout = layout;
        this.registry = registry;
    }

    /** Starts every part; returns once the router listens (see {@link #isReady()} for the whole cluster). */
    public static DevCluster start(Path dataDir, String host, int apiPort, int partitionsPerTable, MeterRegistry registry)
            throws IOException {
        return start(dataDir, host, apiPort, partitionsPerTable, Splitter.Settings.DEFAULT_SPLIT_SIZE, registry);
    }

    /** As {@link #start(Path, String, int, int, MeterRegistry)}, splitting partitions that store more than {@code splitSize}. */
    public static DevCluster start(Path dataDir, String host, int apiPort, int partitionsPerTable, long splitSize,
                                   MeterRegistry registry) throws IOException {
        var cluster = new DevCluster(dataDir, host, DevLayout.loadOrCreate(dataDir, host), registry);
        try {
            cluster.startAll(apiPort, partitionsPerTable, splitSize);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(int apiPort, int partitionsPerTable, long splitSize) throws IOException {
        List<MetadataConfig.Peer> peers = new ArrayList<>();
        for (int i = 0; i < DevLayout.ZONES.size(); i++) {
            peers.add(new MetadataConfig.Peer(metadataId(i), DevLayout.ZONES.get(i),
                    host + ":" + layout.metadataRaft().get(i), host + ":" + layout.metadataRpc().get(i)));
        }
        for (int i = 0; i < DevLayout.ZONES.size(); i++) {
            metadataConfigs.add(new MetadataConfig(metadataId(i), host, layout.metadataRpc().get(i),
                    layout.metadataRaft().get(i), dataDir.resolve(metadataId(i)), peers, partitionsPerTable,
                    Duration.ofSeconds(5), new Splitter.Settings(splitSize, 8)));
            metadata.add(MetadataServer.start(metadataConfigs.get(i), registry));
        }
        for (int i = 0; i < nodes.length; i++) {
            startNode(i);
        }
        router = RouterServer.start(new RouterConfig(host, apiPort, metadataAddresses(), DevLayout.ZONES.getFirst()), registry);
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

    public int apiPort() {
        return router.port();
    }

    public String endpoint() {
        return "http://" + host + ":" + router.port();
    }

    /** True when a metadata leader sees every storage node live and every partition led. */
    public boolean isReady() {
        return router != null && metadata.stream().anyMatch(m -> m != null && m.isClusterReady());
    }

    @Override
    public void close() {
        if (router != null) {
            router.close();
        }
        for (int i = 0; i < nodes.length; i++) {
            stopNode(i);
        }
        metadata.stream().filter(java.util.Objects::nonNull).forEach(MetadataServer::close);
    }
}
