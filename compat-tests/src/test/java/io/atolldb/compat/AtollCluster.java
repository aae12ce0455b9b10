package io.atolldb.compat;

import io.atolldb.deploy.DevCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

import static org.awaitility.Awaitility.await;

/** An in-JVM AtollDB dev cluster (3 zones, 4 partitions per table) on 127.0.0.1, deleted on close. */
final class AtollCluster implements AutoCloseable {
    private final Path dir;
    private final DevCluster cluster;

    private AtollCluster(Path dir, DevCluster cluster) {
        this.dir = dir;
        this.cluster = cluster;
    }

    static AtollCluster start() throws IOException {
        Path dir = Files.createTempDirectory("atoll-compat");
        DevCluster cluster = DevCluster.start(dir, "127.0.0.1", 0, 4, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(90)).until(cluster::isReady);
        return new AtollCluster(dir, cluster);
    }

    /**
     * Waits until a metadata leader sees every storage node live. A metadata leader elected moments ago
     * has not heard a heartbeat yet and cannot place partitions (ServiceUnavailable, which the SDK retries
     * a few times only), which on a loaded machine can happen between two seeds; the comparison starts
     * from a ready cluster.
     */
    void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).until(cluster::isReady);
    }

    String endpoint() {
        return cluster.endpoint();
    }

    @Override
    public void close() throws IOException {
        cluster.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
