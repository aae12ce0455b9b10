package io.atolldb.router.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Content codings both ways, as DynamoDB handles them: request bodies in gzip or deflate are decoded
 * (anything else, or a body that is not what its encoding says, is a 500 InternalServerError and runs
 * nothing), and responses of 4 KB or more are compressed when the client accepts it, with x-amz-crc32
 * computed over the compressed bytes.
 */
class ContentEncodingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE_TABLE = "{\"TableName\":\"Music\",\"BillingMode\":\"PAY_PER_REQUEST\","
            + "\"KeySchema\":[{\"AttributeName\":\"artist\",\"KeyType\":\"HASH\"}],"
            + "\"AttributeDefinitions\":[{\"AttributeName\":\"artist\",\"AttributeType\":\"S\"}]}";
    private static final String BIG_VALUE = "x".repeat(6000);

    private InMemoryDynamoService service;
    private DynamoHttpServer server;
    private HttpClient http;

    @BeforeEach
    void start() {
        service = new InMemoryDynamoService();
        server = DynamoHttpServer.start("127.0.0.1", 0, service, new SimpleMeterRegistry());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private interface Encoder {
        byte[] encode(byte[] body) throws IOException;
    }

    /** RFC 9110 section 8.4: codings are named in the order they were applied, case-insensitively. */
    @Test
    void gzipDeflateAndIdentityBodiesAreDecodedBeforeParsing() throws Exception {
        Map<String, Encoder> codings = Map.of(
                "gzip", ContentEncodingTest::gzip,
                "deflate", ContentEncodingTest::deflate,
                "identity", body -> body,
                "GZIP", ContentEncodingTest::gzip,
                "deflate, gzip", body -> gzip(deflate(body)));

        int created = 0;
        for (var coding : codings.entrySet()) {
            byte[] body = utf8(CREATE_TABLE.replace("Music", "Music" + created++));
            HttpResponse<byte[]> response = send(api("CreateTable", coding.getValue().encode(body))
                    .header("Content-Encoding", coding.getKey()));
            assertThat(response.statusCode()).as(coding.getKey()).isEqualTo(200);
        }
        assertThat(json(send(api("ListTables", utf8("{}")))).path("TableNames")).hasSize(codings.size());
    }

    /** RFC 1952: a gzip file may hold several members, read as one stream. */
    @Test
    void aGzipBodyOfTwoMembersIsReadWhole() throws Exception {
        byte[] first = gzip(utf8(CREATE_TABLE.substring(0, 10)));
        byte[] second = gzip(utf8(CREATE_TABLE.substring(10)));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        HttpResponse<byte[]> response = send(api("CreateTable", both).header("Content-Encoding", "gzip"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    /** DynamoDB ignores bytes after a complete gzip member that do not start another one. */
    @Test
    void bytesAfterACompleteGzipMemberThatStartNoOtherAreIgnored() throws Exception {
        byte[] gzipped = gzip(utf8(CREATE_TABLE));
        byte[] withJunk = Arrays.copyOf(gzipped, gzipped.length + 4);
        System.arraycopy(utf8("junk"), 0, withJunk, gzipped.length, 4);

        HttpResponse<byte[]> response = send(api("CreateTable", withJunk).header("Content-Encoding", "gzip"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void bodiesThatAreNotWhatTheirEncodingSaysAreInternalServerErrorsAndCreateNothing() throws Exception {
        byte[] create = utf8(CREATE_TABLE);
        byte[] gzipped = gzip(create);
        Map<String, HttpRequest.Builder> broken = Map.of(
                "plain text called gzip", api("CreateTable", create).header("Content-Encoding", "gzip"),
                "plain text called deflate", api("CreateTable", create).header("Content-Encoding", "deflate"),
                "gzip cut in its trailer", api("CreateTable", Arrays.copyOf(gzipped, gzipped.length - 1))
                        .header("Content-Encoding", "gzip"),
                "gzip cut in its data", api("CreateTable", Arrays.copyOf(gzipped, gzipped.length / 2))
                        .header("Content-Encoding", "gzip"),
                "empty gzip", api("CreateTable", new byte[0]).header("Content-Encoding", "gzip"),
                "empty deflate", api("CreateTable", new byte[0]).header("Content-Encoding", "deflate"),
                "unknown encoding", api("CreateTable", create).header("Content-Encoding", "garbage"),
                "encoding DynamoDB does not read", api("CreateTable", create).header("Content-Encoding", "br"));

        for (var entry : broken.entrySet()) {
            HttpResponse<byte[]> response = send(entry.getValue());
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(500);
            assertThat(json(response).path("__type").asText()).as(entry.getKey())
                    .isEqualTo("com.amazonaws.dynamodb.v20120810#InternalServerError");
        }
        assertThat(json(send(api("ListTables", utf8("{}")))).path("TableNames")).isEmpty();
    }

    @Test
    void aLargeResponseIsCompressedWithTheEncodingTheClientAcceptsAndItsChecksumCoversTheBytesSent() throws Exception {
        putBigItem();
        for (String accepted : new String[] {"gzip", "deflate", "gzip, deflate", "br;q=1, gzip;q=0.5"}) {
            HttpResponse<byte[]> response = send(api("GetItem", utf8(getBigItem())).header("Accept-Encoding", accepted));

            String encoding = response.headers().firstValue("content-encoding").orElseThrow();
            assertThat(encoding).as(accepted).isEqualTo(accepted.startsWith("deflate") ? "deflate" : "gzip");
            assertThat(response.headers().firstValue("content-length")).contains(Integer.toString(response.body().length));
            assertThat(response.headers().firstValue("x-amz-crc32")).contains(Long.toString(HttpResponses.crc32(response.body())));
            byte[] decoded = decode(encoding, response.body());
            assertThat(response.body().length).isLessThan(decoded.length / 10);
            assertThat(JSON.readTree(decoded).path("Item").path("v").path("S").asText()).isEqualTo(BIG_VALUE);
        }
    }

    @Test
    void smallResponsesAndClientsThatAcceptNoCompressionGetPlainBodies() throws Exception {
        putBigItem();
        HttpResponse<byte[]> small = send(api("ListTables", utf8("{}")).header("Accept-Encoding", "gzip"));
        HttpResponse<byte[]> unasked = send(api("GetItem", utf8(getBigItem())));
        HttpResponse<byte[]> identity = send(api("GetItem", utf8(getBigItem())).header("Accept-Encoding", "identity"));
        HttpResponse<byte[]> refused = send(api("GetItem", utf8(getBigItem())).header("Accept-Encoding", "gzip;q=0"));

        for (HttpResponse<byte[]> response : new HttpResponse[] {small, unasked, identity, refused}) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-encoding")).isEmpty();
            assertThat(response.headers().firstValue("x-amz-crc32")).contains(Long.toString(HttpResponses.crc32(response.body())));
        }
        assertThat(json(unasked).path("Item").path("v").path("S").asText()).isEqualTo(BIG_VALUE);
    }

    /** The AWS SDK checks x-amz-crc32 over the compressed body, then decompresses it. */
    @Test
    void theAwsSdkReadsACompressedResponseWhoseChecksumItVerifies() throws Exception {
        putBigItem();
        String[] seenEncoding = new String[1];
        ExecutionInterceptor acceptGzip = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.httpRequest().toBuilder().putHeader("Accept-Encoding", "gzip").build();
            }

            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                SdkHttpResponse response = context.httpResponse();
                seenEncoding[0] = response.firstMatchingHeader("Content-Encoding").orElse(null);
            }
        };
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .overrideConfiguration(config -> config.addExecutionInterceptor(acceptGzip)
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            var item = client.getItem(b -> b.tableName("Music").key(Map.of("artist", AttributeValue.fromS("a")))).item();

            assertThat(seenEncoding[0]).isEqualTo("gzip");
            assertThat(item.get("v").s()).isEqualTo(BIG_VALUE);
        }
    }

    private void putBigItem() throws Exception {
        assertThat(send(api("CreateTable", utf8(CREATE_TABLE))).statusCode()).isEqualTo(200);
        assertThat(send(api("PutItem", utf8("{\"TableName\":\"Music\",\"Item\":{\"artist\":{\"S\":\"a\"},\"v\":{\"S\":\""
                + BIG_VALUE + "\"}}}"))).statusCode()).isEqualTo(200);
    }

    private static String getBigItem() {
        return "{\"TableName\":\"Music\",\"Key\":{\"artist\":{\"S\":\"a\"}}}";
    }

    private HttpRequest.Builder api(String operation, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static byte[] decode(String encoding, byte[] body) throws IOException {
        try (InputStream in = encoding.equals("gzip")
                ? new GZIPInputStream(new ByteArrayInputStream(body))
                : new InflaterInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
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

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(bytes);
        }
        return out.toByteArray();
    }
}
