package io.atolldb.chaos.cli;

import io.atolldb.chaos.check.CheckResult;
import io.atolldb.chaos.check.LinearizabilityChecker;
import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.HistoryFile;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.Outcome;
import io.atolldb.chaos.nemesis.FaultKind;
import io.atolldb.chaos.nemesis.Schedule;
import io.atolldb.chaos.report.RunReport;
import io.atolldb.chaos.run.ChaosConfig;
import io.atolldb.chaos.run.ChaosRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code atoll chaos}: starts a local multi-process cluster, runs the workloads under a seeded fault
 * schedule, writes the report under {@code chaos-reports/<timestamp>/} and ends with one summary line
 * on standard output (progress goes to standard error). Exit status 0 when nothing was lost and the
 * history is linearizable, 1 when not, 2 for bad options, 3 when the run itself could not be carried
 * out. {@code --replay} checks a saved history again instead of running.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a local 3-zone cluster under faults and check durability and linearizability.",
                "Ends with: chaos: ops=N ok=N failed=N unknown=N faults=N lost=N linearizable=yes|no max-unavailable=Xs"})
public final class ChaosCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final int ERROR = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "120", paramLabel = "SECONDS", description = "how long faults are injected (default: ${DEFAULT-VALUE})")
    long durationSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the fault schedule and the clients (default: random, printed)")
    Long seed;

    @Option(names = "--faults", split = ",", defaultValue = "kill,pause,partition,zone,meta", paramLabel = "KIND",
            description = "faults to choose from: kill, pause, partition, oneway, reset, delay, throttle, zone, meta, split, move, drain, add-node, or none (default: ${DEFAULT-VALUE})")
    List<String> faults;

    @Option(names = "--workloads", split = ",", defaultValue = "register,set", paramLabel = "NAME",
            description = "register, set, counter (counter needs UpdateItem and ConditionExpression) (default: ${DEFAULT-VALUE})")
    List<String> workloads;

    @Option(names = "--cas", description = "registers also compare-and-set (needs ConditionExpression)")
    boolean cas;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "OPS", description = "operations per second, all clients together (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--timeout", defaultValue = "5", paramLabel = "SECONDS", description = "client timeout per operation (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--jar", defaultValue = "${env:ATOLL_JAR:-deploy/target/atoll.jar}", description = "the distribution jar to run (default: ${DEFAULT-VALUE})")
    Path jar;

    @Option(names = "--reports", defaultValue = "chaos-reports", paramLabel = "DIR", description = "where run reports go (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(names = "--replay", paramLabel = "HISTORY", description = "check a saved history.jsonl again instead of running")
    Path replay;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with this command's exit codes: 3 when the run itself failed. */
    public static CommandLine commandLine() {
        return new CommandLine(new ChaosCommand()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("chaos: the run failed: " + e);
            e.printStackTrace(cmd.getErr());
            return ERROR;
        });
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (replay != null) {
            return replay(replay, out, err);
        }
        ChaosConfig config = config();
        err.println("chaos: seed " + config.seed() + ", report in " + config.reportDir());
        RunReport report = ChaosRun.run(config, err);
        out.println(report.summary().line());
        out.flush();
        return report.summary().passed() ? 0 : FAILED;
    }

    private ChaosConfig config() {
        List<FaultKind> kinds;
        Set<Family> families;
        try {
            kinds = parseFaults(faults);
            families = parseWorkloads(workloads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (durationSeconds < 0 || clients < 1 || rate < 1 || timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--duration must not be negative; --clients, --rate and --timeout must be positive");
        }
        long chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        Path dir = reports.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return ChaosConfig.of(jar.toAbsolutePath(), dir.toAbsolutePath(), Duration.ofSeconds(durationSeconds), chosenSeed, kinds)
                .withWorkloads(families, cas)
                .withClients(clients, rate)
                .withTiming(Schedule.Timing.DEFAULT, Duration.ofSeconds(timeoutSeconds));
    }

    private int replay(Path history, PrintWriter out, PrintWriter err) throws Exception {
        if (!Files.isRegularFile(history)) {
            throw new ParameterException(spec.commandLine(), "no history file " + history);
        }
        List<Op> ops = HistoryFile.read(history);
        CheckResult check = CheckResult.of(ops, new LinearizabilityChecker());
        check.failures().forEach(f -> err.println("chaos: " + f.verdict() + " " + f.explanation()));
        if (!check.set().valid()) {
            err.println("chaos: set lost " + check.set().lostSample() + ", unexpected " + check.set().unexpectedSample());
        }
        check.counters().stream().filter(c -> !c.valid()).forEach(c -> err.println("chaos: counter " + c));
        err.flush();
        out.printf(Locale.ROOT, "chaos replay: ops=%d ok=%d failed=%d unknown=%d lost=%d linearizable=%s%n", ops.size(),
                count(ops, Outcome.OK), count(ops, Outcome.FAILED), count(ops, Outcome.UNKNOWN), check.lost(),
                check.passed() ? "yes" : "no");
        out.flush();
        return check.passed() ? 0 : FAILED;
    }

    private static long count(List<Op> ops, Outcome outcome) {
        return ops.stream().filter(op -> op.outcome() == outcome).count();
    }

    static List<FaultKind> parseFaults(List<String> names) {
        if (names.size() == 1 && names.getFirst().equalsIgnoreCase("none")) {
            return List.of();
        }
        return names.stream().map(FaultKind::parse).distinct().toList();
    }

    static Set<Family> parseWorkloads(List<String> names) {
        Set<Family> families = EnumSet.noneOf(Family.class);
        for (String name : names) {
            try {
                families.add(Family.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown workload '" + name + "'; known: register, set, counter");
            }
        }
        return families;
    }
}
