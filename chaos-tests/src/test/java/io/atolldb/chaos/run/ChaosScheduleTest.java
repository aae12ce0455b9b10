package io.atolldb.chaos.run;

import io.atolldb.chaos.check.CheckResult;
import io.atolldb.chaos.check.LinearizabilityChecker;
import io.atolldb.chaos.history.HistoryFile;
import io.atolldb.chaos.nemesis.FaultKind;
import io.atolldb.chaos.report.RunReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short chaos schedule CI runs (in {@code mvn verify}, about three minutes): a real cluster, the
 * register and set workloads with every check, two minutes of seeded faults drawn from every
 * {@link FaultKind}. Nothing acknowledged may be lost, no write may be applied twice and every key must
 * be linearizable.
 */
@Tag("chaos-schedule")
class ChaosScheduleTest {
    private static final List<FaultKind> FAULTS = List.of(FaultKind.values());

    @Test
    void aSeededScheduleOfFaultsLosesNothingAndStaysLinearizable() throws Exception {
        // Kept under target/ (not a temporary directory): a failed run's history, report and logs are the evidence.
        Path dir = Path.of("target", "chaos-schedule", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        var config = ChaosConfig.of(Path.of(System.getProperty("atoll.jar")), dir.resolve("report").toAbsolutePath(),
                Duration.ofSeconds(120), 20251124L, FAULTS);
        RunReport report = ChaosRun.run(config, new PrintWriter(System.err, true));
        String verdict = report.summary().line() + " " + report.linearizabilityFailures() + " (report in " + dir + ")";

        assertThat(report.summary().faults()).as("faults injected").isGreaterThanOrEqualTo(5);
        assertThat(report.notes()).as("notes").noneMatch(note -> note.contains("could not be injected"));
        assertThat(report.summary().ok()).as("successful operations").isGreaterThan(1_000);
        assertThat(report.set().acknowledged()).isPositive();
        assertThat(report.summary().lost()).as(verdict).isZero();
        assertThat(report.linearizabilityFailures()).as(verdict).isEmpty();
        assertThat(report.summary().passed()).isTrue();
        for (String file : List.of("history.jsonl", "schedule.txt", "report.json", "report.html", "summary.txt")) {
            assertThat(dir.resolve("report").resolve(file)).isNotEmptyFile();
        }
        // The saved history replays through the checkers to the same verdict.
        var replayed = CheckResult.of(HistoryFile.read(dir.resolve("report/history.jsonl")), new LinearizabilityChecker());
        assertThat(replayed.passed()).isTrue();
        assertThat(Files.readString(dir.resolve("report/summary.txt"))).startsWith(report.summary().line());
    }
}
