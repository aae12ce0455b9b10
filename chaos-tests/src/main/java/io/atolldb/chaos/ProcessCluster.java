package io.atolldb.chaos;

import io.atolldb.proto.NodeServiceGrpc;
import io.atolldb.proto.NodeStatusRequest;
import io.atolldb.proto.NodeStatusResponse;
import io.atolldb.rpc.Channels;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real multi-process cluster on the loopback interface: three metadata replicas, one storage node in
 * each of the zones a, b and c (each node on its own address 127.0.0.2, .3, .4), and one router on
 * 127.0.0.1. Each is a separate JVM started from the distribution jar, so tests exercise exactly what
 * users run.
 */
public final class ProcessCluster implements AutoCloseable {
    public static final List<String> ZONES = List.of("a", "b", "c");

    private final Path dir;
    private final List<AtollProcess> metadata = new ArrayList<>();
    private final List<AtollProcess> nodes = new ArrayList<>();
    private final List<String> nodeRpcAddresses = new ArrayList<>();
    private final AtollProcess router;
    private final int routerPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Channels channels = new Channels();

    private ProcessCluster(Path jar, Path dir) throws IOException {
        this.dir = dir;
        String metaHost = "127.0.0.1";
        List<Integer> metaPorts = freePorts(metaHost, 9);
        List<String> peers = new ArrayList<>();
        List<String> metaRpc = new ArrayList<>();
        for (int i = 0; i < ZONES.size(); i++) {
            peers.add("meta-" + ZONES.get(i) + "@" + ZONES.get(i) + "@" + metaHost + ":" + metaPorts.get(3 * i)
                    + "@" + metaHost + ":" + metaPorts.get(3 * i + 1));
            metaRpc.add(metaHost + ":" + metaPorts.get(3 * i + 1));
        }
        for (int i = 0; i < ZONES.size(); i++) {
            String id = "meta-" + ZONES.get(i);
            metadata.add(new AtollProcess(id, jar, List.of("metadata", "--id", id, "--host", metaHost,
                    "--raft-port", "" + metaPorts.get(3 * i), "--rpc-port", "" + metaPorts.get(3 * i + 1),
                    "--admin-port", "" + metaPorts.get(3 * i + 2), "--data", dir.resolve(id).toString(),
                    "--peers", String.join(",", peers)), dir.resolve(id + ".log"), metaHost, metaPorts.get(3 * i + 2)));
        }
        for (int i = 0; i < ZONES.size(); i++) {
            String id = "node-" + ZONES.get(i);
            String host = "127.0.0." + (i + 2);
            List<Integer> ports = freePorts(host, 3);
            nodeRpcAddresses.add(host + ":" + ports.get(0));
            nodes.add(new AtollProcess(id, jar, List.of("node", "--id", id, "--zone", ZONES.get(i), "--host", host,
                    "--rpc-port", "" + ports.get(0), "--raft-port", "" + ports.get(1), "--admin-port", "" + ports.get(2),
                    "--data", dir.resolve(id).toString(), "--metadata", String.join(",", metaRpc)),
                    dir.resolve(id + ".log"), host, ports.get(2)));
        }
        List<Integer> routerPorts = freePorts(metaHost, 2);
        this.routerPort = routerPorts.get(0);
        this.router = new AtollProcess("router", jar, List.of("router", "--host", metaHost, "--port", "" + routerPort,
                "--admin-port", "" + routerPorts.get(1), "--zone", "a", "--metadata", String.join(",", metaRpc)),
                dir.resolve("router.log"), metaHost, routerPorts.get(1));
    }

    /** Starts every process; returns at once (wait with {@link #isHealthy()}). */
    public static ProcessCluster start(Path jar, Path dir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the distribution jar " + jar + " is missing: build the deploy module first");
        }
        Files.createDirectories(dir);
        var cluster = new ProcessCluster(jar, dir);
        for (AtollProcess process : cluster.all()) {
            process.start();
        }
        return cluster;
    }

    public List<AtollProcess> all() {
        List<AtollProcess> all = new ArrayList<>(metadata);
        all.addAll(nodes);
        all.add(router);
        return all;
    }

    public boolean isHealthy() {
        return all().stream().allMatch(p -> p.isAlive() && p.isHealthy(http));
    }

    public AtollProcess node(int index) {
        return nodes.get(index);
    }

    public AtollProcess router() {
        return router;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + routerPort;
    }

    public Path dir() {
        return dir;
    }

    /** The status of a live storage node, asked over its gRPC service. */
    public NodeStatusResponse nodeStatus(int index) {
        return NodeServiceGrpc.newBlockingStub(channels.get(nodeRpcAddresses.get(index)))
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .status(NodeStatusRequest.getDefaultInstance());
    }

    public String metrics(AtollProcess process) throws IOException, InterruptedException {
        return process.metrics(http);
    }

    @Override
    public void close() throws InterruptedException {
        channels.close();
        router.stop(Duration.ofSeconds(10));
        for (AtollProcess node : nodes) {
            node.stop(Duration.ofSeconds(10));
        }
        for (AtollProcess replica : metadata) {
            replica.stop(Duration.ofSeconds(10));
        }
    }

    private static List<Integer> freePorts(String host, int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                var socket = new ServerSocket();
                socket.bind(new InetSocketAddress(host, 0));
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
