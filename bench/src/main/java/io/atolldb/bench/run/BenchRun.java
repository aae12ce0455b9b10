package io.atolldb.bench.run;

import io.atolldb.bench.driver.LatencyRecorder;
import io.atolldb.bench.driver.LoadDriver;
import io.atolldb.bench.driver.Loader;
import io.atolldb.bench.driver.PhaseResult;
import io.atolldb.bench.driver.Ticker;
import io.atolldb.bench.profile.CpuProfiler;
import io.atolldb.bench.report.Percentiles;
import io.atolldb.bench.report.Report;
import io.atolldb.bench.report.TargetResult;
import io.atolldb.bench.targets.BenchClientSettings;
import io.atolldb.bench.targets.BenchTarget;
import io.atolldb.bench.targets.ProcStats;
import io.atolldb.bench.workload.OpKind;
import io.atolldb.bench.workload.Records;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures each target in turn, the same way: start it fresh, create the table, load every record
 * (BatchWriteItem), run the warm-up (discarded), then the measured phase with CPU read before and
 * after, read peak memory, stop it. With a profiler, each target that is a separate server process is
 * CPU-profiled over the measured phase only.
 */
public final class BenchRun {
    /** This harness's own CPU: the load generator (and, for the ceiling, RocksDB too; see inProcess). */
    private static final Path SELF = Path.of("/proc/self/stat");

    private final BenchConfig config;
    private final PrintStream log;
    private final Optional<CpuProfiler> profiler;

    public BenchRun(BenchConfig config, PrintStream log, Optional<CpuProfiler> profiler) {
        this.config = config;
        this.log = log;
        this.profiler = profiler;
    }

    public Report run(List<BenchTarget> targets, Path workDir) throws Exception {
        var startedAt = Instant.now().toString();
        List<TargetResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (var target : targets) {
            // Absolute: the servers run with their own working directory.
            Path dir = Files.createDirectories(workDir.toAbsolutePath().resolve(target.name()));
            try {
                results.add(measure(target, dir));
            } catch (Exception e) {
                // One target failing (say it would not start) leaves the others' numbers worth having.
                String failure = target.name() + ": " + LatencyRecorder.describe(e);
                log.println("bench: " + failure);
                failures.add(failure);
            }
        }
        return new Report(config.workload().name(), startedAt, config.describe(), machine(), results, failures);
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ", Java "
                + Runtime.version();
    }

    TargetResult measure(BenchTarget target, Path workDir) throws Exception {
        var records = new Records(config.itemSize(), config.seed());
        try (target) {
            log.printf("bench: %s: starting%n", target.name());
            target.start(workDir);
            try (var operations = target.operations(records, new BenchClientSettings(config.shape().clients(), config.consistentReads()))) {
                log.printf("bench: %s: loading %d records of %d bytes%n", target.name(), config.records(), config.itemSize());
                double loadSeconds = Loader.load(operations, config.records(), config.shape().clients());
                log.printf("bench: %s: loaded in %.1f s%n", target.name(), loadSeconds);
                var driver = new LoadDriver(config.workload(), config.distribution().over(config.records()), config.shape(),
                        Ticker.SYSTEM, config.seed());
                if (!config.warmup().isZero()) {
                    log.printf("bench: %s: warm-up %d s (%s)%n", target.name(), config.warmup().toSeconds(), config.shape().describe());
                    driver.run(operations, config.warmup());
                }
                log.printf("bench: %s: measuring %d s%n", target.name(), config.duration().toSeconds());
                var probe = target.probe();
                long cpuBefore = probe.cpuNanos();
                long selfBefore = ProcStats.cpuNanos(SELF);
                var profile = startProfile(target);
                PhaseResult phase = driver.run(operations, config.duration());
                long selfAfter = ProcStats.cpuNanos(SELF);
                long cpuAfter = probe.cpuNanos();
                stopProfile(target, profile);
                long peak = probe.peakMemoryBytes();
                // -1: a service whose CPU cannot be seen from here (see ResourceProbe).
                long targetCpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
                long clientCpu = selfAfter - selfBefore - (target.inProcess() && targetCpu > 0 ? targetCpu : 0);
                var result = result(target, loadSeconds, phase, targetCpu, Math.max(0, clientCpu), peak);
                log.printf("bench: %s: %.0f ops/s, p99 %.2f ms, %d errors%n", target.name(), result.throughput(),
                        result.latency().p99(), result.errors());
                return result;
            }
        }
    }

    /** Starts the CPU profile of the target's server process, if asked for and there is one. */
    private Optional<CpuProfiler.Session> startProfile(BenchTarget target) {
        if (profiler.isEmpty()) {
            return Optional.empty();
        }
        var pid = target.serverPid();
        if (pid.isEmpty()) {
            log.printf("bench: %s: not profiled (%s)%n", target.name(), target.inProcess()
                    ? "it runs inside the harness, whose load generator would be in the profile"
                    : "not a process the harness started");
            return Optional.empty();
        }
        try {
            return Optional.of(profiler.get().start(target.name(), pid.getAsLong()));
        } catch (IOException e) {
            // The numbers are still worth having; the missing profile is said, not hidden.
            log.printf("bench: %s: not profiled: %s%n", target.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private void stopProfile(BenchTarget target, Optional<CpuProfiler.Session> profile) {
        if (profile.isEmpty()) {
            return;
        }
        try {
            Path flameGraph = profile.get().stop();
            log.printf("bench: %s: CPU profile of the measured phase (%s samples): %s%n", target.name(),
                    profile.get().event(), flameGraph);
        } catch (IOException e) {
            log.printf("bench: %s: profile not written: %s%n", target.name(), e.getMessage());
        }
    }

    private TargetResult result(BenchTarget target, double loadSeconds, PhaseResult phase, long cpuNanos, long clientCpuNanos,
                                long peakBytes) {
        var recorder = phase.recorder();
        Map<String, Percentiles> byKind = new LinkedHashMap<>();
        for (var kind : OpKind.values()) {
            var histogram = recorder.of(kind);
            if (histogram.getTotalCount() > 0) {
                byKind.put(kind.name(), Percentiles.of(histogram));
            }
        }
        long ok = phase.succeeded();
        double cpuPer1000 = cpuNanos < 0 ? -1 : ok == 0 ? 0 : cpuNanos / 1e9 / ok * 1000;
        double clientCpuPer1000 = ok == 0 ? 0 : clientCpuNanos / 1e9 / ok * 1000;
        return new TargetResult(target.name(), target.durability(), loadSeconds, ok, recorder.errors(), recorder.conflicts(),
                phase.elapsedNanos() / 1e9, phase.throughput(), Percentiles.of(recorder.all()), byKind, cpuPer1000, clientCpuPer1000,
                peakBytes < 0 ? -1 : peakBytes / (1024.0 * 1024.0), recorder.errorSamples());
    }
}
