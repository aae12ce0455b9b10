package io.atolldb.chaos.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dev cluster as users run it ({@code atoll dev}), killed whole with SIGKILL and restarted on the
 * same data directory: every acknowledged item is there afterwards.
 */
class DevClusterCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedItemSurvivesSigkillOfTheWholeDevClusterAndARestart() throws Exception {
        int apiPort = freePort();
        int adminPort = freePort();
        Path jar = Path.of(System.getProperty("atoll.jar"));
        var dev = new AtollProcess("dev", Role.DEV, "a", jar, List.of("dev", "--port", "" + apiPort, "--admin-port", "" + adminPort,
                "--data", dir.resolve("data").toString()), dir.resolve("dev.log"), "127.0.0.1", adminPort);
        var http = java.net.http.HttpClient.newHttpClient();
        List<String> acknowledged = new ArrayList<>();
        try (DynamoDbClient client = client(apiPort)) {
            dev.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> dev.isHealthy(http));
            client.createTable(b -> b.tableName("crash")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    client.describeTable(b -> b.tableName("crash")).table().tableStatus() == TableStatus.ACTIVE);
            for (int i = 0; i < 500; i++) {
                String id = "item-" + i;
                client.putItem(b -> b.tableName("crash").item(Map.of("id", AttributeValue.fromS(id), "n", AttributeValue.fromN("" + id.length()))));
                acknowledged.add(id);
            }

            dev.kill();
            dev.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> dev.isHealthy(http));

            List<String> missing = new ArrayList<>();
            for (String id : acknowledged) {
                var item = client.getItem(b -> b.tableName("crash").key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true));
                if (!item.hasItem()) {
                    missing.add(id);
                }
            }
            assertThat(missing).as("acknowledged items lost by the crash").isEmpty();
            assertThat(client.describeTable(b -> b.tableName("crash")).table().tableStatus()).isEqualTo(TableStatus.ACTIVE);
        } finally {
            dev.stop(Duration.ofSeconds(20));
        }
    }

    private static DynamoDbClient client(int port) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .build();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
