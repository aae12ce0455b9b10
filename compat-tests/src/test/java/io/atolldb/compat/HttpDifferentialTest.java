package io.atolldb.compat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The differential test of the HTTP layer: raw requests (no SDK in between) with the headers, encodings,
 * malformed bodies and CORS preflights a client may send go to AtollDB and to DynamoDB Local, and the
 * answers' status, DynamoDB error type and the headers that matter must be the same ({@link HttpAnswer}),
 * or differ only as a named rule of {@link HttpKnownDifferences} allows.
 */
class HttpDifferentialTest {
    private static final String TABLE = "http-compat";
    private static final String BIG = "x".repeat(8000);

    private static AtollCluster atoll;
    private static LocalDynamoDb local;
    private static Server atollServer;
    private static Server localServer;

    /** One server under test: its endpoint, its SDK client for the setup, and its table ARN prefix. */
    private record Server(String endpoint, DynamoDbClient client, String arnPrefix) {
    }

    @BeforeAll
    static void start() throws Exception {
        local = LocalDynamoDb.start();
        atoll = AtollCluster.start();
        localServer = setUp(local.endpoint());
        atollServer = setUp(atoll.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Server server : new Server[] {atollServer, localServer}) {
            if (server != null) {
                for (String table : List.of(TABLE, "tagged")) {
                    try {
                        server.client().deleteTable(b -> b.tableName(table));
                    } catch (ResourceNotFoundException e) {
                        // not created
                    }
                }
                server.client().close();
            }
        }
        if (atoll != null) {
            atoll.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @Test
    void sameHttpAnswersAsDynamoDbLocal() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> explained = new TreeMap<>();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            for (HttpCase request : cases()) {
                HttpAnswer fromAtoll = send(http, atollServer, request);
                HttpCase forLocal = request.forLocal().map(HttpCase.LocalVariant::request).orElse(request);
                HttpAnswer fromLocal = send(http, localServer, forLocal);
                request.forLocal().ifPresent(variant -> explained.merge(variant.rule(), 1, Integer::sum));
                if (fromAtoll.sameAs(fromLocal)) {
                    continue;
                }
                var rules = HttpKnownDifferences.explaining(request, fromAtoll, fromLocal);
                if (rules.isPresent()) {
                    explained.merge(String.join(" + ", rules.get()), 1, Integer::sum);
                } else {
                    failures.add(request + "\n  AtollDB:        " + fromAtoll + "\n  DynamoDB Local: " + fromLocal);
                }
            }
        }
        System.out.printf("compat http: %d requests compared; known differences seen: %s%n", cases().size(), explained);
        assertThat(failures).as("HTTP answers that differ from DynamoDB Local's").isEmpty();
    }

