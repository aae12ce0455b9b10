package io.atolldb.bench.ceiling;

import io.atolldb.bench.driver.Operations;
import io.atolldb.bench.targets.BenchClientSettings;
import io.atolldb.bench.targets.BenchTarget;
import io.atolldb.bench.targets.ProcStats;
import io.atolldb.bench.targets.ResourceProbe;
import io.atolldb.bench.workload.Records;

import java.nio.file.Path;
import java.util.List;

/**
 * The storage ceiling: the workload's reads and writes made directly on an embedded RocksDB in this
 * process, with the write-ahead log on and every write synced (RocksDB group-commits concurrent
 * writers into one fsync). No network, no JSON, no replication: what the disk and one copy of RocksDB
 * allow on this machine.
 *
 * <p>CPU is that of the threads doing the work, read from /proc/self/task: the request threads
 * ({@value CeilingOperations#THREAD_PREFIX}N, which also run the harness's per-request bookkeeping) and
 * RocksDB's own background threads (flush and compaction, named rocksdb:...). Peak memory cannot be told
 * apart from the harness's, so it is not reported.
 */
public final class CeilingTarget implements BenchTarget {
    public static final String DURABILITY = "1 copy, embedded RocksDB in the harness process; a write is "
            + "acknowledged once its WAL record is fsynced (WriteOptions.sync=true, WAL on; concurrent writers "
            + "group-committed)";

    private Path directory;
    private CeilingOperations operations;

    @Override
    public String name() {
        return "ceiling";
    }

    @Override
    public String durability() {
        return DURABILITY;
    }

    @Override
    public void start(Path workDir) {
        directory = workDir.resolve("ceiling-rocksdb");
    }

    @Override
    public Operations operations(Records records, BenchClientSettings settings) {
        operations = CeilingOperations.open(directory, records, settings.clients());
        return operations;
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public ResourceProbe probe() {
        return new ResourceProbe() {
            @Override
            public long cpuNanos() {
                return ProcStats.ownThreadsCpuNanos(List.of(CeilingOperations.THREAD_PREFIX, "rocksdb:"));
            }

            @Override
            public long peakMemoryBytes() {
                return -1;
            }
        };
    }

    @Override
    public void close() {
        if (operations != null) {
            operations.close();
        }
    }
}
