package io.atolldb.router.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atolldb.router.api.DynamoApi;
import io.atolldb.router.api.Principal;
import io.atolldb.router.auth.Identity;
import io.atolldb.router.auth.SdkSigner;
import io.atolldb.router.auth.SecretAccessKey;
import io.atolldb.router.auth.SigV4Verifier;
import io.atolldb.router.auth.StaticCredentialStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A router with signature verification on, over HTTP: the SDK's own signing works unchanged, every refusal is a
 * DynamoDB error (HTTP 400, its __type and message), and a refused request never runs, not even its body's
 * decompression.
 */
class SignatureVerificationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE_TABLE = "{\"TableName\":\"Music\",\"BillingMode\":\"PAY_PER_REQUEST\","
            + "\"KeySchema\":[{\"AttributeName\":\"artist\",\"KeyType\":\"HASH\"}],"
            + "\"AttributeDefinitions\":[{\"AttributeName\":\"artist\",\"AttributeType\":\"S\"}]}";
    /** Headers java.net.http sets itself (to the values the signer saw). */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private SimpleMeterRegistry registry;
    private DynamoHttpServer server;
    private HttpClient http;

    @BeforeEach
    void start() {
        registry = new SimpleMeterRegistry();
        var store = new StaticCredentialStore(new Identity(SdkSigner.KEY_ID, new SecretAccessKey(SdkSigner.SECRET),
                new Principal("arn:aws:iam::000000000000:user/admin", true)));
        server = DynamoHttpServer.start("127.0.0.1", 0, new DynamoApi(new InMemoryDynamoService()), null,
                new SigV4Verifier(store), registry);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private DynamoDbClient client(String keyId, String secret) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private double rejected(String type) {
        Counter counter = registry.find(RequestMetrics.REJECTED).tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theSdkSigningWithTheRightKeyIsServed() {
        try (DynamoDbClient client = client(SdkSigner.KEY_ID, SdkSigner.SECRET)) {
            client.createTable(b -> b.tableName("Music").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("artist").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("artist").attributeType("S")));
            assertThat(client.listTables().tableNames()).containsExactly("Music");
        }
    }

    @Test
    void theSdkSigningWithAWrongSecretGetsInvalidSignatureException() {
        try (DynamoDbClient client = client(SdkSigner.KEY_ID, "wrong-secret")) {
            assertThatThrownBy(client::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated does not match");
            });
        }
        assertThat(rejected("InvalidSignatureException")).isEqualTo(1);
    }

    @Test
    void theSdkSigningWithAnUnknownKeyGetsUnrecognizedClientException() {
        try (DynamoDbClient client = client("AKIAUNKNOWN", SdkSigner.SECRET)) {
            assertThatThrownBy(client::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
            });
        }
    }

    @Test
    void anUnsignedRequestIsMissingItsAuthenticationTokenAndNeverRuns() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("X-Amz-Target", "DynamoDB_20120810.CreateTable")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(CREATE_TABLE)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("__type").asText()).isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
        assertThat(error.path("message").asText()).isEqualTo("Request is missing Authentication Token");
        assertThat(rejected("MissingAuthenticationTokenException")).isEqualTo(1);
        try (DynamoDbClient client = client(SdkSigner.KEY_ID, SdkSigner.SECRET)) {
            assertThat(client.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void anUnsignedBodyIsNeverDecompressed() throws Exception {
        // With verification off, a body that is not the gzip it claims is DynamoDB's 500; here it is refused first.
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("not gzip")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("__type").asText()).endsWith("#MissingAuthenticationTokenException");
    }

    @Test
    void theHealthTextStaysOpen() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(DynamoRequestHandler.HEALTH_TEXT);
    }

    @Test
    void aSignedGzipBodyIsVerifiedAsSentThenDecompressed() throws Exception {
        byte[] compressed = gzip(CREATE_TABLE);
        SdkHttpFullRequest request = SdkSigner.apiRequest("CreateTable", CREATE_TABLE).port(server.port())
                .putHeader("Content-Encoding", "gzip")
                .putHeader("Content-Length", Integer.toString(compressed.length))
                .contentStreamProvider(ContentStreamProvider.fromByteArray(compressed)).build();
        SdkHttpRequest signed = SdkSigner.sign(request, Instant.now());

        HttpResponse<byte[]> created = send(signed, compressed);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(created.body()).path("TableDescription").path("TableName").asText()).isEqualTo("Music");

        HttpResponse<byte[]> tampered = send(signed, gzip(CREATE_TABLE.replace("Music", "Other")));
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tampered.body()).path("__type").asText()).endsWith("#InvalidSignatureException");
    }

    @Test
    void aPresignedRequestIsVerifiedFromItsQueryString() throws Exception {
        SdkHttpFullRequest request = SdkSigner.apiRequest("ListTables", "{}").port(server.port()).build();
        SdkHttpRequest presigned = SdkSigner.presign(request, Instant.now(), Duration.ofMinutes(5));
        assertThat(presigned.firstMatchingHeader("Authorization")).isEmpty();

        HttpResponse<byte[]> response = send(presigned, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("TableNames").isArray()).isTrue();
    }

    private HttpResponse<byte[]> send(SdkHttpRequest signed, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
