package io.atolldb.bench.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storage nodes' own measure of replica visibility: the histogram {@code atoll_replica_visibility_lag_seconds}
 * (time from a write's proposal until a follower replica applied it), read from the nodes' /metrics
 * pages and summed over nodes. Two readings taken around a phase give that phase's distribution.
 *
 * @param buckets cumulative count of follower applies at or below each bound, in seconds (+Inf last)
 */
public record ReplicaLag(TreeMap<Double, Long> buckets) {
    static final String METRIC = "atoll_replica_visibility_lag_seconds_bucket";
    private static final Pattern BUCKET = Pattern.compile(
            "^" + METRIC + "\\{([^}]*)}\\s+([0-9.eE+-]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern LE = Pattern.compile("(?:^|,)\\s*le=\"([^\"]+)\"");

    /** Sums the histogram over every node on every page. */
    public static ReplicaLag read(HttpClient http, List<URI> metricsPages) throws IOException, InterruptedException {
        TreeMap<Double, Long> sum = new TreeMap<>();
        for (URI page : metricsPages) {
            var response = http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(page + " answered HTTP " + response.statusCode());
            }
            parse(response.body()).buckets().forEach((bound, count) -> sum.merge(bound, count, Long::sum));
        }
        return new ReplicaLag(sum);
    }

    /** The histogram on one Prometheus text page. */
    static ReplicaLag parse(String page) {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        Matcher line = BUCKET.matcher(page);
        while (line.find()) {
            Matcher le = LE.matcher(line.group(1));
            if (le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                buckets.merge(bound, (long) Double.parseDouble(line.group(2)), Long::sum);
            }
        }
        return new ReplicaLag(buckets);
    }

    /** What was recorded between {@code earlier} and this reading. */
    public ReplicaLag since(ReplicaLag earlier) {
        TreeMap<Double, Long> delta = new TreeMap<>();
        buckets.forEach((bound, count) -> delta.put(bound, count - earlier.buckets().getOrDefault(bound, 0L)));
        return new ReplicaLag(delta);
    }

    public long count() {
        return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
    }

    /** Share of applies within {@code seconds} (a histogram bound). */
    public double shareWithin(double seconds) {
        Map.Entry<Double, Long> at = buckets.floorEntry(seconds);
        return count() == 0 ? 1.0 : at == null ? 0.0 : (double) at.getValue() / count();
    }

    /** The smallest histogram bound at or below which {@code percentile}% of applies fall, in milliseconds. */
    public double boundMillis(double percentile) {
        long needed = (long) Math.ceil(percentile / 100 * count());
        for (var bucket : buckets.entrySet()) {
            if (bucket.getValue() >= needed) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
