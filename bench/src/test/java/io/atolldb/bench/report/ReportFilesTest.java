package io.atolldb.bench.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportFilesTest {

    static TargetResult result(String target, double throughput, double p99) {
        var latency = new Percentiles(1000, p99 / 4, p99 / 2, p99, p99 * 2, p99 * 3);
        return new TargetResult(target, "durable, somehow", 1.5, 1000, 2, 1, 10.0, throughput, latency,
                Map.of("READ", latency), 0.125, 0.0625, target.equals("ceiling") ? -1 : 512, List.of("READ: boom"));
    }

    static Report report() {
        return new Report("A", "2026-01-01T00:00:00Z", List.of("workload=A", "records=100"), "2 processors",
                List.of(result("atoll", 3000, 4.5), result("ddblocal", 2000, 6.25), result("ceiling", 9000, 1.0)), List.of());
    }

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        var micros = new Histogram(3);
        for (long v = 1; v <= 10_000; v++) {
            micros.recordValue(v);
        }
        var p = Percentiles.of(micros);
        assertThat(p.count()).isEqualTo(10_000);
        assertThat(p.p50()).isCloseTo(5.0, within(0.01));
        assertThat(p.p95()).isCloseTo(9.5, within(0.01));
        assertThat(p.p99()).isCloseTo(9.9, within(0.01));
        assertThat(p.p999()).isCloseTo(9.99, within(0.01));
        assertThat(p.max()).isCloseTo(10.0, within(0.01));
        assertThat(Percentiles.of(new Histogram(3)).count()).isZero();
    }

    @Test
    void summaryLineHasTheAgreedShape() {
        assertThat(report().summaryLine()).isEqualTo(
                "bench: workload=A atoll=3000 ops/s ddblocal=2000 ops/s ratio=1.50 p99-atoll=4.50ms p99-ddblocal=6.25ms");
        var atollOnly = new Report("C", "t", List.of(), "m", List.of(result("atoll", 10, 1)),
                List.of("ddblocal: IllegalStateException: the process exited"));
        assertThat(atollOnly.summaryLine()).isEqualTo(
                "bench: workload=C atoll=10 ops/s ddblocal=- ops/s ratio=- p99-atoll=1.00ms p99-ddblocal=-ms");
    }

    @Test
    void tableNamesTargetsThatFailed() {
        var partial = new Report("C", "t", List.of(), "m", List.of(result("atoll", 10, 1)),
                List.of("ddblocal: IllegalStateException: the process exited"));
        assertThat(TextTable.render(partial)).contains("FAILED ddblocal: IllegalStateException: the process exited");
        assertThat(HtmlChart.render(partial)).contains("FAILED ddblocal: IllegalStateException: the process exited");
    }

    @Test
    void tableHasOneRowPerTargetAndTheirDurability() {
        var text = TextTable.render(report());
        var lines = text.lines().toList();
        assertThat(lines.get(0)).contains("ops/s", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "CPU s/1k ops", "peak MB");
        assertThat(lines.get(1)).startsWith("atoll").contains("3000", "4.50", "9.00", "512");
        assertThat(lines.get(3)).startsWith("ceiling").contains("n/a");
        assertThat(text).contains("ddblocal: durable, somehow");
    }

    @Test
    void whatCannotBeMeasuredIsNaInTheTableAndEmptyInTheCsv() {
        var latency = new Percentiles(10, 1, 2, 3, 4, 5);
        var remote = new TargetResult("endpoint", "its own", 1, 10, 0, 0, 1, 10, latency, Map.of("READ", latency),
                -1, 0.5, -1, List.of());
        var report = new Report("C", "t", List.of(), "m", List.of(remote), List.of());

        assertThat(TextTable.row(remote)).containsExactly("endpoint", "10", "1.00", "2.00", "3.00", "4.00", "5.00", "10",
                "0", "0", "n/a", "0.500", "n/a");
        assertThat(ReportFiles.csv(report).lines().toList().get(1))
                .startsWith("C,endpoint,10.0,1.000,2.000,3.000,4.000,5.000,10,0,0,1.00,1.00,,0.5000,,");
    }

    @Test
    void filesHoldEveryTarget(@TempDir Path dir) throws Exception {
        var report = report();
        ReportFiles.write(report, dir);

        var csv = Files.readAllLines(dir.resolve(ReportFiles.CSV));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).startsWith("workload,target,throughput_ops_s,p50_ms,p95_ms,p99_ms,p999_ms");
        assertThat(csv.get(1)).startsWith("A,atoll,3000.0,1.125,2.250,4.500,9.000,13.500,1000,2,1,10.00,1.50,0.1250,0.0625,512,");
        assertThat(csv.get(1)).endsWith("\"durable, somehow\"");

        assertThat(ReportFiles.readJson(dir.resolve(ReportFiles.JSON))).isEqualTo(report);

        var html = Files.readString(dir.resolve(ReportFiles.HTML));
        assertThat(html).contains("<svg", "atoll", "ddblocal", "ceiling", "p99.9", "durable, somehow")
                .doesNotContain("<script", "src=", "href=");
        assertThat(html.split("<svg", -1)).hasSize(3);
    }

    @Test
    void chartScalesRoundUp() {
        assertThat(HtmlChart.niceCeiling(3_100)).isEqualTo(5_000);
        assertThat(HtmlChart.niceCeiling(900)).isEqualTo(1_000);
        assertThat(HtmlChart.niceCeiling(0)).isEqualTo(1);
        assertThat(HtmlChart.escape("<a & \"b\">")).isEqualTo("&lt;a &amp; &quot;b&quot;&gt;");
    }
}
