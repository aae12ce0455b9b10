package io.atolldb.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The table printed at the end of a run, one row per target, then each target's durability. */
public final class TextTable {
    static final List<String> HEADER = List.of("target", "ops/s", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms",
            "ops", "errors", "conflicts", "CPU s/1k ops", "client CPU s/1k", "peak MB");

    private TextTable() {
    }

    public static String render(Report report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (var r : report.results()) {
            rows.add(row(r));
        }
        int[] widths = new int[HEADER.size()];
        for (var row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var out = new StringBuilder();
        for (var row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(i == 0 ? String.format("%-" + widths[i] + "s", cell) : String.format("  %" + widths[i] + "s", cell));
            }
            out.append('\n');
        }
        for (var r : report.results()) {
            out.append(r.target()).append(": ").append(r.durability()).append('\n');
        }
        for (var failure : report.failures()) {
            out.append("FAILED ").append(failure).append('\n');
        }
        return out.toString();
    }

    static List<String> row(TargetResult r) {
        var p = r.latency();
        return List.of(r.target(), fmt(r.throughput(), 0), fmt(p.p50(), 2), fmt(p.p95(), 2), fmt(p.p99(), 2),
                fmt(p.p999(), 2), fmt(p.max(), 2), Long.toString(r.operations()), Long.toString(r.errors()),
                Long.toString(r.conflicts()), orNa(r.cpuSecondsPer1000(), 3), fmt(r.clientCpuSecondsPer1000(), 3),
                orNa(r.peakMemoryMb(), 0));
    }

    /** The value, or "n/a" for -1 (not measurable). */
    static String orNa(double value, int decimals) {
        return value < 0 ? "n/a" : fmt(value, decimals);
    }

    static String fmt(double value, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }
}
