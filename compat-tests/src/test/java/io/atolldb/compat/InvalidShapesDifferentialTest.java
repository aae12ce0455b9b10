package io.atolldb.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The differential test for requests no SDK sends ({@link InvalidShapes}): nulls, empty collections, members of
 * the wrong JSON type, bodies that are not a JSON object, sent as raw HTTP to AtollDB and to DynamoDB Local in
 * the same order. AtollDB must never answer a 5xx; otherwise both must answer alike: the same error type, or
 * both success (messages are printed, not compared). A difference is accepted only through a named rule of
 * {@link RawKnownDifferences}.
 */
class InvalidShapesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** DynamoDB Local refuses unsigned requests; neither server checks the signature. */
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=compat/20240101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000";

    private static AtollCluster atoll;
    private static LocalDynamoDb local;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        local = LocalDynamoDb.start();
        atoll = AtollCluster.start();
        atoll.awaitReady();
        for (String endpoint : List.of(atoll.endpoint(), local.endpoint())) {
            createTable(endpoint, InvalidShapes.HASH, "[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}]",
                    "[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]", "{\"pk\":{\"S\":\"a\"},\"x\":{\"S\":\"v\"}}");
            createTable(endpoint, InvalidShapes.RANGE, "[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                            + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}]",
                    "[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]",
                    "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (atoll != null) {
            atoll.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @Test
    void invalidShapesGetTheSameAnswersAsFromDynamoDbLocal() {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> explained = new TreeMap<>();
        int compared = 0;
        for (InvalidShapes.Request request : InvalidShapes.all()) {
            RawKnownDifferences.Answer fromAtoll = send(atoll.endpoint(), request);
            RawKnownDifferences.Answer fromLocal = send(local.endpoint(), request);
            compared++;
            if (fromAtoll.status() >= 500) {
                failures.add("AtollDB answered " + fromAtoll + " to " + request);
                continue;
            }
            boolean same = fromAtoll.status() == fromLocal.status()
                    && java.util.Objects.equals(fromAtoll.errorCode(), fromLocal.errorCode());
            if (same) {
                continue;
            }
            var rule = RawKnownDifferences.explaining(request, fromAtoll, fromLocal);
            if (rule.isPresent()) {
                explained.merge(rule.get(), 1, Integer::sum);
            } else {
                failures.add(request + "\n  AtollDB:        " + fromAtoll + "\n  DynamoDB Local: " + fromLocal);
            }
            if (request.operation().equals("CreateTable")) {
                dropNewTable();
            }
        }
        System.out.printf("compat: %d invalid shapes compared; known differences seen: %s%n", compared, explained);
        assertThat(compared).isEqualTo(InvalidShapes.all().size());
        assertThat(failures).as("differences from DynamoDB Local on invalid shapes").isEmpty();
    }

    /** A CreateTable that one side accepted must not leave that table behind for the next one. */
    private static void dropNewTable() {
        for (String endpoint : List.of(atoll.endpoint(), local.endpoint())) {
            send(endpoint, new InvalidShapes.Request("DeleteTable", "{\"TableName\":\"shapes_new\"}"));
        }
    }

    private static void createTable(String endpoint, String name, String definitions, String keys, String item) {
        call(endpoint, "CreateTable", "{\"TableName\":\"" + name + "\",\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":"
                + definitions + ",\"KeySchema\":" + keys + "}");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> "ACTIVE".equals(
                call(endpoint, "DescribeTable", "{\"TableName\":\"" + name + "\"}").path("Table").path("TableStatus").asText()));
        call(endpoint, "PutItem", "{\"TableName\":\"" + name + "\",\"Item\":" + item + "}");
    }

    private static JsonNode call(String endpoint, String operation, String body) {
        Reply reply = exchange(endpoint, new InvalidShapes.Request(operation, body));
        if (!reply.answer().ok()) {
            throw new IllegalStateException(operation + " " + body + " failed at " + endpoint + ": " + reply.answer());
        }
        return reply.body();
    }

    private static RawKnownDifferences.Answer send(String endpoint, InvalidShapes.Request request) {
        return exchange(endpoint, request).answer();
    }

    private record Reply(RawKnownDifferences.Answer answer, JsonNode body) {
    }

    private static Reply exchange(String endpoint, InvalidShapes.Request request) {
        HttpRequest http = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + request.operation())
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            String type = body.path("__type").asText(null);
            String message = body.has("message") ? body.path("message").asText() : body.path("Message").asText(null);
            return new Reply(new RawKnownDifferences.Answer(response.statusCode(),
                    type == null ? null : type.substring(type.indexOf('#') + 1), message), body);
        } catch (IOException e) {
            throw new IllegalStateException(request + " at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
