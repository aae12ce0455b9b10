package io.atolldb.router.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with the AWS SDK for Java v2's own SigV4 signer, the reference the verifier is held to, and turns
 * them into {@link SignedRequest}s as the router would receive them.
 */
public final class SdkSigner {
    public static final String KEY_ID = "AKIDEXAMPLE";
    public static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private SdkSigner() {}

    /** A DynamoDB API request as the SDK builds one: POST / with its target and JSON body. */
    public static SdkHttpFullRequest.Builder apiRequest(String target, String json) {
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).protocol("http").host("127.0.0.1").port(8000)
                .encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810." + target)
                .putHeader("Content-Length", Integer.toString(json.getBytes(StandardCharsets.UTF_8).length))
                .contentStreamProvider(ContentStreamProvider.fromUtf8String(json));
    }

    /** Signs {@code request} (its body included) with the example key at {@code at}, region us-east-1, service dynamodb. */
    public static SdkHttpRequest sign(SdkHttpFullRequest request, Instant at) {
        return sign(request, at, KEY_ID, SECRET, options -> {});
    }

    public static SdkHttpRequest sign(SdkHttpFullRequest request, Instant at, String keyId, String secret,
                               Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(keyId, secret))
                    .request(request)
                    .payload(request.contentStreamProvider().orElse(null))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
            options.accept(r);
        }).request();
    }

    /**
     * Signs {@code request} with the SDK's earlier signer (Aws4Signer), which, like boto3 and most other clients of
     * DynamoDB, sends no x-amz-content-sha256 header: the verifier must hash the body itself.
     */
    @SuppressWarnings("deprecation")
    public static SdkHttpRequest signWithoutContentHashHeader(SdkHttpFullRequest request, Instant at) {
        SdkHttpFullRequest signed = software.amazon.awssdk.auth.signer.Aws4Signer.create().sign(request,
                software.amazon.awssdk.auth.signer.params.Aws4SignerParams.builder()
                        .awsCredentials(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(KEY_ID, SECRET))
                        .signingName("dynamodb")
                        .signingRegion(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC))
                        .build());
        if (signed.firstMatchingHeader("x-amz-content-sha256").isPresent()) {
            throw new IllegalStateException("this signer was expected to send no x-amz-content-sha256");
        }
        return signed;
    }

    /** Signs {@code request} as a presigned URL valid for {@code expires}. */
    public static SdkHttpRequest presign(SdkHttpFullRequest request, Instant at, Duration expires) {
        return sign(request, at, KEY_ID, SECRET, r -> r
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires));
    }

    /** What the router sees of {@code signed} when it arrives with {@code body}. */
    public static SignedRequest received(SdkHttpRequest signed, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        return new SignedRequest(signed.method().name(), signed.encodedPath(), signed.rawQueryParameters(), headers, body);
    }

    public static SignedRequest received(SdkHttpRequest signed, String body) {
        return received(signed, body.getBytes(StandardCharsets.UTF_8));
    }
}
