package io.atolldb.bench.cli;

import io.atolldb.bench.driver.LoadDriver;
import io.atolldb.bench.driver.LoadShape;
import io.atolldb.bench.driver.Loader;
import io.atolldb.bench.driver.PhaseResult;
import io.atolldb.bench.driver.Ticker;
import io.atolldb.bench.probe.ReplicaLag;
import io.atolldb.bench.probe.StalenessProbe;
import io.atolldb.bench.targets.AtollTarget;
import io.atolldb.bench.targets.BenchClientSettings;
import io.atolldb.bench.targets.DynamoOperations;
import io.atolldb.bench.workload.Distribution;
import io.atolldb.bench.workload.OpKind;
import io.atolldb.bench.workload.Records;
import io.atolldb.bench.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code atoll bench staleness}: how fresh eventually consistent reads are, idle and under a YCSB-A load.
 * Prints, per phase, the share of reads right after an acknowledged write that returned it, how long
 * stale ones took to see it, and the storage nodes' own measure of when follower replicas applied writes.
 */
@Command(name = "staleness", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Probes eventually consistent reads: fresh share after a write, visibility lag on every replica.")
public final class StalenessCommand implements Callable<Integer> {
    /** The goals of docs/performance.md: 99% of reads fresh; at p99, every replica holds a write 50 ms after its acknowledgement. */
    static final double FRESH_GOAL = 0.99;
    static final double VISIBLE_WITHIN_SECONDS = 0.050;

    @Option(names = "--endpoint", description = "a running AtollDB (or other DynamoDB API) to probe (default: start `atoll dev`)")
    URI endpoint;

    @Option(names = "--metrics", split = ",",
            description = "/metrics pages of the storage nodes (default: the started dev's; none with --endpoint)")
    List<URI> metrics = new ArrayList<>();

    @Option(names = "--skip-replicas",
            description = "do not time when each write is on every replica (that asks an AtollDB router's admin API)")
    boolean skipReplicas;

    @Option(names = "--rounds", defaultValue = "500", description = "idle rounds, each a put and an update, each read at once (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--load-seconds", defaultValue = "30", description = "length of the loaded phase; 0 skips it (default: ${DEFAULT-VALUE})")
    int loadSeconds;

    @Option(names = "--load-clients", defaultValue = "16", description = "concurrent YCSB-A requests in the loaded phase (default: ${DEFAULT-VALUE})")
    int loadClients;

    @Option(names = "--records", defaultValue = "10000", description = "records of the loaded phase's table (default: ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--atoll-jar", description = "the AtollDB distribution jar (default: deploy/target/atoll.jar next to this jar)")
    Path atollJar;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Optional<AtollTarget> started = Optional.empty();
        Path work = null;
        try {
            URI service = endpoint;
            List<URI> pages = new ArrayList<>(metrics);
            if (service == null) {
                work = Files.createTempDirectory("atoll-staleness");
                var target = new AtollTarget(atollJar != null ? atollJar
                        : BenchCommand.distributionRoot().resolve("deploy/target/atoll.jar"), List.of(), OptionalInt.empty());
                started = Optional.of(target);
                System.err.println("starting atoll dev ...");
                target.start(work);
                service = target.endpoint();
                if (pages.isEmpty()) {
                    pages.add(target.metricsPage());
                }
            }
            return probe(service, pages);
        } finally {
            started.ifPresent(AtollTarget::close);
            if (work != null) {
                BenchCommand.deleteTree(work);
            }
        }
    }

    private int probe(URI service, List<URI> pages) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var records = new Records(1024, 1);
        List<String> rows = new ArrayList<>();
        boolean met = true;
        try (var client = DynamoOperations.client(service, 4); var http = HttpClient.newHttpClient()) {
            var probe = new StalenessProbe(client, "staleness-probe-" + suffix, skipReplicas ? Optional.empty() : Optional.of(service));
            probe.createTable();
            try {
                System.err.println("idle phase: " + rounds + " rounds ...");
                ReplicaLag before = pages.isEmpty() ? null : ReplicaLag.read(http, pages);
                var idle = probe.run(rounds, "idle");
                met &= row(rows, "idle", idle, before == null ? null : ReplicaLag.read(http, pages).since(before), "-");
                if (loadSeconds > 0) {
                    met &= loaded(service, probe, records, suffix, pages, http, rows);
                }
            } finally {
                probe.deleteTable();
            }
        }
        out.println();
        out.println("eventually consistent reads right after an acknowledged write, on " + service);
        out.println(String.format(Locale.ROOT, "%-7s %6s %8s %9s %9s %11s %11s %11s %11s %11s %13s  %s",
                "phase", "reads", "fresh", "vis p99", "vis max", "all p50", "all p99", "all max", "poll p99", "apply p99",
                "apply<=50ms", "load op/s"));
        rows.forEach(out::println);
        out.println("fresh: the read returned the write; vis: acknowledgement until an eventually consistent read "
                + "returned it (0 when fresh, repeated reads when stale); all: acknowledgement until the last replica "
                + "applied the write, by the replicas' clocks (atoll admin item reports each replica's newest applied "
                + "entry and when; 0 when every replica applied it before the client heard; same host only); poll: "
                + "acknowledgement until a poll of atoll admin item found the write on every replica (the poll's own "
                + "time included, an upper bound); apply: the nodes' histogram of time from a write's proposal until "
                + "each follower replica applied it (bucket bounds; it includes the write's own latency before "
                + "acknowledgement)");
        out.println((met ? "goals met" : "GOALS NOT MET") + ": >= 99% fresh, every replica within 50 ms of "
                + "acknowledgement at p99");
        return met ? 0 : 1;
    }

    private boolean loaded(URI service, StalenessProbe probe, Records records, String suffix, List<URI> pages,
                           HttpClient http, List<String> rows) throws Exception {
        var settings = new BenchClientSettings(loadClients, false);
        try (var load = DynamoOperations.createTemporaryTable(service, "staleness-load-" + suffix, records, settings)) {
            System.err.println("loading " + this.records + " records ...");
            Loader.load(load, this.records, loadClients);
            var driver = new LoadDriver(Workload.A, Distribution.ZIPFIAN.over(this.records), new LoadShape(loadClients, 0),
                    Ticker.SYSTEM, 1);
            System.err.println("loaded phase: YCSB-A with " + loadClients + " clients for " + loadSeconds + " s, probing meanwhile ...");
            ReplicaLag before = pages.isEmpty() ? null : ReplicaLag.read(http, pages);
            CompletableFuture<PhaseResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return driver.run(load, Duration.ofSeconds(loadSeconds));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            List<StalenessProbe.Result> parts = new ArrayList<>();
            int round = 0;
            while (!running.isDone()) {
                parts.add(probe.run(10, "loaded-" + round));
                round += 1;
            }
            PhaseResult result = running.get(2, TimeUnit.MINUTES);
            ReplicaLag lag = before == null ? null : ReplicaLag.read(http, pages).since(before);
            var merged = StalenessProbe.Result.merge(parts);
            double updateP99 = result.recorder().of(OpKind.UPDATE).getValueAtPercentile(99) / 1000.0;
            return row(rows, "loaded", merged, lag, String.format(Locale.ROOT, "%.0f (update p99 %.1fms)", result.throughput(), updateP99));
        }
    }

    private static boolean row(List<String> rows, String phase, StalenessProbe.Result result, ReplicaLag lag, String load) {
        rows.add(String.format(Locale.ROOT, "%-7s %6d %7.2f%% %7.1fms %7.1fms %11s %11s %11s %11s %11s %13s  %s", phase,
                result.reads(), 100 * result.freshShare(), result.lagMillis(99), result.maxLagMillis(),
                millis(result.appliedMillis(50)), millis(result.appliedMillis(99)), millis(result.appliedMillis(100)),
                millis(result.everywhereMillis(99)),
                lag == null ? "-" : lag.boundMillis(99) == Double.POSITIVE_INFINITY ? ">5s" : "<=" + (long) lag.boundMillis(99) + "ms",
                lag == null ? "-" : String.format(Locale.ROOT, "%.2f%% of %d", 100 * lag.shareWithin(VISIBLE_WITHIN_SECONDS), lag.count()),
                load));
        double everywhere = result.appliedMillis(99);
        return result.freshShare() >= FRESH_GOAL && (Double.isNaN(everywhere) || everywhere < VISIBLE_WITHIN_SECONDS * 1000);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1fms", value);
    }
}
