package io.atolldb.chaos.cluster;

import io.atolldb.chaos.proxy.FaultProxy;
import io.atolldb.chaos.proxy.ProcSocketOwners;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real multi-process cluster on the loopback interface: three metadata replicas (meta-a, -b, -c on
 * 127.0.0.1), one storage node in each of the zones a, b and c (node-a, -b, -c, each on its own
 * address 127.0.0.2, .3, .4), and one router on 127.0.0.1. Each is a separate JVM started from the
 * distribution jar, so tests exercise exactly what users run.
 *
 * <p>Every connection between them goes through a {@link FaultProxy}: storage nodes advertise the
 * proxy's addresses for their gRPC and Raft ports, and metadata replicas are named to each other, to
 * nodes and to the router by proxy addresses; each process binds its real ports behind. So node to
 * node (Raft), router to node (gRPC), node and router to metadata (gRPC) and metadata to metadata
 * (Raft) links can all be faulted. This harness's own status and health calls go to the real ports
 * and see through any network fault.
 */
public final class ProcessCluster implements AutoCloseable {
    public static final List<String> ZONES = List.of("a", "b", "c");
    private static final String LOCALHOST = "127.0.0.1";
    private static final Pattern METADATA_LEADER = Pattern.compile("(?m)^atoll_metadata_leader\\{[^}]*} 1(\\.0)?$");

    private final Path dir;
    private final FaultProxy proxy;
    private final List<AtollProcess> metadata = new ArrayList<>();
    private final List<AtollProcess> nodes = new ArrayList<>();
    /** A second storage node of zone a, built with the cluster but started only when it joins (add-node). */
    private AtollProcess spare;
    private boolean spareJoined;
    private final List<String> nodeRpcAddresses = new ArrayList<>();
    private AtollProcess router;
    private int routerPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Channels channels = new Channels();

    private ProcessCluster(Path jar, Path dir) throws IOException {
        this.dir = dir;
        AtollProcess.prepareArchive(jar);
        this.proxy = new FaultProxy(new ProcSocketOwners(this::livePids));
        // Real ports stay reserved until every proxy listener is bound, so no listener can take one.
        List<ServerSocket> reserved = new ArrayList<>();
        try {
            build(jar, reserved);
        } finally {
            for (ServerSocket socket : reserved) {
                socket.close();
            }
        }
    }

    private void build(Path jar, List<ServerSocket> reserved) throws IOException {
        List<String> peers = new ArrayList<>();
        List<String> metaRpc = new ArrayList<>();
        List<List<Integer>> metaPorts = new ArrayList<>();
        for (String zone : ZONES) {
            String id = "meta-" + zone;
            List<Integer> ports = reserve(LOCALHOST, 3, reserved);
            metaPorts.add(ports);
            String raft = address(proxy.listen(LOCALHOST, id, new InetSocketAddress(LOCALHOST, ports.get(0))));
            String rpc = address(proxy.listen(LOCALHOST, id, new InetSocketAddress(LOCALHOST, ports.get(1))));
            peers.add(id + "@" + zone + "@" + raft + "@" + rpc);
            metaRpc.add(rpc);
        }
        for (int i = 0; i < ZONES.size(); i++) {
            String zone = ZONES.get(i);
            String id = "meta-" + zone;
            List<Integer> ports = metaPorts.get(i);
            metadata.add(new AtollProcess(id, Role.METADATA, zone, jar, List.of("metadata", "--id", id, "--host", LOCALHOST,
                    "--raft-port", "" + ports.get(0), "--rpc-port", "" + ports.get(1),
                    "--admin-port", "" + ports.get(2), "--data", dir.resolve(id).toString(),
                    "--peers", String.join(",", peers), "--partitions-per-table", "4"),
                    dir.resolve(id + ".log"), LOCALHOST, ports.get(2)));
        }
        for (int i = 0; i < ZONES.size(); i++) {
            String zone = ZONES.get(i);
            String id = "node-" + zone;
            String host = "127.0.0." + (i + 2);
            List<Integer> ports = reserve(host, 3, reserved);
            nodeRpcAddresses.add(host + ":" + ports.get(0));
            int rpcProxy = proxy.listen(host, id, new InetSocketAddress(host, ports.get(0))).getPort();
            int raftProxy = proxy.listen(host, id, new InetSocketAddress(host, ports.get(1))).getPort();
            nodes.add(new AtollProcess(id, Role.NODE, zone, jar, List.of("node", "--id", id, "--zone", zone, "--host", host,
                    "--rpc-port", "" + ports.get(0), "--raft-port", "" + ports.get(1), "--admin-port", "" + ports.get(2),
                    "--advertise-host", host, "--advertise-rpc-port", "" + rpcProxy, "--advertise-raft-port", "" + raftProxy,
                    "--data", dir.resolve(id).toString(), "--metadata", String.join(",", metaRpc)),
                    dir.resolve(id + ".log"), host, ports.get(2)));
        }
        {
            String zone = ZONES.getFirst();
            String id = "node-" + zone + "2";
            String host = "127.0.0.5";
            List<Integer> ports = reserve(host, 3, reserved);
            nodeRpcAddresses.add(host + ":" + ports.get(0));
            int rpcProxy = proxy.listen(host, id, new InetSocketAddress(host, ports.get(0))).getPort();
            int raftProxy = proxy.listen(host, id, new InetSocketAddress(host, ports.get(1))).getPort();
            spare = new AtollProcess(id, Role.NODE, zone, jar, List.of("node", "--id", id, "--zone", zone, "--host", host,
                    "--rpc-port", "" + ports.get(0), "--raft-port", "" + ports.get(1), "--admin-port", "" + ports.get(2),
                    "--advertise-host", host, "--advertise-rpc-port", "" + rpcProxy, "--advertise-raft-port", "" + raftProxy,
                    "--data", dir.resolve(id).toString(), "--metadata", String.join(",", metaRpc)),
                    dir.resolve(id + ".log"), host, ports.get(2));
        }
        List<Integer> routerPorts = reserve(LOCALHOST, 2, reserved);
        routerPort = routerPorts.get(0);
        router = new AtollProcess("router", Role.ROUTER, ZONES.getFirst(), jar, List.of("router", "--host", LOCALHOST,
                "--port", "" + routerPort, "--admin-port", "" + routerPorts.get(1), "--zone", ZONES.getFirst(),
                "--metadata", String.join(",", metaRpc)), dir.resolve("router.log"), LOCALHOST, routerPorts.get(1));
    }

