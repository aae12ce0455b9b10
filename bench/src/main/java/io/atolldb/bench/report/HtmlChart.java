package io.atolldb.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page (inline SVG, no scripts, no external files) with two charts: throughput
 * per target, and p50/p95/p99/p99.9 latency per target on a logarithmic scale; then the table and
 * each target's durability.
 */
public final class HtmlChart {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int LEFT = 80;
    private static final int BOTTOM = 40;

    private HtmlChart() {
    }

    public static String render(Report report) {
        var html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>atoll bench: workload ")
                .append(escape(report.workload())).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                        + "td:first-child{text-align:left}</style></head><body>\n");
        html.append("<h1>atoll bench: workload ").append(escape(report.workload())).append("</h1>\n<p>")
                .append(escape(report.startedAt())).append(" &middot; ").append(escape(report.machine())).append("<br>")
                .append(escape(String.join(", ", report.settings()))).append("</p>\n");
        html.append("<h2>Throughput (ops/s)</h2>\n").append(throughputChart(report.results()));
        html.append("<h2>Latency percentiles (ms, log scale)</h2>\n").append(latencyChart(report.results()));
        html.append("<h2>Table</h2>\n<table><tr>");
        TextTable.HEADER.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (var r : report.results()) {
            html.append("<tr>");
            TextTable.row(r).forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n<h2>Durability</h2>\n<ul>\n");
        for (var r : report.results()) {
            html.append("<li><b>").append(escape(r.target())).append("</b>: ").append(escape(r.durability())).append("</li>\n");
        }
        for (var failure : report.failures()) {
            html.append("<li><b>FAILED ").append(escape(failure)).append("</b></li>\n");
        }
        html.append("</ul>\n</body></html>\n");
        return html.toString();
    }

    static String throughputChart(List<TargetResult> results) {
        double max = results.stream().mapToDouble(TargetResult::throughput).max().orElse(0);
        double top = niceCeiling(max);
        var svg = open();
        axis(svg, top, false);
        int n = Math.max(1, results.size());
        double slot = (WIDTH - LEFT - 20.0) / n;
        for (int i = 0; i < results.size(); i++) {
            var r = results.get(i);
            double h = top == 0 ? 0 : (HEIGHT - BOTTOM - 20) * r.throughput() / top;
            double x = LEFT + i * slot + slot * 0.2;
            svg.append(rect(x, HEIGHT - BOTTOM - h, slot * 0.6, h, COLORS[i % COLORS.length], r.target() + ": "
                    + TextTable.fmt(r.throughput(), 0) + " ops/s"));
            svg.append(text(x + slot * 0.3, HEIGHT - BOTTOM + 16, r.target(), "middle"));
            svg.append(text(x + slot * 0.3, HEIGHT - BOTTOM - h - 4, TextTable.fmt(r.throughput(), 0), "middle"));
        }
        return svg.append("</svg>\n").toString();
    }

    static String latencyChart(List<TargetResult> results) {
        String[] labels = {"p50", "p95", "p99", "p99.9"};
        double max = 0.001;
        for (var r : results) {
            max = Math.max(max, r.latency().p999());
        }
        double top = Math.pow(10, Math.ceil(Math.log10(max)));
        double bottom = 0.01;
        var svg = open();
        axis(svg, top, true);
        double group = (WIDTH - LEFT - 20.0) / labels.length;
        int n = Math.max(1, results.size());
        for (int g = 0; g < labels.length; g++) {
            svg.append(text(LEFT + g * group + group / 2, HEIGHT - BOTTOM + 16, labels[g], "middle"));
            for (int i = 0; i < results.size(); i++) {
                var p = results.get(i).latency();
                double value = switch (g) {
                    case 0 -> p.p50();
                    case 1 -> p.p95();
                    case 2 -> p.p99();
                    default -> p.p999();
                };
                double clamped = Math.max(bottom, value);
                double h = (HEIGHT - BOTTOM - 20) * Math.log10(clamped / bottom) / Math.log10(top / bottom);
                double width = group * 0.8 / n;
                double x = LEFT + g * group + group * 0.1 + i * width;
                svg.append(rect(x, HEIGHT - BOTTOM - h, width * 0.9, h, COLORS[i % COLORS.length],
                        results.get(i).target() + " " + labels[g] + ": " + TextTable.fmt(value, 2) + " ms"));
            }
        }
        for (int i = 0; i < results.size(); i++) {
            svg.append(rect(LEFT + 10 + i * 120, 4, 10, 10, COLORS[i % COLORS.length], results.get(i).target()));
            svg.append(text(LEFT + 24 + i * 120, 13, results.get(i).target(), "start"));
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open() {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"12\">\n", WIDTH, HEIGHT));
    }

    /** The y axis with five labels: linear from 0 to top, or decades from 0.01 ms to top. */
    private static void axis(StringBuilder svg, double top, boolean log) {
        int plot = HEIGHT - BOTTOM - 20;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n", LEFT, LEFT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n",
                LEFT, HEIGHT - BOTTOM, WIDTH - 10, HEIGHT - BOTTOM));
        if (log) {
            int decades = (int) Math.round(Math.log10(top / 0.01));
            for (int d = 0; d <= decades; d++) {
                double y = HEIGHT - BOTTOM - plot * (double) d / Math.max(1, decades);
                svg.append(gridLine(y)).append(text(LEFT - 6, y + 4, trim(0.01 * Math.pow(10, d)), "end"));
            }
        } else {
            for (int i = 0; i <= 4; i++) {
                double y = HEIGHT - BOTTOM - plot * i / 4.0;
                svg.append(gridLine(y)).append(text(LEFT - 6, y + 4, TextTable.fmt(top * i / 4, 0), "end"));
            }
        }
    }

    private static String gridLine(double y) {
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n", LEFT, y, WIDTH - 10, y);
    }

    private static String rect(double x, double y, double w, double h, String color, String title) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>\n",
                x, y, w, h, color, escape(title));
    }

    private static String text(double x, double y, String text, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n", x, y, anchor, escape(text));
    }

    private static String trim(double value) {
        return value >= 1 ? TextTable.fmt(value, 0) : TextTable.fmt(value, 2);
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double decade = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * decade >= value) {
                return step * decade;
            }
        }
        return 10 * decade;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
