package io.atolldb.chaos.workload;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;

/** AWS SDK clients for chaos runs: no SDK retries (one request is one recorded operation), a hard timeout. */
public final class Clients {
    private Clients() {
    }

    /**
     * A client of {@code endpoint} whose every call gives up after {@code timeout} (its outcome is then
     * unknown), with enough pooled connections for {@code concurrency} callers.
     */
    public static DynamoDbClient dynamo(String endpoint, Duration timeout, int concurrency) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("chaos", "chaos")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(Math.max(8, 2 * concurrency))
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(timeout))
                .build();
    }
}
