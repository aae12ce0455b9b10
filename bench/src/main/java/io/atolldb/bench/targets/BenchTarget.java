package io.atolldb.bench.targets;

import io.atolldb.bench.driver.Operations;
import io.atolldb.bench.workload.Records;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One system measured: started fresh for a run, given an empty table, then stopped. The harness
 * measures every target in turn with the same client code on the same machine.
 */
public interface BenchTarget extends AutoCloseable {

    /** Short name used in the table, the files and the summary line: atoll, ddblocal, ceiling. */
    String name();

    /** What an acknowledged write means on this target, printed next to its numbers. */
    String durability();

    /** Starts the target with its state under {@code workDir}; returns once it serves requests. */
    void start(Path workDir) throws Exception;

    /** Creates the empty benchmark table and returns the requests against it. */
    Operations operations(Records records, BenchClientSettings settings) throws Exception;

    /** True when the target runs inside the harness's own process (its CPU is then subtracted from the client's). */
    default boolean inProcess() {
        return false;
    }

    /** The process id of the server, for a target that runs as a separate JVM once started; else empty. */
    default OptionalLong serverPid() {
        return OptionalLong.empty();
    }

    /** CPU and memory of the target's own processes or threads. */
    ResourceProbe probe();

    /** Stops whatever {@link #start} started. */
    @Override
    void close();
}
