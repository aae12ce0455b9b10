package io.atolldb.deploy;

import io.atolldb.deploy.admin.AdminClient;
import io.atolldb.router.RouterConfig;
import io.atolldb.router.RouterServer;
import io.atolldb.router.auth.AdminCredentials;
import io.atolldb.router.auth.Identity;
import io.atolldb.router.auth.SecretAccessKey;
import io.atolldb.router.auth.SigV4Verifier;
import io.atolldb.router.auth.StaticCredentialStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A dev cluster started as {@code atoll dev --auth} does, driven by an unmodified DynamoDbClient: the admin key is
 * served, a wrong secret or an unknown key gets DynamoDB's error, {@code atoll admin} signs its requests, and a
 * second router over the same cluster with verification off (the default) accepts any credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignatureVerificationEndToEndTest {
    private static final String KEY_ID = "ATOLLTESTKEY23456789";
    private static final String SECRET = "test/secret+of+forty+characters/0123456";

    private DevCluster cluster;
    private RouterServer openRouter;

    @BeforeAll
    void startAClusterWithAuthenticationOn(@TempDir Path data) throws Exception {
        var admin = new Identity(KEY_ID, new SecretAccessKey(SECRET), AdminCredentials.ADMIN);
        cluster = DevCluster.start(data, "127.0.0.1", 0, new DevCluster.Options(1, 0, io.atolldb.metadata.scheduler.Mover.Settings.defaults()),
                new SigV4Verifier(new StaticCredentialStore(admin)), new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(60)).until(cluster::isReady);
        openRouter = RouterServer.start(new RouterConfig("127.0.0.1", 0, cluster.metadataAddresses(), "a"),
                new SimpleMeterRegistry());
    }

    @AfterAll
    void stop() {
        if (openRouter != null) {
            openRouter.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static DynamoDbClient client(String endpoint, String keyId, String secret) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .build();
    }

    @Test
    void theAdminKeyCreatesATableWritesAndReadsAnItem() {
        try (DynamoDbClient client = client(cluster.endpoint(), KEY_ID, SECRET)) {
            Dynamo.createTable(client, "signed");
            client.putItem(b -> b.tableName("signed").item(Map.of("id", AttributeValue.fromS("a"), "v", AttributeValue.fromN("1"))));
            assertThat(client.getItem(b -> b.tableName("signed").key(Map.of("id", AttributeValue.fromS("a"))).consistentRead(true))
                    .item()).containsEntry("v", AttributeValue.fromN("1"));
        }
    }

    @Test
    void aWrongSecretIsAnInvalidSignatureException() {
        try (DynamoDbClient client = client(cluster.endpoint(), KEY_ID, SECRET.replace('t', 'T'))) {
            assertThatThrownBy(client::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            });
        }
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClientException() {
        try (DynamoDbClient client = client(cluster.endpoint(), "dummy", "dummy")) {
            assertThatThrownBy(client::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
            });
        }
    }

    @Test
    void withVerificationOffAnyCredentialsWork() {
        try (DynamoDbClient client = client("http://127.0.0.1:" + openRouter.port(), "anything", "at all")) {
            assertThat(client.listTables().tableNames()).isNotNull();
        }
    }

    @Test
    void atollAdminSignsItsRequestsWithTheAdminKey() throws Exception {
        URI endpoint = URI.create(cluster.endpoint());
        var signed = new AdminClient(endpoint, Optional.of(new AdminClient.Credentials(KEY_ID, SECRET)));
        assertThat(signed.get("nodes").path("nodes").size()).isEqualTo(3);
        // A query with encoded JSON and a space is signed as the router decodes it.
        try (DynamoDbClient client = client(cluster.endpoint(), KEY_ID, SECRET)) {
            Dynamo.createTable(client, "admin-view");
            client.putItem(b -> b.tableName("admin-view").item(Map.of("id", AttributeValue.fromS("a b"))));
        }
        String key = java.net.URLEncoder.encode("{\"id\": {\"S\": \"a b\"}}", java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        assertThat(signed.get("item?table=admin-view&key=" + key).path("replicas").size()).isEqualTo(3);

        var unsigned = new AdminClient(endpoint, Optional.empty());
        assertThatThrownBy(() -> unsigned.get("nodes")).isInstanceOf(AdminClient.Failure.class)
                .hasMessageStartingWith("MissingAuthenticationTokenException: Request is missing Authentication Token");
        var wrongKey = new AdminClient(endpoint, Optional.of(new AdminClient.Credentials(KEY_ID, "wrong")));
        assertThatThrownBy(() -> wrongKey.get("nodes")).isInstanceOf(AdminClient.Failure.class)
                .hasMessageStartingWith("InvalidSignatureException: ");
    }
}
