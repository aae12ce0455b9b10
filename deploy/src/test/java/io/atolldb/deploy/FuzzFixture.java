package io.atolldb.deploy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * What {@link ApiFuzzTest} runs against: a dev cluster (real router, Raft groups and RocksDB in this JVM),
 * two tables with a few items, a raw HTTP client, and the tables' contents as last seen, so that a refused
 * request can be checked to have changed nothing. Keeps the cluster small while the fuzzer runs: items a
 * valid write added beyond {@link #MAX_ITEMS} are deleted, tables a valid CreateTable made are dropped, and a
 * fixture table a valid DeleteTable dropped is made again.
 */
final class FuzzFixture implements AutoCloseable {
    /** Per request: an answer must come within this, whatever the input (CreateTable waits up to 10 s). */
    static final Duration PER_REQUEST = Duration.ofSeconds(30);
    static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final int MAX_ITEMS = 40;
    /** Reads answers whose attribute names may be as long as DynamoDB allows (64 KB), beyond Jackson's default. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(1 << 20).build())
            .build());

    /** The fixture tables, as CreateTable bodies: a hash table, and a range table with a local and a global index. */
    private static final Map<String, String> TABLES = Map.of(
            "Tab", """
                    {"TableName":"Tab","BillingMode":"PAY_PER_REQUEST",
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}""",
            "Rng", """
                    {"TableName":"Rng","BillingMode":"PAY_PER_REQUEST",
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
                       {"AttributeName":"ls","AttributeType":"S"},{"AttributeName":"gk","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                     "LocalSecondaryIndexes":[{"IndexName":"ByLs","Projection":{"ProjectionType":"KEYS_ONLY"},
                       "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"ls","KeyType":"RANGE"}]}],
                     "GlobalSecondaryIndexes":[{"IndexName":"ByGk","Projection":{"ProjectionType":"ALL"},
                       "KeySchema":[{"AttributeName":"gk","KeyType":"HASH"}]}]}""");

    /** The items each fixture table starts with. */
    private static final Map<String, List<String>> ITEMS = Map.of(
            "Tab", List.of(
                    "{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"},\"s\":{\"S\":\"x\"},\"l\":{\"L\":[{\"S\":\"e\"},{\"N\":\"2\"}]},"
                            + "\"m\":{\"M\":{\"k\":{\"BOOL\":true}}},\"ss\":{\"SS\":[\"p\",\"q\"]}}",
                    "{\"pk\":{\"S\":\"b\"},\"n\":{\"N\":\"-3.5\"},\"b\":{\"B\":\"AAE=\"},\"z\":{\"NULL\":true}}"),
            "Rng", List.of(
                    "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"ls\":{\"S\":\"m\"},\"gk\":{\"S\":\"g\"},\"v\":{\"S\":\"one\"}}",
                    "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"},\"gk\":{\"S\":\"g\"},\"ns\":{\"NS\":[\"1\",\"2\"]}}",
                    "{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"1\"},\"ls\":{\"S\":\"n\"}}"));

    private final Path dir;
    private final DevCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private Map<String, Set<JsonNode>> items = new LinkedHashMap<>();
    private Set<String> tableNames = Set.of();

    private FuzzFixture(Path dir, DevCluster cluster) {
        this.dir = dir;
        this.cluster = cluster;
        this.endpoint = URI.create(cluster.endpoint() + "/");
    }

    /** Starts a dev cluster (two partitions per table, to keep table creation cheap) with the fixture tables. */
    static FuzzFixture start() throws IOException {
        Path dir = Files.createTempDirectory("atoll-fuzz");
        DevCluster cluster = DevCluster.start(dir, "127.0.0.1", 0, 2, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(90)).until(cluster::isReady);
        FuzzFixture fixture = new FuzzFixture(dir, cluster);
        TABLES.keySet().forEach(fixture::createFixtureTable);
        fixture.refresh();
        return fixture;
    }

    /** One answer: HTTP status and body. */
    record Answer(int status, byte[] body) {
    }

    /** Sends one request; {@code target} null sends no X-Amz-Target header. Fails when no answer comes in time. */
    Answer send(String target, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(PER_REQUEST)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("no answer within " + PER_REQUEST + " (or the connection failed): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends a request the fixture itself needs, which must succeed; answers its JSON. */
    JsonNode call(String operation, String body) {
        Answer answer = send(TARGET_PREFIX + operation, body.getBytes(StandardCharsets.UTF_8));
        JsonNode json = parse(answer.body());
        if (answer.status() != 200) {
            throw new IllegalStateException(operation + " " + shorten(body) + " failed: " + answer.status() + " "
                    + shorten(json.toString()));
        }
        return json;
    }

    /** The items of every fixture table and the names of all tables, as last read. */
    Map<String, Set<JsonNode>> items() {
        return items;
    }

    Set<String> tableNames() {
        return tableNames;
    }

    /** Reads every fixture table (strongly consistent Scan, all pages) and the table list again. */
    void refresh() {
        tableNames = listTables();
        Map<String, Set<JsonNode>> read = new LinkedHashMap<>();
        for (String table : TABLES.keySet()) {
            read.put(table, scan(table));
        }
        items = read;
    }

    /**
     * Puts the cluster back in shape after a request that succeeded: dropped fixture tables made again, extra
     * tables dropped, tables trimmed back to their first items when they grew past {@link #MAX_ITEMS}.
     */
    void restore() {
        Set<String> names = listTables();
        for (String table : TABLES.keySet()) {
            if (!names.contains(table)) {
                createFixtureTable(table);
            }
        }
        for (String table : names) {
            if (!TABLES.containsKey(table)) {
                dropTable(table);
            }
        }
        for (String table : TABLES.keySet()) {
            Set<JsonNode> present = scan(table);
            if (present.size() > MAX_ITEMS) {
                trim(table, present);
            }
        }
        refresh();
    }

    static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the answer is not JSON: " + shorten(new String(body, StandardCharsets.UTF_8)), e);
        }
    }

    /** At most the first 400 characters of {@code text}, for failure messages. */
    static String shorten(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "... (" + text.length() + " characters)";
    }

    private void createFixtureTable(String table) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            call("CreateTable", TABLES.get(table));
            return true;
        });
        awaitActive(table);
        for (String item : ITEMS.get(table)) {
            call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":" + item + "}");
        }
    }

    private void dropTable(String table) {
        awaitActive(table);
        call("DeleteTable", "{\"TableName\":" + JSON.valueToTree(table) + "}");
        await().atMost(Duration.ofSeconds(60)).until(() -> !listTables().contains(table));
    }

    private void awaitActive(String table) {
        String body = "{\"TableName\":" + JSON.valueToTree(table) + "}";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                "ACTIVE".equals(call("DescribeTable", body).path("Table").path("TableStatus").asText()));
    }

    /** Deletes every item of {@code table} that is not one of its first items. */
    private void trim(String table, Set<JsonNode> present) {
        Set<JsonNode> keep = new HashSet<>();
        for (String item : ITEMS.get(table)) {
            keep.add(parse(item.getBytes(StandardCharsets.UTF_8)));
        }
        for (JsonNode item : present) {
            if (!keep.contains(item)) {
                ObjectNode key = JSON.createObjectNode();
                key.set("pk", item.get("pk"));
                if (item.has("sk") && table.equals("Rng")) {
                    key.set("sk", item.get("sk"));
                }
                call("DeleteItem", "{\"TableName\":\"" + table + "\",\"Key\":" + key + "}");
            }
        }
    }

    private Set<String> listTables() {
        Set<String> names = new HashSet<>();
        String start = null;
        do {
            JsonNode page = call("ListTables", start == null ? "{}" : "{\"ExclusiveStartTableName\":" + JSON.valueToTree(start) + "}");
            page.path("TableNames").forEach(name -> names.add(name.asText()));
            start = page.hasNonNull("LastEvaluatedTableName") ? page.get("LastEvaluatedTableName").asText() : null;
        } while (start != null);
        return names;
    }

    private Set<JsonNode> scan(String table) {
        Set<JsonNode> found = new HashSet<>();
        JsonNode startKey = null;
        do {
            String body = "{\"TableName\":\"" + table + "\",\"ConsistentRead\":true"
                    + (startKey == null ? "" : ",\"ExclusiveStartKey\":" + startKey) + "}";
            JsonNode page = call("Scan", body);
            page.path("Items").forEach(found::add);
            startKey = page.get("LastEvaluatedKey");
        } while (startKey != null && !startKey.isEmpty());
        return found;
    }

    @Override
    public void close() throws IOException {
        http.close();
        cluster.close();
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
