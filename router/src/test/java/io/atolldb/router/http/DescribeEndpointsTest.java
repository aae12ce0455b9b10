package io.atolldb.router.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DescribeEndpoints names the address the client reached (API reference, DescribeEndpoints: "Returns the
 * regional endpoint information"; for a client of AtollDB that endpoint is this server), so an SDK with
 * endpoint discovery on keeps talking to AtollDB.
 */
class DescribeEndpointsTest {
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
    void theEndpointNamedIsTheHostAndPortTheClientUsed() throws Exception {
        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.port() + "/"))
                    .header("X-Amz-Target", "DynamoDB_20120810.DescribeEndpoints")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());

            JsonNode endpoints = JSON.readTree(response.body()).path("Endpoints");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(endpoints).hasSize(1);
            assertThat(endpoints.get(0).path("Address").asText()).isEqualTo(host + ":" + server.port());
            assertThat(endpoints.get(0).path("CachePeriodInMinutes").asLong()).isEqualTo(1440);
        }
    }

    @Test
    void anSdkWithEndpointDiscoveryKeepsSendingItsRequestsHere() {
        List<URI> sentTo = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sentTo.add(context.httpRequest().getUri());
            }
        };
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .endpointDiscoveryEnabled(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .overrideConfiguration(config -> config.addExecutionInterceptor(recorder)
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            client.createTable(b -> b.tableName("Music").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("artist").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("artist")
                            .attributeType(ScalarAttributeType.S).build()));
            client.putItem(b -> b.tableName("Music").item(Map.of("artist", AttributeValue.fromS("a"))));
            var item = client.getItem(b -> b.tableName("Music").key(Map.of("artist", AttributeValue.fromS("a")))).item();

            assertThat(item).containsEntry("artist", AttributeValue.fromS("a"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> count("DescribeEndpoints") >= 1);
        assertThat(sentTo).isNotEmpty().allSatisfy(uri -> {
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(uri.getPort()).isEqualTo(server.port());
        });
    }

    private long count(String operation) {
        Timer timer = registry.find(RequestMetrics.TIMER).tags("operation", operation, "outcome", "ok").timer();
        return timer == null ? 0 : timer.count();
    }
}
