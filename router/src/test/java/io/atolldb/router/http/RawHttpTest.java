package io.atolldb.router.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP-level behaviour checked with a plain HTTP client: errors, headers, compression, size limit, health. */
class RawHttpTest {
    private static final String CREATE_TABLE = "{\"TableName\":\"Music\",\"BillingMode\":\"PAY_PER_REQUEST\","
            + "\"KeySchema\":[{\"AttributeName\":\"artist\",\"KeyType\":\"HASH\"}],"
            + "\"AttributeDefinitions\":[{\"AttributeName\":\"artist\",\"AttributeType\":\"S\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimpleMeterRegistry registry;
    private DynamoHttpServer server;
    private HttpClient http;

    @BeforeEach
    void start() {
        registry = new SimpleMeterRegistry();
        server = DynamoHttpServer.start("127.0.0.1", 0, new InMemoryDynamoService(), registry);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void anUnknownTargetIsAnUnknownOperationException() throws Exception {
        HttpResponse<byte[]> response = post(request("DynamoDB_20120810.Frobnicate", utf8("{}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/x-amz-json-1.0");
        assertThat(json(response).path("__type").asText()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        HttpResponse<byte[]> response = post(request("DynamoDB_20120810.ListTables", utf8("{\"Limit\": ")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("__type").asText()).isEqualTo("com.amazon.coral.service#SerializationException");
    }

    @Test
    void aGzipEncodedBodyIsDecompressedBeforeParsing() throws Exception {
        HttpRequest request = request("DynamoDB_20120810.CreateTable", gzip(utf8(CREATE_TABLE)))
                .header("Content-Encoding", "gzip")
                .build();

        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("TableDescription").path("TableName").asText()).isEqualTo("Music");
    }

    @Test
    void everyApiResponseCarriesARequestIdAndTheCrc32OfItsBody() throws Exception {
        HttpResponse<byte[]> success = post(request("DynamoDB_20120810.ListTables", utf8("{}")));
        HttpResponse<byte[]> failure = post(request("DynamoDB_20120810.DescribeTable", utf8("{\"TableName\":\"Nowhere\"}")));

        for (HttpResponse<byte[]> response : Arrays.asList(success, failure)) {
            assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id ->
                    assertThat(UUID.fromString(id)).isNotNull());
            assertThat(response.headers().firstValue("x-amz-crc32"))
                    .contains(Long.toString(HttpResponses.crc32(response.body())));
        }
        assertThat(success.statusCode()).isEqualTo(200);
        assertThat(failure.statusCode()).isEqualTo(400);
        assertThat(success.headers().firstValue("x-amzn-RequestId"))
                .isNotEqualTo(failure.headers().firstValue("x-amzn-RequestId"));
    }

    @Test
    void signaturesAndContentTypesAreAcceptedAsTheyCome() throws Exception {
        HttpRequest request = request("DynamoDB_20120810.ListTables", utf8("{}"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=nobody/20240101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0000")
                .header("Content-Type", "text/plain")
                .build();

        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("TableNames").isArray()).isTrue();
    }

    @Test
    void getOnTheRootAnswersAHealthTextAndOtherPathsAreNotFound() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(uri("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo(DynamoRequestHandler.HEALTH_TEXT);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    @Test
    void methodsOtherThanGetAndPostAreNotAllowed() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/")).method("PUT", HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET, POST");
    }

    @Test
    void aClosedServerNoLongerAcceptsConnectionsAndClosingTwiceIsHarmless() {
        int port = server.port();

        server.close();
        server.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    /** DynamoDB refuses a request over 16 MB (API reference, BatchWriteItem) with HTTP 413 and no body. */
    @Test
    void aBodyLargerThanSixteenMegabytesIsRejectedWith413WithoutBeingParsed() throws Exception {
        byte[] body = jsonObjectOfSize(DynamoHttpServer.MAX_REQUEST_BYTES + 1);

        HttpResponse<byte[]> response = post(request("DynamoDB_20120810.ListTables", body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(count("ListTables", RequestMetrics.TOO_LARGE)).isEqualTo(1));
    }

    @Test
    void aGzipBodyThatInflatesBeyondTheLimitIsRejectedWith413() throws Exception {
        byte[] compressed = gzip(jsonObjectOfSize(DynamoHttpServer.MAX_REQUEST_BYTES + 1024));
        HttpRequest request = request("DynamoDB_20120810.ListTables", compressed)
                .header("Content-Encoding", "gzip")
                .build();

        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(compressed.length).isLessThan(1024 * 1024);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aClientExpectingContinueIsToldTheBodyIsTooLargeBeforeSendingIt() throws Exception {
        HttpRequest request = request("DynamoDB_20120810.ListTables", jsonObjectOfSize(DynamoHttpServer.MAX_REQUEST_BYTES + 1))
                .expectContinue(true)
                .build();

        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("date")).isPresent();
        HttpResponse<byte[]> next = post(request("DynamoDB_20120810.ListTables", utf8("{}")));
        assertThat(next.statusCode()).isEqualTo(200);
    }

    /** DynamoDB answers a body that is not what its Content-Encoding says with 500 InternalServerError. */
    @Test
    void aCorruptGzipBodyIsAnInternalServerErrorAndNothingRuns() throws Exception {
        byte[] corrupt = gzip(utf8(CREATE_TABLE));
        Arrays.fill(corrupt, 10, corrupt.length - 8, (byte) 0x55);
        HttpRequest request = request("DynamoDB_20120810.CreateTable", corrupt)
                .header("Content-Encoding", "gzip")
                .build();

        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("__type").asText()).isEqualTo("com.amazonaws.dynamodb.v20120810#InternalServerError");
        assertThat(json(post(request("DynamoDB_20120810.ListTables", utf8("{}")))).path("TableNames")).isEmpty();
    }

    @Test
    void aBodyOfExactlySixteenMegabytesIsAccepted() throws Exception {
        HttpResponse<byte[]> response = post(request("DynamoDB_20120810.ListTables",
                jsonObjectOfSize(DynamoHttpServer.MAX_REQUEST_BYTES)));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private long count(String operation, String outcome) {
        Timer timer = registry.find(RequestMetrics.TIMER).tags("operation", operation, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private HttpRequest.Builder request(String target, byte[] body) {
        return HttpRequest.newBuilder(uri("/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<byte[]> post(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** "{" + spaces + "}": valid JSON of exactly {@code size} bytes, so only its size can make it fail. */
    private static byte[] jsonObjectOfSize(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[size - 1] = '}';
        return body;
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
