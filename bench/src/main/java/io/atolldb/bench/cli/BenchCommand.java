package io.atolldb.bench.cli;

import io.atolldb.bench.ceiling.CeilingTarget;
import io.atolldb.bench.driver.LoadShape;
import io.atolldb.bench.profile.CpuProfiler;
import io.atolldb.bench.report.ReportFiles;
import io.atolldb.bench.report.TextTable;
import io.atolldb.bench.run.BenchConfig;
import io.atolldb.bench.run.BenchRun;
import io.atolldb.bench.targets.AtollTarget;
import io.atolldb.bench.targets.BenchTarget;
import io.atolldb.bench.targets.DynamoDbLocalTarget;
import io.atolldb.bench.targets.EndpointTarget;
import io.atolldb.bench.workload.Distribution;
import io.atolldb.bench.workload.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code atoll bench}: runs one YCSB-style workload against AtollDB and, in turn, the targets it is
 * compared with, on this machine, then prints the table and the one-line summary and writes
 * results.csv, results.json and chart.html.
 */
@Command(name = "atoll bench", mixinStandardHelpOptions = true, sortOptions = false, subcommands = StalenessCommand.class,
        description = "Measures AtollDB against DynamoDB Local and an embedded RocksDB ceiling, side by side, in one run.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--workload", defaultValue = "A",
            description = "A (50%% read, 50%% update), B (95/5), C (read only), F (read-modify-write), W (write only); default: ${DEFAULT-VALUE}")
    String workload;

    @Option(names = "--duration", defaultValue = "60", description = "measured seconds per target (default: ${DEFAULT-VALUE})")
    long durationSeconds;

    @Option(names = "--warmup", defaultValue = "90",
            description = "warm-up seconds per target, results discarded (default: ${DEFAULT-VALUE}; see docs/performance.md)")
    long warmupSeconds;

    @Option(names = "--targets", split = ",",
            description = "targets to measure, in order: atoll, dynamodb-local, ceiling, endpoint (default: atoll and the --compare ones)")
    List<String> targets;

    @Option(names = "--compare", split = ",", description = "targets to measure after atoll: dynamodb-local, ceiling, endpoint")
    List<String> compare = List.of();

    @Option(names = "--clients", defaultValue = "16",
            description = "closed loop: concurrent requests; open loop: most in flight (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--rate", defaultValue = "0",
            description = "open loop at this many requests per second, timed from their intended start; 0 = closed loop (default)")
    double rate;

    @Option(names = "--records", defaultValue = "20000", description = "records loaded before the run (default: ${DEFAULT-VALUE})")
    long records;

    @Option(names = "--item-size", defaultValue = "1024", description = "bytes per item (default: ${DEFAULT-VALUE})")
    int itemSize;

    @Option(names = "--distribution", defaultValue = "zipfian", description = "uniform, zipfian or latest (default: ${DEFAULT-VALUE})")
    String distribution;

    @Option(names = "--consistent-reads", description = "strongly consistent reads (default: eventually consistent)")
    boolean consistentReads;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the operation and key choices (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--output", description = "directory for results.csv, results.json and chart.html (default: target/bench/<time>)")
    Path output;

    @Option(names = "--atoll-jar", description = "the AtollDB distribution jar (default: deploy/target/atoll.jar next to this jar)")
    Path atollJar;

    @Option(names = "--partitions",
            description = "partitions per table of the AtollDB target (default: atoll dev's, 4); see docs/performance.md")
    Integer partitions;

    @Option(names = "--endpoint",
            description = "URL of a DynamoDB-API service already running (an AtollDB cluster, say) for the target 'endpoint': "
                    + "it gets a table of its own for the run, deleted at the end; its CPU and memory are not measured")
    URI endpoint;

    @Option(names = "--dynamodb-local", description = "DynamoDB Local's lib/ and native/ (default: bench/dynamodb-local/target)")
    Path dynamoDbLocal;

    @Option(names = "--server-jvm-option", description = "extra JVM option for the server processes (repeatable)")
    List<String> serverJvmOptions = new ArrayList<>();

    @Option(names = "--profile",
            description = "CPU-profile each server process over the measured phase with async-profiler (Java, native and "
                    + "kernel frames): <output>/<target>-cpu.html (flame graph) and <target>-cpu.collapsed")
    boolean profile;

    @Option(names = "--jfr",
            description = "record the AtollDB process with JDK Flight Recorder (profile settings, whole life) into <output>/atoll.jfr")
    boolean jfr;

    @Option(names = "--keep-data", description = "keep the targets' data directories (default: deleted after the run)")
    boolean keepData;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the table and summary line go (tests read them). */
    PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        var config = config();
        Path dir = (output != null ? output : Path.of("target", "bench",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        var chosen = targets(dir, config);
        Path work = Files.createDirectories(dir.toAbsolutePath().resolve("work"));
        var profiler = profile ? Optional.of(CpuProfiler.prepare(dir)) : Optional.<CpuProfiler>empty();
        var report = new BenchRun(config, System.err, profiler).run(chosen, work);
        ReportFiles.write(report, dir);
        if (!keepData && report.failures().isEmpty()) {
            deleteTree(work); // kept when a target failed: its log is in there
        }
        out.println();
        out.println("workload " + report.workload() + ": " + String.join(", ", report.settings()));
        out.println(report.machine());
        out.print(TextTable.render(report));
        out.println("results: " + dir.resolve(ReportFiles.CSV) + ", " + dir.resolve(ReportFiles.JSON) + ", "
                + dir.resolve(ReportFiles.HTML));
        out.println(report.summaryLine());
        boolean failed = !report.failures().isEmpty() || report.results().stream().anyMatch(r -> r.operations() == 0);
        return failed ? 1 : 0;
    }

    /** The server JVM options, plus what --profile needs, plus a flight recording (its whole life) with --jfr. */
    private List<String> atollJvmOptions(Path dir) {
        List<String> options = new ArrayList<>(serverJvmOptions());
        if (jfr) {
            options.add("-XX:StartFlightRecording=filename=" + dir.resolve("atoll.jfr") + ",settings=profile,dumponexit=true");
        }
        return options;
    }

    /** The JVM options of every server process: the user's, plus what --profile needs. */
    private List<String> serverJvmOptions() {
        List<String> options = new ArrayList<>(serverJvmOptions);
        if (profile) {
            options.add(CpuProfiler.serverJvmOption());
        }
        return options;
    }

    /** The options as one checked configuration; a bad value is a usage error naming the option. */
    BenchConfig config() {
        Workload chosenWorkload;
        Distribution chosenDistribution;
        try {
            chosenWorkload = Workload.parse(workload);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --workload '" + workload + "': use A, B, C, F or W");
        }
        try {
            chosenDistribution = Distribution.parse(distribution);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --distribution '" + distribution + "': use uniform, zipfian or latest");
        }
        try {
            new io.atolldb.bench.workload.Records(itemSize, seed);
            return new BenchConfig(chosenWorkload, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds),
                    new LoadShape(clients, rate), records, itemSize, chosenDistribution, consistentReads, seed,
                    partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The targets in the order asked for; atoll first when only --compare is given. */
    List<BenchTarget> targets(Path dir, BenchConfig config) {
        var names = new LinkedHashSet<String>();
        if (targets != null && !targets.isEmpty()) {
            targets.forEach(t -> names.add(canonical(t)));
        } else {
            names.add("atoll");
            compare.forEach(t -> names.add(canonical(t)));
        }
        if (endpoint != null && !names.contains("endpoint")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--endpoint is given but no target 'endpoint': name it in --targets or --compare");
        }
        Path root = distributionRoot();
        List<BenchTarget> list = new ArrayList<>();
        for (var name : names) {
            list.add(switch (name) {
                case "atoll" -> new AtollTarget(atollJar != null ? atollJar : jar("atoll.jar", root.resolve("deploy/target/atoll.jar")),
                        atollJvmOptions(dir), config.atollPartitions());
                case "ddblocal" -> new DynamoDbLocalTarget(dynamoDbLocal != null ? dynamoDbLocal
                        : dir("atoll.bench.dynamodb-local", root.resolve("bench/dynamodb-local/target")), serverJvmOptions());
                case "ceiling" -> new CeilingTarget();
                case "endpoint" -> endpointTarget();
                default -> throw new IllegalStateException(name);
            });
        }
        return list;
    }

    private BenchTarget endpointTarget() {
        if (endpoint == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "target 'endpoint' needs --endpoint URL (the service to measure)");
        }
        try {
            return new EndpointTarget(endpoint);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    String canonical(String target) {
        return switch (target.trim().toLowerCase(Locale.ROOT)) {
            case "atoll", "atolldb" -> "atoll";
            case "dynamodb-local", "ddblocal", "ddb-local" -> "ddblocal";
            case "ceiling", "rocksdb" -> "ceiling";
            case "endpoint" -> "endpoint";
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown target '" + target + "': use atoll, dynamodb-local, ceiling or endpoint");
        };
    }

    private static Path jar(String property, Path fallback) {
        String value = System.getProperty(property);
        return value != null ? Path.of(value) : fallback;
    }

    private static Path dir(String property, Path fallback) {
        return jar(property, fallback);
    }

    /** The checkout this jar was built in: bench/target/atoll-bench.jar is three levels below it. */
    static Path distributionRoot() {
        try {
            Path self = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = self.getParent();
            return target.getParent() != null && target.getParent().getParent() != null
                    ? target.getParent().getParent() : Path.of(".");
        } catch (Exception e) {
            return Path.of(".");
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
