package io.atolldb.deploy;

import io.atolldb.router.auth.Authenticator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code atoll dev}: a whole 3-zone cluster in this process, serving the DynamoDB API. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run a whole 3-zone cluster (metadata, three storage nodes, a router) in one process.")
final class DevCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8000", description = "DynamoDB API port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--admin-port", defaultValue = "8001", description = "/health and /metrics port (default: ${DEFAULT-VALUE})")
    int adminPort;

    @Option(names = "--data", defaultValue = "./data", description = "data directory, kept across restarts (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--partitions-per-table", defaultValue = "0",
            description = "partitions of a new table; 0: as few as its declared throughput needs, one when on demand (default: ${DEFAULT-VALUE})")
    int partitionsPerTable;

    @Option(names = "--split-size", defaultValue = "10GiB", converter = ByteSize.class,
            description = "a partition storing more is split in two, e.g. 1MiB to watch splits (default: ${DEFAULT-VALUE}; 0: never)")
    long splitSize;

    @Option(names = "--split-write-units", defaultValue = "1000",
            description = "a partition applying more write units a second for --split-after splits at the middle of its load (default: ${DEFAULT-VALUE}, DynamoDB's limit; 0: never)")
    double splitWriteUnits;

    @Option(names = "--split-read-units", defaultValue = "3000",
            description = "likewise for read units served (default: ${DEFAULT-VALUE}, DynamoDB's limit; 0: never)")
    double splitReadUnits;

    @Option(names = "--split-after", defaultValue = "10s", converter = DurationOption.class,
            description = "how long a partition's load must stay above a limit (default: ${DEFAULT-VALUE})")
    java.time.Duration splitAfter;

    @Option(names = "--dead-after", defaultValue = "5m", converter = DurationOption.class,
            description = "a storage node unheard for longer is dead and its replicas are re-created (default: ${DEFAULT-VALUE})")
    java.time.Duration deadAfter;

    @Mixin
    AuthOption auth;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Authenticator authenticator;
        try {
            authenticator = auth.authenticator(System.getenv(), true, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("atoll dev: " + e.getMessage());
            return 2;
        }
        var registry = Processes.registry("dev");
        // Returns once the cluster can serve (or after DevCluster.READY_WAIT): the API port opens last.
        var cluster = DevCluster.start(data.toAbsolutePath(), host, port, new DevCluster.Options(partitionsPerTable,
                new io.atolldb.metadata.scheduler.Splitter.Settings(splitSize, 8, splitWriteUnits, splitReadUnits, splitAfter),
                new io.atolldb.metadata.scheduler.Mover.Settings(deadAfter, 4, true)), authenticator, registry);
        var admin = AdminServer.start(host, adminPort, registry, cluster::isReady);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (cluster.isReady()) {
            System.out.printf("AtollDB dev cluster ready in %.1f s: DynamoDB API on %s (health and metrics on http://%s:%d, data in %s)%n",
                    seconds, cluster.endpoint(), host, admin.port(), data.toAbsolutePath());
        } else {
            System.out.printf("AtollDB dev cluster serving on %s but not ready after %.1f s (see http://%s:%d/health)%n",
                    cluster.endpoint(), seconds, host, admin.port());
        }
        System.out.flush();
        return Processes.runUntilStopped(admin, cluster);
    }
}
