package io.atolldb.deploy;

import io.atolldb.metadata.MetadataConfig;
import io.atolldb.metadata.MetadataServer;
import io.atolldb.metadata.scheduler.Mover;
import io.atolldb.metadata.scheduler.Splitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code atoll metadata}: one replica of the metadata service. */
@Command(name = "metadata", mixinStandardHelpOptions = true,
        description = "Run one replica of the metadata service (run three, one per zone).")
final class MetadataCommand implements Callable<Integer> {
    @Option(names = "--id", required = true, defaultValue = "${env:ATOLL_ID}", description = "this replica's id, one of the --peer ids")
    String id;

    @Option(names = "--host", defaultValue = "${env:ATOLL_HOST:-127.0.0.1}", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--rpc-port", defaultValue = "${env:ATOLL_RPC_PORT:-7100}", description = "gRPC port (default: ${DEFAULT-VALUE})")
    int rpcPort;

    @Option(names = "--raft-port", defaultValue = "${env:ATOLL_RAFT_PORT:-7101}", description = "Raft port (default: ${DEFAULT-VALUE})")
    int raftPort;

    @Option(names = "--admin-port", defaultValue = "${env:ATOLL_ADMIN_PORT:-7102}", description = "/health and /metrics port (default: ${DEFAULT-VALUE})")
    int adminPort;

    @Option(names = "--data", defaultValue = "${env:ATOLL_DATA:-./data/metadata}", description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--peers", required = true, defaultValue = "${env:ATOLL_METADATA_PEERS}", split = ",",
            description = "every metadata replica as id@zone@raftHost:raftPort@rpcHost:rpcPort, comma-separated")
    List<String> peers;

    @Option(names = "--partitions-per-table", defaultValue = "${env:ATOLL_PARTITIONS_PER_TABLE:-0}",
            description = "partitions of a new table; 0: as few as its declared throughput needs, one when on demand (default: ${DEFAULT-VALUE})")
    int partitionsPerTable;

    @Option(names = "--split-size", defaultValue = "${env:ATOLL_SPLIT_SIZE:-10GiB}", converter = ByteSize.class,
            description = "a partition storing more is split in two (default: ${DEFAULT-VALUE}, DynamoDB's partition size; 0: never)")
    long splitSize;

    @Option(names = "--split-write-units", defaultValue = "${env:ATOLL_SPLIT_WRITE_UNITS:-1000}",
            description = "a partition applying more write units a second for --split-after splits at the middle of its load (default: ${DEFAULT-VALUE}, DynamoDB's limit; 0: never)")
    double splitWriteUnits;

    @Option(names = "--split-read-units", defaultValue = "${env:ATOLL_SPLIT_READ_UNITS:-3000}",
            description = "likewise for read units served (default: ${DEFAULT-VALUE}, DynamoDB's limit; 0: never)")
    double splitReadUnits;

    @Option(names = "--split-after", defaultValue = "${env:ATOLL_SPLIT_AFTER:-10s}", converter = DurationOption.class,
            description = "how long a partition's load must stay above a limit (default: ${DEFAULT-VALUE})")
    Duration splitAfter;

    @Option(names = "--dead-after", defaultValue = "${env:ATOLL_DEAD_AFTER:-5m}", converter = DurationOption.class,
            description = "a storage node unheard for longer is dead: its replicas are re-created on other nodes of its zone (default: ${DEFAULT-VALUE})")
    Duration deadAfter;

    @Option(names = "--max-replicas-per-node", defaultValue = "${env:ATOLL_MAX_REPLICAS_PER_NODE:-256}",
            description = "the replicas a storage node may host, each an idle Raft group's threads and CPU (default: ${DEFAULT-VALUE})")
    int maxReplicasPerNode;

    @Option(names = "--balance", defaultValue = "${env:ATOLL_BALANCE:-true}", negatable = true,
            description = "spread replicas and leaders evenly over the nodes (default: ${DEFAULT-VALUE})")
    boolean balance;

    @Override
    public Integer call() throws Exception {
        var registry = Processes.registry("metadata");
        var server = MetadataServer.start(new MetadataConfig(id, host, rpcPort, raftPort, data.toAbsolutePath(), parsePeers(peers),
                partitionsPerTable, Duration.ofSeconds(5), new Splitter.Settings(splitSize, 8, splitWriteUnits, splitReadUnits, splitAfter),
                new Mover.Settings(deadAfter, 4, balance), maxReplicasPerNode), registry);
        var admin = AdminServer.start(host, adminPort, registry, server::hasLeader);
        System.out.printf("AtollDB metadata replica %s serving on %s:%d%n", id, host, server.rpcPort());
        System.out.flush();
        return Processes.runUntilStopped(admin, server);
    }

    static List<MetadataConfig.Peer> parsePeers(List<String> specs) {
        List<MetadataConfig.Peer> peers = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.trim().split("@");
            if (parts.length != 4) {
                throw new IllegalArgumentException("a peer is id@zone@raftHost:raftPort@rpcHost:rpcPort, got " + spec);
            }
            peers.add(new MetadataConfig.Peer(parts[0], parts[1], parts[2], parts[3]));
        }
        return peers;
    }
}
