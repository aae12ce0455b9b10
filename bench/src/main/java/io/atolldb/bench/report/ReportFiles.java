package io.atolldb.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a run's results.csv, results.json and chart.html into its output directory. */
public final class ReportFiles {
    public static final String CSV = "results.csv";
    public static final String JSON = "results.json";
    public static final String HTML = "chart.html";

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    public static void write(Report report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(CSV), csv(report), StandardCharsets.UTF_8);
        JSON_MAPPER.writeValue(directory.resolve(JSON).toFile(), report);
        Files.writeString(directory.resolve(HTML), HtmlChart.render(report), StandardCharsets.UTF_8);
    }

    public static Report readJson(Path file) throws IOException {
        return JSON_MAPPER.readValue(file.toFile(), Report.class);
    }

    /** One row per target; numbers without units, latencies in milliseconds. */
    static String csv(Report report) {
        List<String> lines = new ArrayList<>();
        lines.add("workload,target,throughput_ops_s,p50_ms,p95_ms,p99_ms,p999_ms,max_ms,operations,errors,conflicts,"
                + "seconds,load_seconds,cpu_s_per_1000_ops,client_cpu_s_per_1000_ops,peak_memory_mb,durability");
        for (var r : report.results()) {
            var p = r.latency();
            lines.add(String.join(",", report.workload(), r.target(), TextTable.fmt(r.throughput(), 1),
                    TextTable.fmt(p.p50(), 3), TextTable.fmt(p.p95(), 3), TextTable.fmt(p.p99(), 3),
                    TextTable.fmt(p.p999(), 3), TextTable.fmt(p.max(), 3), Long.toString(r.operations()),
                    Long.toString(r.errors()), Long.toString(r.conflicts()), TextTable.fmt(r.seconds(), 2),
                    TextTable.fmt(r.loadSeconds(), 2), csvNumber(r.cpuSecondsPer1000(), 4),
                    TextTable.fmt(r.clientCpuSecondsPer1000(), 4),
                    csvNumber(r.peakMemoryMb(), 0), quote(r.durability())));
        }
        return String.join("\n", lines) + "\n";
    }

    /** A number, or an empty field for -1 (not measurable). */
    static String csvNumber(double value, int decimals) {
        return value < 0 ? "" : TextTable.fmt(value, decimals);
    }

    /** RFC 4180 quoting: the durability text holds commas. */
    static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
