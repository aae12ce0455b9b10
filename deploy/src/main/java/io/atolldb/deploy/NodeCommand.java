package io.atolldb.deploy;

import io.atolldb.node.runtime.NodeConfig;
import io.atolldb.node.runtime.StorageNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code atoll node}: one storage node. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run one storage node in a zone.")
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--id", required = true, defaultValue = "${env:ATOLL_ID}", description = "this node's id, stable across restarts")
    String id;

    @Option(names = "--zone", required = true, defaultValue = "${env:ATOLL_ZONE}", description = "this node's availability zone")
    String zone;

    @Option(names = "--host", defaultValue = "${env:ATOLL_HOST:-127.0.0.1}", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--advertise-host", defaultValue = "${env:ATOLL_ADVERTISE_HOST}", description = "address others use to reach this node (default: --host)")
    String advertiseHost;

    @Option(names = "--advertise-rpc-port", defaultValue = "${env:ATOLL_ADVERTISE_RPC_PORT:-0}",
            description = "gRPC port others use to reach this node, when a proxy sits in between (default: --rpc-port)")
    int advertiseRpcPort;

    @Option(names = "--advertise-raft-port", defaultValue = "${env:ATOLL_ADVERTISE_RAFT_PORT:-0}",
            description = "Raft port others use to reach this node, when a proxy sits in between (default: --raft-port)")
    int advertiseRaftPort;

    @Option(names = "--rpc-port", defaultValue = "${env:ATOLL_RPC_PORT:-7200}", description = "gRPC port (default: ${DEFAULT-VALUE})")
    int rpcPort;

    @Option(names = "--raft-port", defaultValue = "${env:ATOLL_RAFT_PORT:-7201}", description = "Raft port (default: ${DEFAULT-VALUE})")
    int raftPort;

    @Option(names = "--admin-port", defaultValue = "${env:ATOLL_ADMIN_PORT:-7202}", description = "/health and /metrics port (default: ${DEFAULT-VALUE})")
    int adminPort;

    @Option(names = "--data", defaultValue = "${env:ATOLL_DATA:-./data/node}", description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--metadata", required = true, defaultValue = "${env:ATOLL_METADATA}", split = ",",
            description = "metadata replicas' gRPC addresses host:port, comma-separated")
    List<String> metadata;

    @Option(names = "--heartbeat-millis", defaultValue = "${env:ATOLL_HEARTBEAT_MILLIS:-500}", description = "heartbeat interval (default: ${DEFAULT-VALUE})")
    long heartbeatMillis;

    @Override
    public Integer call() throws Exception {
        var registry = Processes.registry("node");
        String advertised = advertiseHost == null || advertiseHost.isBlank() ? host : advertiseHost;
        var node = StorageNode.start(new NodeConfig(id, zone, host, advertised, rpcPort, raftPort, advertiseRpcPort,
                advertiseRaftPort, data.toAbsolutePath(), metadata, Duration.ofMillis(heartbeatMillis)), registry);
        var admin = AdminServer.start(host, adminPort, registry, node::isReady, java.util.List.of(
                new AdminServer.Action("transfer-leadership", () -> {
                    // Before a planned stop (a Kubernetes preStop hook): hand every leadership to another replica.
                    var outcome = node.transferLeadership(Duration.ofSeconds(30));
                    return new AdminServer.Result(outcome.getRemaining() == 0, "{\"transferred\": " + outcome.getTransferred()
                            + ", \"remaining\": " + outcome.getRemaining() + "}");
                })));
        System.out.printf("AtollDB storage node %s (zone %s) serving on %s:%d%n", id, zone, host, rpcPort);
        System.out.flush();
        return Processes.runUntilStopped(admin, node);
    }
}
