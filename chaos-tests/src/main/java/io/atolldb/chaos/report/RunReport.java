package io.atolldb.chaos.report;

import io.atolldb.chaos.check.CheckResult;
import io.atolldb.chaos.check.CounterResult;
import io.atolldb.chaos.check.KeyVerdict;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.Outcome;
import io.atolldb.chaos.nemesis.FaultRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a chaos run reports: its settings, the operation counts, each fault with its
 * unavailability, and the checkers' verdicts. Written as {@code report.json} and rendered as
 * {@code report.html}.
 *
 * @param baselineWaitSeconds the longest client wait before the first fault, for comparison
 * @param finalPhaseAt        seconds into the run when the faults ended and everything was healed
 */
public record RunReport(String startedAt, long seed, long durationSeconds, List<String> faultKinds, int clients,
                        int opsPerSecond, List<String> workloads, RunSummary summary, List<FaultReport> faults,
                        double baselineWaitSeconds, double finalPhaseAt, List<KeyVerdict> linearizabilityFailures,
                        int keysChecked, io.atolldb.chaos.check.SetResult set, List<CounterResult> counters,
                        List<String> notes) {
    public RunReport {
        faultKinds = List.copyOf(faultKinds);
        workloads = List.copyOf(workloads);
        faults = List.copyOf(faults);
        linearizabilityFailures = List.copyOf(linearizabilityFailures);
        counters = List.copyOf(counters);
        notes = List.copyOf(notes);
    }

    /** The settings of a run, as the report repeats them. */
    public record Settings(String startedAt, long seed, long durationSeconds, List<String> faultKinds, int clients,
                           int opsPerSecond, List<String> workloads) {
    }

    /**
     * Builds the report of a finished run.
     *
     * @param firstFaultNanos when the first fault was injected (or the schedule ended, if none was)
     * @param finalPhaseNanos when every fault was healed for the last time
     * @param sampled         the operations unavailability is measured with (see {@link Unavailability})
     */
    public static RunReport of(Settings settings, List<Op> history, List<FaultRecord> faults, CheckResult check,
                               long firstFaultNanos, long finalPhaseNanos, java.util.function.Predicate<Op> sampled,
                               List<String> notes) {
        long end = history.stream().mapToLong(Op::completeNanos).max().orElse(0);
        var unavailability = new Unavailability(history, sampled, end);
        List<FaultReport> reports = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            FaultRecord fault = faults.get(i);
            long windowEnd = i + 1 < faults.size() ? faults.get(i + 1).injectNanos() : finalPhaseNanos;
            Unavailability.Wait wait = unavailability.longestWait(fault.injectNanos(), windowEnd);
            reports.add(new FaultReport(fault.number(), fault.kind().cliName(), fault.target(), seconds(fault.injectNanos()),
                    seconds(fault.healNanos()), seconds(wait.nanos()), wait.key()));
        }
        double baseline = seconds(unavailability.longestWait(0, firstFaultNanos).nanos());
        long ok = history.stream().filter(Op::succeeded).count();
        long failed = history.stream().filter(op -> op.outcome() == Outcome.FAILED).count();
        long unknown = history.stream().filter(op -> op.outcome() == Outcome.UNKNOWN).count();
        boolean consistent = check.linearizable() && check.set().unexpected() == 0
                && check.counters().stream().allMatch(c -> c.excess() == 0);
        double maxUnavailable = reports.stream().mapToDouble(FaultReport::unavailableSeconds).max().orElse(0);
        var summary = new RunSummary(history.size(), ok, failed, unknown, faults.size(), check.lost(), consistent, maxUnavailable);
        return new RunReport(settings.startedAt(), settings.seed(), settings.durationSeconds(), settings.faultKinds(),
                settings.clients(), settings.opsPerSecond(), settings.workloads(), summary, reports, baseline,
                seconds(finalPhaseNanos), check.failures(), check.keys().size(), check.set(), check.counters(), notes);
    }

    private static double seconds(long nanos) {
        return nanos < 0 ? -1 : Math.round(nanos / 1e8) / 10.0;
    }
}
