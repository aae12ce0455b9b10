package io.atolldb.chaos.run;

import io.atolldb.chaos.check.CheckResult;
import io.atolldb.chaos.check.LinearizabilityChecker;
import io.atolldb.chaos.cluster.ProcessCluster;
import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.HistoryFile;
import io.atolldb.chaos.history.HistoryRecorder;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;
import io.atolldb.chaos.nemesis.FaultKind;
import io.atolldb.chaos.nemesis.FaultRecord;
import io.atolldb.chaos.nemesis.Nemesis;
import io.atolldb.chaos.nemesis.PlannedFault;
import io.atolldb.chaos.nemesis.Schedule;
import io.atolldb.chaos.report.ReportWriter;
import io.atolldb.chaos.report.RunReport;
import io.atolldb.chaos.report.Timeline;
import io.atolldb.chaos.workload.Clients;
import io.atolldb.chaos.workload.CounterWorkload;
import io.atolldb.chaos.workload.Db;
import io.atolldb.chaos.workload.KeyPlacement;
import io.atolldb.chaos.workload.Probes;
import io.atolldb.chaos.workload.RegisterWorkload;
import io.atolldb.chaos.workload.SetWorkload;
import io.atolldb.chaos.workload.Workload;
import io.atolldb.chaos.workload.WorkloadRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One chaos run from start to verdict: starts a {@link ProcessCluster}, creates the table, runs the
 * workloads' clients while the nemesis plays the seeded schedule, heals everything, lets the cluster
 * quiesce, reads everything back, stops the cluster, checks the history and writes the report into
 * the report directory: {@code history.jsonl}, {@code schedule.txt}, {@code leaders.txt}, {@code report.json},
 * {@code report.html}, {@code summary.txt}, and the processes' logs under {@code cluster/} (their data
 * too when the run failed).
 */
