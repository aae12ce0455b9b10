package io.atolldb.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * One run of {@code atoll bench}: its settings, the machine, and a result per target.
 *
 * @param settings  the workload and load shape, as "name=value" text for people and files
 * @param machine   processors, OS and JDK
 * @param results   one per target that completed, in the order they ran
 * @param failures  one line per target that could not be measured, with the reason
 */
public record Report(String workload, String startedAt, List<String> settings, String machine,
                     List<TargetResult> results, List<String> failures) {

    public Optional<TargetResult> result(String target) {
        return results.stream().filter(r -> r.target().equals(target)).findFirst();
    }

    /**
     * The one line a script can grep:
     * {@code bench: workload=A atoll=N ops/s ddblocal=N ops/s ratio=R p99-atoll=Xms p99-ddblocal=Yms}.
     * A target that did not run shows as "-".
     */
    public String summaryLine() {
        var atoll = result("atoll");
        var local = result("ddblocal");
        String ratio = atoll.isPresent() && local.isPresent() && local.get().throughput() > 0
                ? String.format("%.2f", atoll.get().throughput() / local.get().throughput()) : "-";
        return String.format("bench: workload=%s atoll=%s ops/s ddblocal=%s ops/s ratio=%s p99-atoll=%sms p99-ddblocal=%sms",
                workload, atoll.map(r -> String.format("%.0f", r.throughput())).orElse("-"),
                local.map(r -> String.format("%.0f", r.throughput())).orElse("-"), ratio,
                atoll.map(r -> String.format("%.2f", r.latency().p99())).orElse("-"),
                local.map(r -> String.format("%.2f", r.latency().p99())).orElse("-"));
    }
}