    /** Every case; each is sent once to each server, in this order. */
    static List<HttpCase> cases() {
        String listTables = "{\"Limit\":3}";
        String getBig = "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"big\"}},\"ConsistentRead\":true}";
        byte[] list = HttpCase.utf8(listTables);
        byte[] gzipped = HttpCase.gzip(list);
        byte[] bomb = new byte[16 * 1024 * 1024 + 1024];
        java.util.Arrays.fill(bomb, (byte) ' ');
        bomb[0] = '{';
        bomb[bomb.length - 1] = '}';
        byte[] limit = java.util.Arrays.copyOf(bomb, 16 * 1024 * 1024);
        limit[limit.length - 1] = '}';
        byte[] over = java.util.Arrays.copyOf(bomb, 16 * 1024 * 1024 + 1);
        over[over.length - 1] = '}';
        Map<String, String> internalError = Map.of("status", "500", "type", "InternalServerError");
        String tagged = "{\"TableName\":\"tagged\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],\"Tags\":TAGS}";
        return List.of(
                // Headers of successes and errors.
                HttpCase.post("a success", "ListTables", listTables),
                HttpCase.post("an error", "DescribeTable", "{\"TableName\":\"nowhere\"}"),
                HttpCase.post("an unknown operation", "Frobnicate", "{}"),
                HttpCase.post("no X-Amz-Target", null, "{}"),
                HttpCase.post("another content type", "ListTables", listTables).with("Content-Type", "application/json"),
                // CORS.
                HttpCase.post("a cross-origin success", "ListTables", listTables).with("Origin", "http://app.example"),
                HttpCase.post("a cross-origin error", "DescribeTable", "{\"TableName\":\"nowhere\"}").with("Origin", "http://app.example"),
                HttpCase.options("the SDK's preflight").with("Origin", "http://app.example")
                        .with("Access-Control-Request-Method", "POST")
                        .with("Access-Control-Request-Headers", "authorization,content-type,x-amz-date,x-amz-target,x-amz-user-agent"),
                HttpCase.options("a preflight asking for anything").with("Origin", "http://app.example")
                        .with("Access-Control-Request-Method", "PATCH").with("Access-Control-Request-Headers", "x-anything, y"),
                // Compressed answers.
                HttpCase.post("a large answer, gzip accepted", "GetItem", getBig).with("Accept-Encoding", "gzip"),
                HttpCase.post("a large answer, deflate accepted", "GetItem", getBig).with("Accept-Encoding", "deflate"),
                HttpCase.post("a large answer, gzip refused", "GetItem", getBig).with("Accept-Encoding", "gzip;q=0, identity"),
                HttpCase.post("a large answer, no Accept-Encoding", "GetItem", getBig),
                HttpCase.post("a small answer, gzip accepted", "ListTables", listTables).with("Accept-Encoding", "gzip"),
                // Compressed requests.
                HttpCase.post("a gzip body", "ListTables", gzipped).with("Content-Encoding", "gzip")
                        .localGets(HttpKnownDifferences.COMPRESSED_REQUESTS, HttpCase.post("decoded", "ListTables", list)),
                HttpCase.post("a deflate body", "ListTables", HttpCase.deflate(list)).with("Content-Encoding", "deflate")
                        .localGets(HttpKnownDifferences.COMPRESSED_REQUESTS, HttpCase.post("decoded", "ListTables", list)),
                HttpCase.post("a gzip body decoding past 16 MB", "ListTables", HttpCase.gzip(bomb)).with("Content-Encoding", "gzip")
                        .localGets(HttpKnownDifferences.COMPRESSED_REQUESTS, HttpCase.post("decoded", "ListTables", bomb)),
                HttpCase.post("an identity body", "ListTables", list).with("Content-Encoding", "identity"),
                HttpCase.post("a plain body called gzip", "ListTables", list).with("Content-Encoding", "gzip")
                        .documented(internalError),
                HttpCase.post("a gzip body cut short", "ListTables", java.util.Arrays.copyOf(gzipped, gzipped.length - 1))
                        .with("Content-Encoding", "gzip"),
                HttpCase.post("an empty gzip body", "ListTables", new byte[0]).with("Content-Encoding", "gzip"),
                HttpCase.post("a plain body called deflate", "ListTables", list).with("Content-Encoding", "deflate")
                        .documented(internalError),
                HttpCase.post("an unknown Content-Encoding", "ListTables", list).with("Content-Encoding", "garbage")
                        .documented(internalError),
                // The size limit.
                HttpCase.post("a body of exactly 16 MB", "ListTables", limit),
                HttpCase.post("a body over 16 MB", "ListTables", over),
                // DescribeEndpoints.
                HttpCase.post("DescribeEndpoints", "DescribeEndpoints", "{}")
                        .documented(Map.of("status", "200", "type", HttpAnswer.NONE, "endpoint", "the address the client used")),
                // Tags at CreateTable.
                HttpCase.post("CreateTable with tags", "CreateTable",
                        tagged.replace("TAGS", "[{\"Key\":\"team\",\"Value\":\"blue\"},{\"Key\":\"env\",\"Value\":\"\"}]")),
                HttpCase.postWithArn("ListTagsOfResource after CreateTable with tags", "ListTagsOfResource",
                                "{\"ResourceArn\":\"ARNtagged\"}")
                        .documented(Map.of("status", "200", "type", HttpAnswer.NONE, "tags", "{env=, team=blue}")),
                HttpCase.post("CreateTable with a tag value outside the allowed characters", "CreateTable",
                                tagged.replace("tagged", "badly-tagged").replace("TAGS", "[{\"Key\":\"team\",\"Value\":\"#!\"}]"))
                        .documented(Map.of("status", "400", "type", "ValidationException")),
                HttpCase.post("CreateTable with a reserved tag key", "CreateTable",
                                tagged.replace("tagged", "badly-tagged").replace("TAGS", "[{\"Key\":\"aws:team\",\"Value\":\"x\"}]"))
                        .documented(Map.of("status", "400", "type", "ValidationException")));
    }

    private static HttpAnswer send(HttpClient http, Server server, HttpCase request) throws Exception {
        HttpResponse<byte[]> response = http.send(request.request(server.endpoint(), server.arnPrefix()),
                HttpResponse.BodyHandlers.ofByteArray());
        return HttpAnswer.of(response);
    }

    /** Creates the test table with one item whose answer is over the compression threshold; reads the ARN prefix. */
    private static Server setUp(String endpoint) {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("compat", "compat")))
                .build();
        client.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                client.describeTable(b -> b.tableName(TABLE)).table().tableStatus() == TableStatus.ACTIVE);
        client.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("big"), "v", AttributeValue.fromS(BIG))));
        String arn = client.describeTable(b -> b.tableName(TABLE)).table().tableArn();
        return new Server(endpoint, client, arn.substring(0, arn.length() - TABLE.length()));
    }
}
