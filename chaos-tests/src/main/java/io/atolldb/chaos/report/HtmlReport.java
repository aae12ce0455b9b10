package io.atolldb.chaos.report;

import io.atolldb.chaos.check.CounterResult;
import io.atolldb.chaos.check.KeyVerdict;

import java.util.Locale;

/**
 * Renders a run's report as one self-contained HTML page: the summary, a timeline chart in inline SVG
 * (successful operations per second as a line, failed and unknown ones as bars, fault windows shaded
 * and numbered), the faults with their unavailability, and the checkers' findings.
 */
public final class HtmlReport {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 260;
    private static final int LEFT = 50;
    private static final int BOTTOM = 30;
    private static final int TOP = 34;

    private HtmlReport() {
    }

    public static String render(RunReport report, Timeline timeline) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>AtollDB chaos run, seed ")
                .append(report.seed()).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}code{background:#f4f4f4;padding:2px 4px}")
                .append(".bad{color:#b00020;font-weight:bold}.good{color:#1b7f3b;font-weight:bold}")
                .append("</style></head><body>\n");
        html.append("<h1>AtollDB chaos run</h1>\n<p><code>").append(escape(report.summary().line())).append("</code></p>\n");
        html.append("<p>Verdict: ").append(report.summary().passed()
                ? "<span class=\"good\">passed</span>" : "<span class=\"bad\">FAILED</span>")
                .append(". Started ").append(escape(report.startedAt())).append(", seed ").append(report.seed())
                .append(", ").append(report.durationSeconds()).append(" s of faults (")
                .append(escape(String.join(", ", report.faultKinds()))).append("), ").append(report.clients())
                .append(" clients at about ").append(report.opsPerSecond()).append(" operations/s, workloads ")
                .append(escape(String.join(", ", report.workloads()))).append(".</p>\n");
        html.append(chart(report, timeline));
        html.append("<h2>Faults</h2>\n<p>Longest client wait before the first fault (baseline): ")
                .append(format(report.baselineWaitSeconds())).append(" s.</p>\n<table><tr><th>#</th><th>fault</th><th>target</th>")
                .append("<th>injected (s)</th><th>healed (s)</th><th>longest wait (s)</th><th>on key</th></tr>\n");
        for (FaultReport fault : report.faults()) {
            html.append("<tr><td>").append(fault.number()).append("</td><td>").append(escape(fault.kind())).append("</td><td>")
                    .append(escape(fault.target())).append("</td><td>").append(format(fault.injectedAt())).append("</td><td>")
                    .append(format(fault.healedAt())).append("</td><td>").append(format(fault.unavailableSeconds()))
                    .append("</td><td>").append(escape(fault.worstKey())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        html.append(findings(report));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String chart(RunReport report, Timeline timeline) {
        int seconds = Math.max(1, timeline.seconds());
        int peak = 1;
        for (int s = 0; s < seconds; s++) {
            peak = Math.max(peak, Math.max(timeline.ok(s), timeline.failed(s) + timeline.unknown(s)));
        }
        double plotWidth = WIDTH - LEFT - 10;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double xScale = plotWidth / seconds;
        double yScale = plotHeight / peak;
        StringBuilder svg = new StringBuilder();
        svg.append("<h2>Timeline</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" font-size=\"11\">\n");
        for (FaultReport fault : report.faults()) {
            double from = LEFT + fault.injectedAt() * xScale;
            double to = LEFT + (fault.healedAt() < 0 ? seconds : fault.healedAt()) * xScale;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#f5a623\" fill-opacity=\"0.25\"><title>%s</title></rect>",
                    from, TOP, Math.max(1, to - from), plotHeight, escape("#" + fault.number() + " " + fault.kind() + " " + fault.target())));
            // Labels alternate between two rows so that neighbouring faults' labels do not overlap.
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#8a5a00\">#%d %s</text>\n",
                    from + 2, fault.number() % 2 == 0 ? TOP - 4 : TOP - 18, fault.number(), escape(fault.kind())));
        }
        double finalX = LEFT + report.finalPhaseAt() * xScale;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"4 3\"><title>final heal</title></line>\n",
                finalX, TOP, finalX, TOP + plotHeight));
        for (int s = 0; s < seconds; s++) {
            int unknown = timeline.unknown(s);
            int failed = timeline.failed(s);
            double x = LEFT + s * xScale;
            double base = TOP + plotHeight;
            if (unknown > 0) {
                svg.append(bar(x, base - unknown * yScale, xScale, unknown * yScale, "#d0021b", s, unknown + " unknown"));
            }
            if (failed > 0) {
                svg.append(bar(x, base - (unknown + failed) * yScale, xScale, failed * yScale, "#f08a24", s, failed + " failed"));
            }
        }
        StringBuilder points = new StringBuilder();
        for (int s = 0; s < seconds; s++) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + (s + 0.5) * xScale, TOP + plotHeight - timeline.ok(s) * yScale));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#1b7f3b\" stroke-width=\"1.5\" points=\"").append(points).append("\"/>\n");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\"/>", LEFT, TOP + plotHeight, WIDTH - 10, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\"/>\n", LEFT, TOP, LEFT, TOP + plotHeight));
        int step = seconds <= 60 ? 10 : seconds <= 300 ? 30 : seconds <= 1200 ? 120 : 600;
        for (int s = 0; s <= seconds; s += step) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%ds</text>", LEFT + s * xScale, TOP + plotHeight + 15, s));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d/s</text>", LEFT - 4, TOP + 4, peak));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>\n", LEFT - 4, TOP + plotHeight));
        svg.append("</svg>\n<p><span style=\"color:#1b7f3b\">&#9644;</span> successful operations/s &nbsp; ")
                .append("<span style=\"color:#f08a24\">&#9632;</span> failed &nbsp; <span style=\"color:#d0021b\">&#9632;</span> unknown outcome &nbsp; ")
                .append("<span style=\"color:#f5a623\">&#9632;</span> fault in force &nbsp; dashed: final heal</p>\n");
        return svg.toString();
    }

    private static String bar(double x, double y, double width, double height, String colour, int second, String title) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%ds: %s</title></rect>",
                x, y, Math.max(1, width - 1), height, colour, second, escape(title));
    }

    private static String findings(RunReport report) {
        StringBuilder html = new StringBuilder("<h2>Checks</h2>\n<ul>\n");
        html.append("<li>Linearizability: ").append(report.keysChecked()).append(" keys checked, ")
                .append(report.linearizabilityFailures().isEmpty() ? "<span class=\"good\">all linearizable</span>"
                        : "<span class=\"bad\">" + report.linearizabilityFailures().size() + " not proven</span>")
                .append("</li>\n");
        for (KeyVerdict failure : report.linearizabilityFailures()) {
            html.append("<li class=\"bad\">").append(escape(failure.verdict() + " " + failure.explanation())).append("</li>\n");
        }
        var set = report.set();
        html.append("<li>Set: ").append(set.attempted()).append(" elements attempted, ").append(set.acknowledged())
                .append(" acknowledged, ").append(set.recovered()).append(" of unknown outcome present, ")
                .append(set.lost() == 0 ? "none lost" : "<span class=\"bad\">" + set.lost() + " lost</span> " + escape(set.lostSample().toString()))
                .append(", ").append(set.unexpected() == 0 ? "nothing unexpected"
                        : "<span class=\"bad\">" + set.unexpected() + " unexpected</span> " + escape(set.unexpectedSample().toString()))
                .append("</li>\n");
        for (CounterResult counter : report.counters()) {
            html.append("<li").append(counter.valid() ? "" : " class=\"bad\"").append(">Counter ").append(escape(counter.key()))
                    .append(": final ").append(counter.finalValue()).append(", allowed ").append(counter.lowerBound())
                    .append("..").append(counter.upperBound()).append("</li>\n");
        }
        for (String note : report.notes()) {
            html.append("<li>").append(escape(note)).append("</li>\n");
        }
        return html.append("</ul>\n").toString();
    }

    private static String format(double seconds) {
        return seconds < 0 ? "-" : String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** Escapes text for HTML element content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
