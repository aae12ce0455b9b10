package io.atolldb.chaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run's report files: {@code report.json}, {@code report.html} and {@code summary.txt}. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(Path dir, RunReport report, Timeline timeline) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("report.json").toFile(), report);
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(report, timeline));
        StringBuilder text = new StringBuilder();
        text.append(report.summary().line()).append('\n');
        text.append(String.format(java.util.Locale.ROOT, "baseline longest wait: %.1fs%n", report.baselineWaitSeconds()));
        for (FaultReport fault : report.faults()) {
            text.append(String.format(java.util.Locale.ROOT, "fault #%d %s %s at %.1fs healed %.1fs longest wait %.1fs (%s)%n",
                    fault.number(), fault.kind(), fault.target(), fault.injectedAt(), fault.healedAt(), fault.unavailableSeconds(),
                    fault.worstKey()));
        }
        report.linearizabilityFailures().forEach(f -> text.append(f.verdict()).append(' ').append(f.explanation()).append('\n'));
        report.notes().forEach(note -> text.append(note).append('\n'));
        Files.writeString(dir.resolve("summary.txt"), text);
    }
}
