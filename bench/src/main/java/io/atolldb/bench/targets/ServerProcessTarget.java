package io.atolldb.bench.targets;

import io.atolldb.bench.driver.Operations;
import io.atolldb.bench.workload.Records;

import java.net.URI;
import java.util.List;
import java.util.OptionalLong;

/**
 * A target that serves the DynamoDB API from a separate child process on a loopback port: the client,
 * the resource probe (the child's process tree) and stopping it are the same for every such server;
 * subclasses only say how to start theirs.
 */
abstract class ServerProcessTarget implements BenchTarget {
    /** Extra JVM options for the server process. */
    protected final List<String> jvmOptions;
    /** The running server, once started. */
    protected ChildProcess process;
    /** Where the server answers the DynamoDB API, once started. */
    protected URI endpoint;

    protected ServerProcessTarget(List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    @Override
    public Operations operations(Records records, BenchClientSettings settings) throws Exception {
        return DynamoOperations.createTable(endpoint, records, settings);
    }

    /** Where the server answers the DynamoDB API; null before {@link #start}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public OptionalLong serverPid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    @Override
    public ResourceProbe probe() {
        return process.probe();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
