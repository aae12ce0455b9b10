package io.atolldb.bench.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Asks an AtollDB router for an item as every replica of its partition holds it ({@code GET
 * /atoll/admin/item}, what {@code atoll admin item} prints), to time when a write reached all of them: each
 * replica answers with the newest log entry it applied and when, by its clock.
 */
final class ReplicaPoller {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI router;

    ReplicaPoller(URI router) {
        this.router = router;
    }

    /**
     * When every replica answered and holds the item with {@code attribute} = {@code number}: the latest of
     * the replicas' clock readings (microseconds since the epoch) of applying their newest log entry, which is
     * when the last of them applied the write if nothing was written to the partition since. Empty otherwise.
     */
    OptionalLong appliedEverywhere(String table, String keyName, String key, String attribute, String number)
            throws IOException, InterruptedException {
        String keyJson = JSON.createObjectNode().set(keyName, JSON.createObjectNode().put("S", key)).toString();
        URI uri = router.resolve("/atoll/admin/item?table=" + URLEncoder.encode(table, StandardCharsets.UTF_8)
                + "&key=" + URLEncoder.encode(keyJson, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return appliedEverywhere(JSON.readTree(response.body()), attribute, number);
    }

    static OptionalLong appliedEverywhere(JsonNode answer, String attribute, String number) {
        JsonNode replicas = answer.path("replicas");
        if (replicas.isEmpty()) {
            return OptionalLong.empty();
        }
        long latest = Long.MIN_VALUE;
        for (JsonNode replica : replicas) {
            if (!number.equals(replica.path("item").path(attribute).path("N").asText(null))
                    || !replica.path("applied").path("atMicros").canConvertToLong()) {
                return OptionalLong.empty();
            }
            latest = Math.max(latest, replica.path("applied").path("atMicros").asLong());
        }
        return OptionalLong.of(latest);
    }
}
