package io.atolldb.router.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.DateFormatter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The headers every response carries, whoever answers it, and the CORS exchange of a browser client: what
 * DynamoDB sends (Developer Guide, "DynamoDB low-level API", response format: x-amzn-RequestId,
 * x-amz-crc32, Content-Type, Content-Length, Date).
 */
class ResponseHeadersTest {
    private static final List<String> CORS_HEADERS = List.of("access-control-allow-origin", "access-control-expose-headers",
            "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age");

    private DynamoHttpServer server;
    private HttpClient http;

    @BeforeEach
    void start() {
        server = DynamoHttpServer.start("127.0.0.1", 0, new InMemoryDynamoService(), new SimpleMeterRegistry());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void everyKindOfResponseCarriesADateTheServerHeaderAndARequestId() throws Exception {
        Instant before = Instant.now().minusSeconds(2);
        Map<String, HttpResponse<byte[]>> responses = Map.of(
                "success", send(api("ListTables", "{}")),
                "error", send(api("DescribeTable", "{\"TableName\":\"Nowhere\"}")),
                "too large", send(api("ListTables", "{" + " ".repeat(DynamoHttpServer.MAX_REQUEST_BYTES) + "}")),
                "undecodable", send(api("ListTables", "{}").header("Content-Encoding", "gzip")),
                "health", send(HttpRequest.newBuilder(uri()).GET()),
                "not allowed", send(HttpRequest.newBuilder(uri()).DELETE()),
                "preflight", send(preflight()));

        responses.forEach((kind, response) -> {
            HttpHeaders headers = response.headers();
            assertThat(headers.firstValue("server")).as(kind).contains(CommonHeaders.SERVER);
            assertThat(headers.firstValue("x-amzn-RequestId")).as(kind).isPresent();
            Date date = DateFormatter.parseHttpDate(headers.firstValue("date").orElseThrow());
            assertThat(date).as(kind).isNotNull();
            assertThat(date.toInstant()).as(kind).isBetween(before, Instant.now().plusSeconds(2));
        });
        assertThat(responses.get("too large").statusCode()).isEqualTo(413);
        assertThat(responses.get("undecodable").statusCode()).isEqualTo(500);
    }

    @Test
    void aRequestWithoutOriginGetsNoCorsHeaders() throws Exception {
        for (HttpResponse<byte[]> response : List.of(send(api("ListTables", "{}")), send(HttpRequest.newBuilder(uri()).GET()))) {
            CORS_HEADERS.forEach(name -> assertThat(response.headers().firstValue(name)).as(name).isEmpty());
        }
    }

    /** A browser reads the answer of a cross-origin call only if the server allows the origin. */
    @Test
    void everyAnswerToACrossOriginRequestAllowsAnyOriginAndExposesTheSdkHeaders() throws Exception {
        List<HttpResponse<byte[]>> responses = List.of(
                send(api("ListTables", "{}").header("Origin", "http://app.example")),
                send(api("DescribeTable", "{\"TableName\":\"Nowhere\"}").header("Origin", "http://app.example")),
                send(HttpRequest.newBuilder(uri()).GET().header("Origin", "http://app.example")));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 400, 200);
        for (HttpResponse<byte[]> response : responses) {
            assertThat(response.headers().firstValue("access-control-allow-origin")).contains("*");
            assertThat(response.headers().firstValue("access-control-expose-headers"))
                    .contains("x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date");
            assertThat(response.headers().firstValue("access-control-max-age")).isEmpty();
        }
    }

    @Test
    void aPreflightIsAllowedExactlyTheMethodAndHeadersItAsksForForTwoDays() throws Exception {
        HttpResponse<byte[]> response = send(preflight());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("access-control-allow-origin")).contains("*");
        assertThat(response.headers().firstValue("access-control-allow-methods")).contains("POST");
        assertThat(response.headers().firstValue("access-control-allow-headers"))
                .contains("authorization,content-type,x-amz-date,x-amz-target,x-amz-user-agent");
        assertThat(response.headers().firstValue("access-control-max-age")).contains("172800");
        assertThat(response.headers().firstValue("access-control-expose-headers")).isPresent();
    }

    @Test
    void anOptionsRequestWithoutOriginIsNoPreflight() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri()).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(405);
        CORS_HEADERS.forEach(name -> assertThat(response.headers().firstValue(name)).as(name).isEmpty());
    }

    private HttpRequest.Builder preflight() {
        return HttpRequest.newBuilder(uri()).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-amz-date,x-amz-target,x-amz-user-agent");
    }

    private HttpRequest.Builder api(String operation, String body) {
        return HttpRequest.newBuilder(uri())
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }
}
