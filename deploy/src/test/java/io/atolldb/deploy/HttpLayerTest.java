package io.atolldb.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP layer of a real dev cluster, seen by a plain HTTP client: the headers DynamoDB sends (Developer
 * Guide, "DynamoDB low-level API"), CORS for browsers, compressed bodies both ways, the 16 MB limit, and
 * DescribeEndpoints naming the address the client used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class HttpLayerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BIG = "x".repeat(10_000);

    private String endpoint;
    private DynamoDbClient client;
    private HttpClient http;

    @BeforeAll
    void connect(SharedCluster.Endpoint cluster) {
        endpoint = cluster.url();
        client = Dynamo.client(endpoint);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Dynamo.createTable(client, "http-layer");
        client.putItem(b -> b.tableName("http-layer").item(Map.of("id", AttributeValue.fromS("big"), "v", AttributeValue.fromS(BIG))));
    }

    @AfterAll
    void close() {
        client.close();
        http.close();
    }

    @Test
    void successesAndErrorsCarryTheHeadersDynamoDbSends() throws Exception {
        for (HttpResponse<byte[]> response : List.of(send(api("ListTables", "{}")),
                send(api("DescribeTable", "{\"TableName\":\"nowhere\"}")))) {
            var headers = response.headers();
            assertThat(headers.firstValue("content-type")).contains("application/x-amz-json-1.0");
            assertThat(headers.firstValue("x-amzn-RequestId")).isPresent();
            assertThat(headers.firstValue("x-amz-crc32")).contains(crc32(response.body()));
            assertThat(headers.firstValue("server")).contains("Server");
            var date = ZonedDateTime.parse(headers.firstValue("date").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME);
            assertThat(Duration.between(date, ZonedDateTime.now()).abs()).isLessThan(Duration.ofMinutes(1));
        }
    }

    @Test
    void aBrowserPreflightAndItsRequestAreAllowed() throws Exception {
        HttpResponse<byte[]> preflight = send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-amz-date,x-amz-target"));
        HttpResponse<byte[]> call = send(api("ListTables", "{}").header("Origin", "http://localhost:3000"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("*");
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).contains("POST");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).contains("authorization,content-type,x-amz-date,x-amz-target");
        assertThat(preflight.headers().firstValue("access-control-max-age")).contains("172800");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("access-control-allow-origin")).contains("*");
        assertThat(call.headers().firstValue("access-control-expose-headers")).hasValueSatisfying(exposed ->
                assertThat(exposed).contains("x-amzn-RequestId", "x-amzn-ErrorType", "Date"));
    }

    @Test
    void aLargeAnswerIsGzippedWhenAskedAndItsChecksumCoversTheCompressedBytes() throws Exception {
        HttpResponse<byte[]> response = send(api("GetItem",
                "{\"TableName\":\"http-layer\",\"Key\":{\"id\":{\"S\":\"big\"}},\"ConsistentRead\":true}")
                .header("Accept-Encoding", "gzip"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(response.headers().firstValue("x-amz-crc32")).contains(crc32(response.body()));
        assertThat(response.body().length).isLessThan(BIG.length() / 10);
        JsonNode item = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes());
        assertThat(item.path("Item").path("v").path("S").asText()).isEqualTo(BIG);
    }

    @Test
    void aGzippedRequestIsWrittenAndACorruptOneIsAnInternalServerErrorThatWritesNothing() throws Exception {
        String put = "{\"TableName\":\"http-layer\",\"Item\":{\"id\":{\"S\":\"zipped\"}}}";
        byte[] gzipped = gzip(put.replace("zipped", "corrupt"));
        byte[] corrupt = Arrays.copyOf(gzipped, gzipped.length - 3);

        HttpResponse<byte[]> written = send(api("PutItem", gzip(put)).header("Content-Encoding", "gzip"));
        HttpResponse<byte[]> refused = send(api("PutItem", corrupt).header("Content-Encoding", "gzip"));

        assertThat(written.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(refused.body()).path("__type").asText()).endsWith("#InternalServerError");
        assertThat(client.getItem(b -> b.tableName("http-layer").key(Map.of("id", AttributeValue.fromS("zipped"))).consistentRead(true))
                .hasItem()).isTrue();
        assertThat(client.getItem(b -> b.tableName("http-layer").key(Map.of("id", AttributeValue.fromS("corrupt"))).consistentRead(true))
                .hasItem()).isFalse();
    }

    @Test
    void aRequestOverSixteenMegabytesIsRefusedWith413() throws Exception {
        byte[] body = new byte[16 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';

        HttpResponse<byte[]> response = send(api("ListTables", body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void describeEndpointsNamesTheAddressTheClientUsedAndAnSdkDiscoveringEndpointsStaysHere() throws Exception {
        URI uri = URI.create(endpoint);
        JsonNode endpoints = JSON.readTree(send(api("DescribeEndpoints", "{}")).body()).path("Endpoints");
        assertThat(endpoints.get(0).path("Address").asText()).isEqualTo(uri.getHost() + ":" + uri.getPort());

        try (DynamoDbClient discovering = DynamoDbClient.builder().endpointOverride(uri).endpointDiscoveryEnabled(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy"))).build()) {
            discovering.putItem(b -> b.tableName("http-layer").item(Map.of("id", AttributeValue.fromS("discovered"))));
            assertThat(discovering.getItem(b -> b.tableName("http-layer")
                    .key(Map.of("id", AttributeValue.fromS("discovered"))).consistentRead(true)).hasItem()).isTrue();
        }
    }

    private HttpRequest.Builder api(String operation, String body) {
        return api(operation, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder api(String operation, byte[] body) {
        return HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toString(crc.getValue());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
