package io.atolldb.deploy;

import io.atolldb.router.RouterConfig;
import io.atolldb.router.RouterServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A client that starts working the moment the DynamoDB port answers, as scripts do, is served: the dev
 * cluster opens its port only once it can place a table, and a router that runs before the storage nodes
 * answers what it cannot serve yet with a 5xx the SDKs retry, never an error they give up on. The clients
 * are the AWS SDK with its default retry policy, as a user has it.
 */
class ReadyMeansReadyTest {

    @Test
    void aTableCreatedTheInstantTheDevClusterPortAnswersIsCreated(@TempDir Path data) throws Exception {
        int port = freePort();
        CompletableFuture<DevCluster> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return DevCluster.start(data, "127.0.0.1", port, 4, new SimpleMeterRegistry());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        DevCluster cluster = null;
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> answers(port));
            try (DynamoDbClient client = Dynamo.client("http://127.0.0.1:" + port)) {
                createTable(client, "first-thing");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                        client.describeTable(b -> b.tableName("first-thing")).table().tableStatus() == TableStatus.ACTIVE);
                client.putItem(b -> b.tableName("first-thing").item(Map.of("id", AttributeValue.fromS("a"))));
                assertThat(client.getItem(b -> b.tableName("first-thing").key(Map.of("id", AttributeValue.fromS("a")))
                        .consistentRead(true)).hasItem()).isTrue();
            }
            cluster = starting.get(60, TimeUnit.SECONDS);
        } finally {
            if (cluster == null) {
                cluster = starting.get(120, TimeUnit.SECONDS);
            }
            cluster.close();
        }
    }

    @Test
    void startReturnsOnlyOnceTheClusterCanPlaceATable(@TempDir Path data) throws Exception {
        try (DevCluster cluster = DevCluster.start(data, "127.0.0.1", 0, 4, new SimpleMeterRegistry())) {
            assertThat(cluster.isReady()).isTrue();
        }
    }

    @Test
    void aRouterStartedBeforeTheStorageNodesAnswersRetryablyThenServes(@TempDir Path data) throws Exception {
        try (DevCluster cluster = DevCluster.startWithoutRouter(data, "127.0.0.1", 4, new SimpleMeterRegistry(), false);
             RouterServer router = RouterServer.start(new RouterConfig("127.0.0.1", 0, cluster.metadataAddresses(), "a"),
                     new SimpleMeterRegistry())) {
            String endpoint = "http://127.0.0.1:" + router.port();
            AtomicInteger attempts = new AtomicInteger();
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(java.net.URI.create(endpoint))
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("dummy", "dummy")))
                    .overrideConfiguration(config -> config.addExecutionInterceptor(countingAttempts(attempts)))
                    .build()) {
                assertThatThrownBy(() -> createTable(client, "too-early"))
                        .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(503);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                        });
                assertThat(attempts.get()).as("attempts of the SDK's default retry policy").isGreaterThan(1);

                for (int i = 0; i < cluster.nodeCount(); i++) {
                    cluster.startNode(i);
                }
                await().atMost(Duration.ofSeconds(60)).until(cluster::storageReady);

                createTable(client, "in-time");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                        client.describeTable(b -> b.tableName("in-time")).table().tableStatus() == TableStatus.ACTIVE);
                client.putItem(b -> b.tableName("in-time").item(Map.of("id", AttributeValue.fromS("a"))));
                assertThat(client.getItem(b -> b.tableName("in-time").key(Map.of("id", AttributeValue.fromS("a")))
                        .consistentRead(true)).hasItem()).isTrue();
            }
        }
    }

    private static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build()));
    }

    private static ExecutionInterceptor countingAttempts(AtomicInteger attempts) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                attempts.incrementAndGet();
            }
        };
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
