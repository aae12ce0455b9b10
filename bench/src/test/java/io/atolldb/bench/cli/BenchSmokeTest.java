package io.atolldb.bench.cli;

import io.atolldb.bench.report.ReportFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole command, briefly, on every real target: an AtollDB dev cluster and DynamoDB Local as
 * separate processes (from deploy/target/atoll.jar and bench/dynamodb-local/target, built earlier in
 * the reactor), and the embedded RocksDB ceiling; the two server processes CPU-profiled.
 */
class BenchSmokeTest {

    @Test
    void aShortProfiledRunOnEveryTargetProducesACompleteReport(@TempDir Path dir) throws Exception {
        var command = new BenchCommand();
        var printed = new ByteArrayOutputStream();
        command.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Path output = dir.resolve("out");

        int exit = new CommandLine(command).execute("--workload", "A", "--targets", "ceiling,dynamodb-local,atoll",
                "--duration", "2", "--warmup", "0", "--records", "300", "--clients", "4", "--partitions", "2", "--profile", "--output", output.toString());

        assertThat(exit).isZero();
        var report = ReportFiles.readJson(output.resolve(ReportFiles.JSON));
        assertThat(report.failures()).isEmpty();
        assertThat(report.settings()).contains("atoll-partitions=2");
        assertThat(report.results()).extracting(r -> r.target()).containsExactly("ceiling", "ddblocal", "atoll");
        for (var result : report.results()) {
            assertThat(result.operations()).as(result.target() + " operations").isPositive();
            assertThat(result.errors()).as(result.target() + " errors: " + result.errorSamples()).isZero();
            assertThat(result.throughput()).isPositive();
            assertThat(result.latency().p50()).isPositive().isLessThanOrEqualTo(result.latency().p99());
            assertThat(result.latency().p99()).isLessThanOrEqualTo(result.latency().p999());
            assertThat(result.byKind()).containsOnlyKeys("READ", "UPDATE");
            assertThat(result.cpuSecondsPer1000()).as(result.target() + " CPU").isPositive();
            assertThat(result.clientCpuSecondsPer1000()).as(result.target() + " client CPU").isPositive();
            assertThat(result.durability()).isNotBlank();
        }
        assertThat(report.result("atoll").orElseThrow().peakMemoryMb()).isPositive();
        assertThat(report.result("ddblocal").orElseThrow().peakMemoryMb()).isPositive();
        assertThat(Files.readAllLines(output.resolve(ReportFiles.CSV))).hasSize(4);
        assertThat(Files.readString(output.resolve(ReportFiles.HTML))).contains("<svg");
        assertThat(output.resolve("work")).doesNotExist();
        // --profile: each server process sampled over the measured phase; the in-process ceiling is not.
        assertThat(Files.readString(output.resolve("atoll-cpu.collapsed"))).contains("io/atolldb/");
        assertThat(Files.readString(output.resolve("ddblocal-cpu.collapsed"))).contains("software/amazon/dynamodb/");
        assertThat(Files.readString(output.resolve("atoll-cpu.html"))).contains("atoll CPU");
        assertThat(output.resolve("ceiling-cpu.collapsed")).doesNotExist();

        var lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getLast()).matches(
                "bench: workload=A atoll=\\d+ ops/s ddblocal=\\d+ ops/s ratio=\\d+\\.\\d\\d p99-atoll=\\d+\\.\\d\\dms p99-ddblocal=\\d+\\.\\d\\dms");
        assertThat(lines).anyMatch(l -> l.startsWith("ceiling ")).anyMatch(l -> l.startsWith("atoll "));
    }

    @Test
    void badOptionsAreRefusedWithWhatWasWrong() {
        assertThat(usageError("--targets", "cassandra")).contains("unknown target 'cassandra'");
        assertThat(usageError("--workload", "Z")).contains("unknown --workload 'Z'");
        assertThat(usageError("--distribution", "pareto")).contains("unknown --distribution 'pareto'");
        assertThat(usageError("--item-size", "10")).contains("item size must be at least");
        assertThat(usageError("--clients", "0")).contains("clients must be at least 1");
        assertThat(usageError("--partitions", "65")).contains("--partitions must be 1-64, got 65");
        assertThat(usageError("--partitions", "0")).contains("--partitions must be 1-64, got 0");
        assertThat(usageError("--targets", "endpoint")).contains("target 'endpoint' needs --endpoint URL");
        assertThat(usageError("--endpoint", "http://127.0.0.1:1")).contains("--endpoint is given but no target 'endpoint'");
        assertThat(usageError("--targets", "endpoint", "--endpoint", "ftp://127.0.0.1:1"))
                .contains("--endpoint must be an http:// or https:// URL");
    }

    private static String usageError(String... args) {
        var errors = new java.io.StringWriter();
        var cli = new CommandLine(new BenchCommand()).setErr(new java.io.PrintWriter(errors));
        assertThat(cli.execute(args)).isEqualTo(2);
        return errors.toString();
    }
}