    /** Starts every process; returns at once (wait with {@link #isHealthy()}). */
    public static ProcessCluster start(Path jar, Path dir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the distribution jar " + jar + " is missing: build the deploy module first");
        }
        Files.createDirectories(dir);
        var cluster = new ProcessCluster(jar, dir);
        try {
            for (AtollProcess process : cluster.all()) {
                process.start();
            }
        } catch (IOException | RuntimeException e) {
            try {
                cluster.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        return cluster;
    }

    public synchronized List<AtollProcess> all() {
        List<AtollProcess> all = new ArrayList<>(metadata);
        all.addAll(nodes);
        all.add(router);
        return all;
    }

    /** Every process is alive, not paused and answers its health check. */
    public boolean isHealthy() {
        return all().stream().allMatch(p -> p.isRunning() && p.isHealthy(http));
    }

    public synchronized AtollProcess node(int index) {
        return nodes.get(index);
    }

    /** Starts the spare storage node of zone a and counts it among the nodes from now on; false if it joined before. */
    public synchronized boolean joinSpare() throws IOException {
        if (spareJoined) {
            return false;
        }
        spare.start();
        nodes.add(spare);
        spareJoined = true;
        return true;
    }

    /**
     * A request to the router's admin endpoint ({@code atoll admin}'s), such as {@code GET partitions} or
     * {@code POST split?partition=3}; answers the JSON body, or throws with the router's error.
     */
    public String admin(String method, String path) throws IOException, InterruptedException {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint() + "/atoll/admin/" + path))
                .timeout(Duration.ofSeconds(20)).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    public synchronized List<AtollProcess> nodes() {
        return List.copyOf(nodes);
    }

    public List<AtollProcess> metadataReplicas() {
        return List.copyOf(metadata);
    }

    public AtollProcess router() {
        return router;
    }

    /** The storage node and the metadata replica of one zone. */
    public List<AtollProcess> zone(String zone) {
        return all().stream().filter(p -> p.role() != Role.ROUTER && p.zone().equals(zone)).toList();
    }

    /** The process with this name. */
    public AtollProcess process(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + name));
    }

    public FaultProxy proxy() {
        return proxy;
    }

    public String endpoint() {
        return "http://" + LOCALHOST + ":" + routerPort;
    }

    public Path dir() {
        return dir;
    }

    /** The status of a live storage node, asked over its gRPC service (its real port, never faulted). */
    public NodeStatusResponse nodeStatus(int index) {
        return NodeServiceGrpc.newBlockingStub(channels.get(nodeRpcAddresses.get(index)))
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .status(NodeStatusRequest.getDefaultInstance());
    }

    /** The status of a storage node if it is running and answers, else empty. */
    public Optional<NodeStatusResponse> tryNodeStatus(int index) {
        if (index >= nodes().size() || !nodes().get(index).isRunning()) {
            return Optional.empty();
        }
        try {
            return Optional.of(nodeStatus(index));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The metadata replica whose admin /metrics says it leads the metadata group, if one does. */
    public Optional<AtollProcess> metadataLeader() {
        for (AtollProcess replica : metadata) {
            if (!replica.isRunning()) {
                continue;
            }
            try {
                if (METADATA_LEADER.matcher(replica.metrics(http)).find()) {
                    return Optional.of(replica);
                }
            } catch (IOException e) {
                // Not answering: not the leader we can act on.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public String metrics(AtollProcess process) throws IOException, InterruptedException {
        return process.metrics(http);
    }

    /** The pids of the live processes, with their names: whom the proxy can attribute connections to. */
    public Map<Long, String> livePids() {
        Map<Long, String> pids = new HashMap<>();
        for (AtollProcess process : all()) {
            if (process.isAlive()) {
                pids.put(process.pid(), process.name());
            }
        }
        return pids;
    }

    /** Undoes every fault: links pass, paused processes resume, dead ones start again. */
    public void healAll() throws IOException, InterruptedException {
        proxy.healAll();
        for (AtollProcess process : all()) {
            if (process.isPaused()) {
                process.resume();
            }
            if (!process.isAlive()) {
                process.start();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        channels.close();
        router.stop(Duration.ofSeconds(10));
        if (!spareJoined) {
            spare.stop(Duration.ofSeconds(10));
        }
        for (AtollProcess node : nodes()) {
            node.stop(Duration.ofSeconds(10));
        }
        for (AtollProcess replica : metadata) {
            replica.stop(Duration.ofSeconds(10));
        }
        proxy.close();
    }

    private static String address(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** Binds {@code count} ephemeral ports on {@code host}, kept in {@code reserved} until the caller closes them. */
    private static List<Integer> reserve(String host, int count, List<ServerSocket> reserved) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var socket = new ServerSocket();
            reserved.add(socket);
            socket.bind(new InetSocketAddress(host, 0));
            ports.add(socket.getLocalPort());
        }
        return ports;
    }
}