public final class ChaosRun {
    /** The table every workload uses. */
    public static final String TABLE = "chaos";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration RECOVERY = Duration.ofSeconds(5);
    private static final Duration FINAL_READS = Duration.ofSeconds(120);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);

    private final ChaosConfig config;
    private final PrintWriter log;
    private final List<String> notes = new ArrayList<>();

    private ChaosRun(ChaosConfig config, PrintWriter log) {
        this.config = config;
        this.log = log;
    }

    /** Runs and reports; progress lines go to {@code log}. */
    public static RunReport run(ChaosConfig config, PrintWriter log) throws IOException, InterruptedException {
        return new ChaosRun(config, log).run();
    }

    private RunReport run() throws IOException, InterruptedException {
        Path dir = config.reportDir();
        Files.createDirectories(dir);
        Schedule schedule = Schedule.generate(config.seed(), config.faults(), config.duration(), config.timing());
        Files.write(dir.resolve("schedule.txt"), describe(schedule));
        String startedAt = Instant.now().toString();
        List<FaultRecord> faults = new ArrayList<>();
        long firstFault;
        long finalPhase;
        HistoryRecorder history = HistoryRecorder.startingNow(HistoryFile.create(dir.resolve("history.jsonl")));
        try (history) {
            progress("starting a cluster in %s", dir.resolve("cluster"));
            ProcessCluster cluster = ProcessCluster.start(config.jar(), dir.resolve("cluster"));
            Thread stopOnExit = new Thread(() -> closeQuietly(cluster), "chaos-cluster-stop");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            try (DynamoDbClient client = Clients.dynamo(cluster.endpoint(), config.opTimeout(), config.clients());
                 DynamoDbClient probeClient = Clients.dynamo(cluster.endpoint(), PROBE_TIMEOUT, 8)) {
                awaitHealthy(cluster, START_TIMEOUT, true);
                ChaosTable.create(client, TABLE);
                var partitions = TablePartitions.await(cluster, Duration.ofSeconds(60));
                if (!TablePartitions.awaitPreferredLeaders(cluster, partitions, Duration.ofSeconds(60))) {
                    note("leadership had not settled on the preferred replicas after 60 s; starting anyway");
                }
                var placement = new KeyPlacement(partitions);
                Db db = new Db(client, TABLE, history);
                List<Workload> workloads = workloads(placement);
                for (Workload workload : workloads) {
                    workload.setUp(db, Instant.now().plus(Duration.ofSeconds(60)));
                }
                try (var leaders = new LeaderLog(cluster, history, dir.resolve("leaders.txt"));
                     var runner = new WorkloadRunner(db, workloads, config.clients(), config.opsPerSecond(), config.seed());
                     var probes = new Probes(new Db(probeClient, TABLE, history), probeKeys(placement), PROBE_INTERVAL)) {
                    runner.start();
                    probes.start();
                    progress("clients running; %d faults planned over %ds (seed %d)", schedule.faults().size(),
                            config.duration().toSeconds(), config.seed());
                    sleepUntil(history, history.now() + WARM_UP.toNanos());
                    long scheduleStart = history.now();
                    firstFault = scheduleStart + (schedule.faults().isEmpty() ? config.duration().toNanos()
                            : schedule.faults().getFirst().at().toNanos());
                    var nemesis = new Nemesis(cluster);
                    for (PlannedFault planned : schedule.faults()) {
                        sleepUntil(history, scheduleStart + planned.at().toNanos());
                        play(nemesis, planned, history).ifPresent(faults::add);
                    }
                    sleepUntil(history, scheduleStart + config.duration().toNanos());
                    finalPhase = history.now();
                    progress("healing everything");
                    cluster.healAll();
                    awaitHealthy(cluster, START_TIMEOUT, false);
                    sleepUntil(history, history.now() + RECOVERY.toNanos());
                    runner.stop(config.opTimeout().plus(Duration.ofSeconds(10)));
                }
                progress("reading everything back");
                Instant deadline = Instant.now().plus(FINAL_READS);
                for (Workload workload : workloads) {
                    workload.finalReads(db, config.clients(), deadline);
                }
            } finally {
                closeQuietly(cluster);
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            }
        }
        List<Op> ops = history.ops();
        noteRefusedConditions(ops);
        progress("checking %d operations", ops.size());
        CheckResult check = CheckResult.of(ops, new LinearizabilityChecker());
        var settings = new RunReport.Settings(startedAt, config.seed(), config.duration().toSeconds(),
                config.faults().stream().map(FaultKind::cliName).toList(), config.clients(), config.opsPerSecond(),
                config.workloads().stream().map(f -> f.name().toLowerCase()).sorted().toList());
        RunReport report = RunReport.of(settings, ops, faults, check, firstFault, finalPhase,
                op -> Probes.isProbe(op.client()), notes);
        ReportWriter.write(dir, report, Timeline.of(ops));
        if (report.summary().passed()) {
            ChaosTable.deleteData(dir.resolve("cluster"));
        }
        progress("report in %s", dir.resolve("report.html"));
        return report;
    }

    private Optional<FaultRecord> play(Nemesis nemesis, PlannedFault planned, HistoryRecorder history)
            throws InterruptedException {
        Optional<Nemesis.Active> active;
        try {
            active = nemesis.inject(planned);
        } catch (IOException | RuntimeException e) {
            note("fault #%d %s could not be injected: %s", planned.number(), planned.kind().cliName(), e.getMessage());
            return Optional.empty();
        }
        if (active.isEmpty()) {
            note("fault #%d %s skipped: no target", planned.number(), planned.kind().cliName());
            return Optional.empty();
        }
        var record = new FaultRecord(planned.number(), planned.kind(), active.get().target(), history.now(), -1);
        progress("fault %s for %.1fs", record.describe(), planned.hold().toMillis() / 1000.0);
        sleepUntil(history, record.injectNanos() + planned.hold().toNanos());
        try {
            nemesis.heal(active.get());
        } catch (IOException e) {
            note("fault #%d heal failed (healed at the end): %s", planned.number(), e.getMessage());
        }
        record = record.healedAt(history.now());
        progress("healed #%d at %.1fs", record.number(), record.healNanos() / 1e9);
        return Optional.of(record);
    }

    /** Says so when compare-and-set was refused outright: the checks of those operations then prove nothing. */
    private void noteRefusedConditions(List<Op> ops) {
        List<Op> refused = ops.stream().filter(op -> op.kind() == OpKind.CAS && op.outcome() == Outcome.FAILED).toList();
        long total = ops.stream().filter(op -> op.kind() == OpKind.CAS).count();
        if (!refused.isEmpty()) {
            note("%d of %d compare-and-set operations were refused (e.g. %s): this build may not support them yet",
                    refused.size(), total, refused.getFirst().error());
        }
    }

    private List<Workload> workloads(KeyPlacement placement) {
        List<Workload> workloads = new ArrayList<>();
        if (config.workloads().contains(Family.REGISTER)) {
            workloads.add(new RegisterWorkload(placement.spread("r-", config.registerKeys()), config.cas()));
        }
        if (config.workloads().contains(Family.SET)) {
            workloads.add(new SetWorkload());
        }
        if (config.workloads().contains(Family.COUNTER)) {
            workloads.add(new CounterWorkload(placement.spread("c-", config.counterKeys())));
        }
        return workloads;
    }

    /** One register per partition: the register workload's own keys when it runs, else keys of their own. */
    private List<String> probeKeys(KeyPlacement placement) {
        var byPartition = config.workloads().contains(Family.REGISTER)
                ? placement.onePerPartition(placement.spread("r-", config.registerKeys()))
                : placement.onePerPartition(placement.spread("p-", placement.partitions()));
        if (byPartition.size() < placement.partitions()) {
            byPartition = placement.onePerPartition(placement.spread("p-", placement.partitions()));
        }
        byPartition.forEach((partition, key) -> note("probe %s reads partition %d", key, partition));
        return List.copyOf(byPartition.values());
    }

    private void awaitHealthy(ProcessCluster cluster, Duration timeout, boolean required) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cluster.isHealthy()) {
            if (System.nanoTime() > deadline) {
                if (required) {
                    throw new IllegalStateException("the cluster did not become healthy within " + timeout
                            + " (logs in " + cluster.dir() + ")");
                }
                note("the cluster was not healthy %ds after the final heal", timeout.toSeconds());
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    private static void sleepUntil(HistoryRecorder history, long nanos) {
        long wait;
        while ((wait = nanos - history.now()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static List<String> describe(Schedule schedule) {
        List<String> lines = new ArrayList<>();
        lines.add("seed " + schedule.seed() + ", " + schedule.duration().toSeconds() + "s, " + schedule.faults().size() + " faults");
        for (PlannedFault fault : schedule.faults()) {
            lines.add("#%d at %.1fs %s for %.1fs (pick %d)".formatted(fault.number(), fault.at().toMillis() / 1000.0,
                    fault.kind().cliName(), fault.hold().toMillis() / 1000.0, fault.pick()));
        }
        return lines;
    }

    private void progress(String format, Object... args) {
        log.println("chaos: " + format.formatted(args));
        log.flush();
    }

    private void note(String format, Object... args) {
        String note = format.formatted(args);
        synchronized (notes) {
            notes.add(note);
        }
        progress("%s", note);
    }

    private static void closeQuietly(ProcessCluster cluster) {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
