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

/**
 * Asks an AtollDB router for an item as every replica of its partition holds it ({@code GET
 * /atoll/admin/item}, what {@code atoll admin item} prints), to time when a write reached all of them.
 */
final class ReplicaPoller {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI router;

    ReplicaPoller(URI router) {
        this.router = router;
    }

    /** True when every replica answered and holds the item with {@code attribute} = {@code number}. */
    boolean everyReplicaHolds(String table, String keyName, String key, String attribute, String number)
            throws IOException, InterruptedException {
        String keyJson = JSON.createObjectNode().set(keyName, JSON.createObjectNode().put("S", key)).toString();
        URI uri = router.resolve("/atoll/admin/item?table=" + URLEncoder.encode(table, StandardCharsets.UTF_8)
                + "&key=" + URLEncoder.encode(keyJson, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode replicas = JSON.readTree(response.body()).path("replicas");
        if (replicas.isEmpty()) {
            return false;
        }
        for (JsonNode replica : replicas) {
            if (!number.equals(replica.path("item").path(attribute).path("N").asText(null))) {
                return false;
            }
        }
        return true;
    }
}
