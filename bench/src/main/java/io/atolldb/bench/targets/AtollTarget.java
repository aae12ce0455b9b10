package io.atolldb.bench.targets;


import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * AtollDB as a user runs it on one machine: the deploy jar's {@code dev} role (three metadata
 * replicas, three storage nodes in zones a, b, c and one router, in one process) started as a separate
 * process on free loopback ports with an empty data directory, ready when its /health answers 200.
 */
public final class AtollTarget extends ServerProcessTarget {
    public static final String DURABILITY = "3 replicas, one per zone, in one process on this machine; a write is "
            + "acknowledged once a majority (2 of 3) has the Raft log entry fsynced (Ratis log worker, "
            + "raft.server.log.unsafe-flush.enabled=false and async-flush.enabled=false); RocksDB's WAL is off "
            + "(the Raft log is the write-ahead log)";

    /** Attempts at starting when a port picked free was taken before the server bound it. */
    private static final int START_ATTEMPTS = 3;

    private final Path atollJar;
    private final OptionalInt partitionsPerTable;
    private URI metricsPage;

    /** {@code partitionsPerTable} empty keeps {@code atoll dev}'s default. */
    public AtollTarget(Path atollJar, List<String> jvmOptions, OptionalInt partitionsPerTable) {
        super(jvmOptions);
        this.partitionsPerTable = partitionsPerTable;
        // Absolute: the server runs in its own working directory.
        this.atollJar = atollJar.toAbsolutePath();
    }

    @Override
    public String name() {
        return "atoll";
    }

    /** The started server's Prometheus page (every node of the dev cluster); null before {@link #start}. */
    public URI metricsPage() {
        return metricsPage;
    }

    @Override
    public String durability() {
        return DURABILITY;
    }

    @Override
    public void start(Path workDir) throws IOException {
        if (!Files.isRegularFile(atollJar)) {
            throw new IllegalStateException("no AtollDB jar at " + atollJar + " (build it: mvn -DskipTests package)");
        }
        for (int attempt = 1; ; attempt++) {
            String suffix = attempt == 1 ? "" : "-" + attempt;
            try {
                startOnce(workDir.resolve("atoll-data" + suffix), workDir.resolve("atoll" + suffix + ".log"));
                return;
            } catch (IllegalStateException e) {
                // The ports are picked free, then bound by the server: another process can take one
                // in between (the server's own Raft and gRPC listeners on ephemeral ports included).
                boolean portTaken = process != null && !process.isAlive()
                        && Files.readString(process.log()).contains("Address already in use");
                close();
                if (!portTaken || attempt == START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void startOnce(Path dataDir, Path log) throws IOException {
        int port = Loopback.freePort();
        int adminPort = Loopback.freePort();
        Path data = Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java());
        command.addAll(List.of("-XX:+UseG1GC", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", atollJar.toString(), "dev", "--host", Loopback.HOST,
                "--port", Integer.toString(port), "--admin-port", Integer.toString(adminPort), "--data", data.toString()));
        partitionsPerTable.ifPresent(n -> command.addAll(List.of("--partitions-per-table", Integer.toString(n))));
        process = ChildProcess.start(command, log.getParent(), log);
        endpoint = URI.create("http://" + Loopback.HOST + ":" + port);
        var health = URI.create("http://" + Loopback.HOST + ":" + adminPort + "/health");
        metricsPage = URI.create("http://" + Loopback.HOST + ":" + adminPort + "/metrics");
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            Loopback.await("AtollDB dev (log: " + process.log() + ")", Duration.ofMinutes(3), process::isAlive,
                    () -> healthy(http, health));
        }
    }

    private static boolean healthy(HttpClient http, URI health) {
        try {
            return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
