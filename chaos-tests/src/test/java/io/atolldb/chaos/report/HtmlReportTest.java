package io.atolldb.chaos.report;

import io.atolldb.chaos.check.CheckResult;
import io.atolldb.chaos.check.LinearizabilityChecker;
import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;
import io.atolldb.chaos.nemesis.FaultKind;
import io.atolldb.chaos.nemesis.FaultRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's report: the summary line, the numbers, and a self-contained HTML timeline. */
class HtmlReportTest {
    @TempDir
    Path dir;

    private static List<Op> history() {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long t = i * 250_000_000L;
            Outcome outcome = i >= 20 && i < 24 ? Outcome.UNKNOWN : Outcome.OK;
            ops.add(new Op(ops.size(), 1000, Family.REGISTER, "r-0", OpKind.WRITE, "v" + i, null, outcome, null, t,
                    t + (outcome == Outcome.OK ? 10_000_000L : 1_000_000_000L), null));
        }
        ops.add(new Op(ops.size(), 1, Family.SET, "s-e1", OpKind.ADD, "e1", null, Outcome.OK, null, 0, 5_000_000L, null));
        ops.add(new Op(ops.size(), -1, Family.SET, "s-e1", OpKind.READ, null, null, Outcome.OK, "e1", 9_000_000_000L,
                9_010_000_000L, null));
        return ops;
    }

    private static RunReport report(List<Op> ops) {
        var settings = new RunReport.Settings("2025-01-01T00:00:00Z", 7, 10, List.of("kill"), 8, 100, List.of("register", "set"));
        var faults = List.of(new FaultRecord(1, FaultKind.KILL, "node-b <leader> & co", 5_000_000_000L, 7_000_000_000L));
        return RunReport.of(settings, ops, faults, CheckResult.of(ops, new LinearizabilityChecker()), 5_000_000_000L,
                8_000_000_000L, op -> op.client() >= 1000, List.of());
    }

    @Test
    void theSummaryCountsOperationsFaultsAndTheLongestWait() {
        RunReport report = report(history());
        assertThat(report.summary().line())
                .isEqualTo("chaos: ops=42 ok=38 failed=0 unknown=4 faults=1 lost=0 linearizable=yes max-unavailable=1.0s");
        assertThat(report.summary().passed()).isTrue();
        assertThat(report.faults().getFirst().worstKey()).isEqualTo("r-0");
    }

    @Test
    void theHtmlIsOnePageWithAnSvgTimelineShadedFaultsAndEscapedText() throws Exception {
        List<Op> ops = history();
        ReportWriter.write(dir, report(ops), Timeline.of(ops));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "<polyline", "fill-opacity=\"0.25\"", "#1 kill")
                .contains("node-b &lt;leader&gt; &amp; co").doesNotContain("<leader>").doesNotContain("src=\"http");
        assertThat(Files.readString(dir.resolve("summary.txt"))).startsWith("chaos: ops=42 ");
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"maxUnavailableSeconds\" : 1.0");
    }

    @Test
    void theTimelineCountsClientOperationsPerSecondByOutcome() {
        Timeline timeline = Timeline.of(history());
        assertThat(timeline.seconds()).isEqualTo(10);
        assertThat(timeline.ok(0)).isEqualTo(5);
        assertThat(timeline.unknown(6)).isEqualTo(4);
        int ok = 0;
        for (int second = 0; second < timeline.seconds(); second++) {
            ok += timeline.ok(second);
        }
        // 36 probe writes and one add; the final read (client -1) is not throughput.
        assertThat(ok).isEqualTo(37);
    }
}
