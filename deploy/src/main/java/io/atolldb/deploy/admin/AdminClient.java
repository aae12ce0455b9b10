package io.atolldb.deploy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atolldb.router.api.DynamoApi;
import io.atolldb.router.auth.AdminCredentials;
import io.atolldb.router.auth.SigV4Verifier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's HTTP calls to a router's {@code /atoll/admin/} requests, JSON in and out. When credentials are
 * given they are signed with AWS Signature Version 4 by the AWS SDK's signer (service "dynamodb", the router's
 * region), which a router started with {@code --auth} requires; without, they go unsigned, which any other router
 * accepts.
 */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers java.net.http sets itself, to the values the signer saw. */
    private static final Set<String> SET_BY_HTTP_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** An access key to sign with. Its {@link #toString()} never shows the secret. */
    public record Credentials(String accessKeyId, String secretAccessKey) {
        /**
         * The admin key from {@code ATOLL_ADMIN_ACCESS_KEY_ID} and {@code ATOLL_ADMIN_SECRET_ACCESS_KEY}, else from
         * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}; empty when neither pair is set.
         */
        public static Optional<Credentials> fromEnvironment(Map<String, String> environment) {
            return pair(environment, AdminCredentials.ACCESS_KEY_ID_ENV, AdminCredentials.SECRET_ACCESS_KEY_ENV)
                    .or(() -> pair(environment, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"));
        }

        private static Optional<Credentials> pair(Map<String, String> environment, String keyId, String secret) {
            String id = environment.get(keyId);
            String key = environment.get(secret);
            return id == null || key == null || id.isBlank() || key.isBlank()
                    ? Optional.empty() : Optional.of(new Credentials(id.trim(), key.trim()));
        }

        @Override
        public String toString() {
            return "Credentials[" + accessKeyId + ", secret redacted]";
        }
    }

    /** A request the cluster refused or could not answer, with the reason to print. */
    public static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private final URI endpoint;
    private final Optional<Credentials> credentials;

    public AdminClient(URI endpoint, Optional<Credentials> credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** GET {@code /atoll/admin/<pathAndQuery>}, the query already encoded. */
    public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        return send("GET", endpoint.resolve("/atoll/admin/" + pathAndQuery));
    }

    /** POST {@code /atoll/admin/<pathAndQuery>} without a body. */
    public JsonNode post(String pathAndQuery) throws IOException, InterruptedException {
        return send("POST", endpoint.resolve("/atoll/admin/" + pathAndQuery));
    }

    private JsonNode send(String method, URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30));
        credentials.ifPresent(key -> sign(method, uri, key).forEachHeader((name, values) -> {
            if (!SET_BY_HTTP_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        }));
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                String error = body.path("error").asText("HTTP " + response.statusCode());
                throw new Failure(credentials.isEmpty() && response.statusCode() == 400
                        ? error + " (the router verifies signatures: set " + AdminCredentials.ACCESS_KEY_ID_ENV + " and "
                                + AdminCredentials.SECRET_ACCESS_KEY_ENV + ")"
                        : error);
            }
            return body;
        } catch (ConnectException e) {
            throw new Failure("no router answers at " + endpoint + " (is the cluster running? --endpoint)");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Failure(endpoint + " does not answer admin requests: is it an AtollDB router?");
        }
    }

    /** The request as the SDK's SigV4 signer signs it now: the headers to send (Authorization, X-Amz-Date, ...). */
    private static SdkHttpRequest sign(String method, URI uri, Credentials key) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri).build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SigV4Verifier.SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, DynamoApi.DEFAULT_REGION)).request();
    }
}
