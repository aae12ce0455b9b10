package io.atolldb.deploy;

import picocli.CommandLine.Command;
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

    @Option(names = "--partitions-per-table", defaultValue = "4", description = "partitions of a new table (default: ${DEFAULT-VALUE})")
    int partitionsPerTable;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        var registry = Processes.registry("dev");
        // Returns once the cluster can serve (or after DevCluster.READY_WAIT): the API port opens last.
        var cluster = DevCluster.start(data.toAbsolutePath(), host, port, partitionsPerTable, registry);
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
