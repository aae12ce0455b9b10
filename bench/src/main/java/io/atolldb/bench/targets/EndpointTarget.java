package io.atolldb.bench.targets;

import io.atolldb.bench.driver.Operations;
import io.atolldb.bench.workload.Records;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A DynamoDB-API service that is already running, such as an AtollDB cluster on Kubernetes: the
 * harness neither starts nor stops it and cannot see its CPU or memory (reported as n/a). It gets a
 * table of its own, named for the run ({@code bench-<time>-<random>}) so that nothing already there is
 * touched, deleted again when the run ends.
 */
public final class EndpointTarget implements BenchTarget {
    private final URI endpoint;
    private final String table;

    public EndpointTarget(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("--endpoint must be an http:// or https:// URL with a host, got " + endpoint);
        }
        this.endpoint = endpoint;
        this.table = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
    }

    @Override
    public String name() {
        return "endpoint";
    }

    @Override
    public String durability() {
        return "the service at " + endpoint + ", already running, neither started nor stopped by the harness: what an "
                + "acknowledged write means is that service's own; its CPU and memory are not visible from here";
    }

    @Override
    public void start(Path workDir) {
        // Already running: the table creation that follows is the first request, and says so if it is not.
    }

    @Override
    public Operations operations(Records records, BenchClientSettings settings) throws Exception {
        return DynamoOperations.createTemporaryTable(endpoint, table, records, settings);
    }

    @Override
    public ResourceProbe probe() {
        return ResourceProbe.UNKNOWN;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
