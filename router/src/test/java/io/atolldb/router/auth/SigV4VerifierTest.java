package io.atolldb.router.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.api.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * SigV4 verification held to the AWS SDK for Java v2's signer: what it signs verifies, and every way a request
 * can differ from what was signed gets the error DynamoDB answers (API Reference, "Common Errors"; General
 * Reference, "Signature Version 4 signing process").
 */
class SigV4VerifierTest {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final Principal ALICE = new Principal("arn:aws:iam::000000000000:user/alice", false);
    static final String BODY = "{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"No One You Know\"}}}";

    private final SigV4Verifier verifier = verifierAt(NOW);

    static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(new StaticCredentialStore(new Identity(SdkSigner.KEY_ID,
                new SecretAccessKey(SdkSigner.SECRET), ALICE)), "us-east-1", Clock.fixed(now, ZoneOffset.UTC));
    }

    static SignedRequest signedGetItem() {
        return SdkSigner.received(SdkSigner.sign(SdkSigner.apiRequest("GetItem", BODY).build(), NOW), BODY);
    }

    private void assertRefused(SignedRequest request, ErrorType type, String message) {
        assertRefused(verifier, request, type, message);
    }

    static void assertRefused(Authenticator verifier, SignedRequest request, ErrorType type, String message) {
        assertThatThrownBy(() -> verifier.authenticate(request))
                .isInstanceOfSatisfying(DynamoException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, List<String>> headers = new HashMap<>(request.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, List.of(value));
        }
        return new SignedRequest(request.method(), request.rawPath(), request.query(), headers, request.body());
    }

    static SignedRequest withBody(SignedRequest request, String body) {
        return new SignedRequest(request.method(), request.rawPath(), request.query(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRequestSignedByTheSdkVerifiesAsThePrincipalOfItsKey() {
        assertThat(verifier.authenticate(signedGetItem())).isEqualTo(ALICE);
    }

    @Test
    void aChangedSignedHeaderDoesNotMatchItsSignature() {
        assertRefused(withHeader(signedGetItem(), "x-amz-target", "DynamoDB_20120810.DeleteItem"),
                ErrorType.InvalidSignatureException, MISMATCH);
    }

    @Test
    void aSignedHeaderMissingFromTheRequestDoesNotMatchItsSignature() {
        assertRefused(withHeader(signedGetItem(), "content-type", null), ErrorType.InvalidSignatureException, MISMATCH);
    }

    @Test
    void anUnsignedHeaderMayChange() {
        assertThat(verifier.authenticate(withHeader(signedGetItem(), "user-agent", "another/1.0"))).isEqualTo(ALICE);
    }

    @Test
    void anAddedQueryParameterDoesNotMatchItsSignature() {
        SignedRequest signed = signedGetItem();
        assertRefused(new SignedRequest(signed.method(), signed.rawPath(), Map.of("extra", List.of("1")), signed.headers(),
                signed.body()), ErrorType.InvalidSignatureException, MISMATCH);
    }

    @Test
    void aRequestSignedWithAnotherSecretDoesNotMatch() {
        SdkHttpRequest signed = SdkSigner.sign(SdkSigner.apiRequest("GetItem", BODY).build(), NOW, SdkSigner.KEY_ID,
                "not-the-secret", r -> {});
        assertRefused(SdkSigner.received(signed, BODY), ErrorType.InvalidSignatureException, MISMATCH);
    }

    @Test
    void anUnknownAccessKeyIdIsAnUnrecognizedClient() {
        SdkHttpRequest signed = SdkSigner.sign(SdkSigner.apiRequest("GetItem", BODY).build(), NOW, "AKIDUNKNOWN",
                SdkSigner.SECRET, r -> {});
        assertRefused(SdkSigner.received(signed, BODY), ErrorType.UnrecognizedClientException,
                "The security token included in the request is invalid.");
    }

    @Test
    void aSessionTokenIsUnrecognizedSinceNoIdentityHereHasOne() {
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(SdkSigner.KEY_ID, SdkSigner.SECRET, "session-token"))
                .request(SdkSigner.apiRequest("GetItem", BODY).build())
                .payload(ContentStreamProvider.fromUtf8String(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))).request();
        assertRefused(SdkSigner.received(signed, BODY), ErrorType.UnrecognizedClientException,
                "The security token included in the request is invalid.");
    }

    @Test
    void aRequestWithoutAnySignatureIsMissingItsAuthenticationToken() {
        assertRefused(withHeader(signedGetItem(), "authorization", null), ErrorType.MissingAuthenticationTokenException,
                "Request is missing Authentication Token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Credential", "SignedHeaders", "Signature"})
    void anAuthorizationHeaderWithoutOneOfItsPartsNamesThePartAndEchoesTheHeader(String part) {
        String complete = signedGetItem().header("authorization");
        String incomplete = complete.replaceAll(part + "=[^,]*(, )?", "").replaceAll(", $", "");
        assertThat(incomplete).doesNotContain(part + "=");
        assertRefused(withHeader(signedGetItem(), "authorization", incomplete), ErrorType.IncompleteSignatureException,
                "Authorization header requires '" + part + "' parameter. Authorization=" + incomplete);
    }

    @Test
    void anAuthorizationHeaderOfAnotherSchemeListsEveryMissingPart() {
        SignedRequest basic = withHeader(withHeader(signedGetItem(), "authorization", "Basic YWRtaW46YWRtaW4="), "x-amz-date", null);
        assertRefused(basic, ErrorType.IncompleteSignatureException,
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter."
                        + " Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence"
                        + " of either a 'X-Amz-Date' or a 'Date' header. Authorization=Basic YWRtaW46YWRtaW4=");
    }

    @Test
    void aSignatureWithoutADateIsIncomplete() {
        String authorization = signedGetItem().header("authorization");
        assertRefused(withHeader(signedGetItem(), "x-amz-date", null), ErrorType.IncompleteSignatureException,
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization="
                        + authorization);
    }

    @Test
    void aDateNotInIsoBasicFormatIsIncomplete() {
        assertRefused(withHeader(signedGetItem(), "x-amz-date", "2026-01-02T03:04:05Z"), ErrorType.IncompleteSignatureException,
                "Date must be in ISO-8601 'basic format'. Got '2026-01-02T03:04:05Z'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void aCredentialWithoutItsFiveElementsIsIncomplete() {
        String authorization = signedGetItem().header("authorization").replace("/aws4_request", "");
        assertRefused(withHeader(signedGetItem(), "authorization", authorization), ErrorType.IncompleteSignatureException,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                        + SdkSigner.KEY_ID + "/20260102/us-east-1/dynamodb'");
    }

    @Test
    void theHostHeaderMustBeSigned() {
        String authorization = signedGetItem().header("authorization").replace(";host;", ";");
        assertRefused(withHeader(signedGetItem(), "authorization", authorization), ErrorType.IncompleteSignatureException,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void aSignatureMoreThanFifteenMinutesOldHasExpired() {
        Instant signedAt = NOW.minus(Duration.ofMinutes(16));
        SignedRequest old = SdkSigner.received(SdkSigner.sign(SdkSigner.apiRequest("GetItem", BODY).build(), signedAt), BODY);
        assertRefused(old, ErrorType.InvalidSignatureException,
                "Signature expired: 20260102T024805Z is now earlier than 20260102T024905Z (20260102T030405Z - 15 min.)");
    }

    @Test
    void aSignatureMoreThanFifteenMinutesAheadIsNotYetCurrent() {
        Instant signedAt = NOW.plus(Duration.ofMinutes(16));
        SignedRequest early = SdkSigner.received(SdkSigner.sign(SdkSigner.apiRequest("GetItem", BODY).build(), signedAt), BODY);
        assertRefused(early, ErrorType.InvalidSignatureException,
                "Signature not yet current: 20260102T032005Z is still later than 20260102T031905Z (20260102T030405Z + 15 min.)");
    }

    @Test
    void withoutXAmzDateTheHttpDateHeaderIsTheSigningTime() {
        // The SDKs always send X-Amz-Date; SigV4 also accepts the Date header, read as RFC 1123 and checked alike.
        SignedRequest dated = withHeader(withHeader(signedGetItem(), "x-amz-date", null), "date", "Fri, 02 Jan 2026 02:48:05 GMT");
        assertRefused(dated, ErrorType.InvalidSignatureException,
                "Signature expired: 20260102T024805Z is now earlier than 20260102T024905Z (20260102T030405Z - 15 min.)");
        assertRefused(withHeader(dated, "date", "yesterday"), ErrorType.IncompleteSignatureException,
                "Date must be in ISO-8601 'basic format'. Got 'yesterday'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void clocksFifteenMinutesApartEitherWayAreTolerated() {
        for (Duration skew : List.of(Duration.ofMinutes(15), Duration.ofMinutes(-15))) {
            SignedRequest skewed = SdkSigner.received(SdkSigner.sign(SdkSigner.apiRequest("GetItem", BODY).build(),
                    NOW.plus(skew)), BODY);
            assertThat(verifier.authenticate(skewed)).as("signed %s from now", skew).isEqualTo(ALICE);
        }
    }

    @Test
    void aCredentialScopedToAnotherRegionIsRefusedNamingThatRegion() {
        SdkHttpRequest signed = SdkSigner.sign(SdkSigner.apiRequest("GetItem", BODY).build(), NOW, SdkSigner.KEY_ID,
                SdkSigner.SECRET, r -> r.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1"));
        assertRefused(SdkSigner.received(signed, BODY), ErrorType.InvalidSignatureException,
                "Credential should be scoped to a valid region, not 'eu-west-1'. ");
    }

    @Test
    void aCredentialScopedToAnotherServiceIsRefusedNamingDynamoDb() {
        SdkHttpRequest signed = SdkSigner.sign(SdkSigner.apiRequest("GetItem", BODY).build(), NOW, SdkSigner.KEY_ID,
                SdkSigner.SECRET, r -> r.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3"));
        assertRefused(SdkSigner.received(signed, BODY), ErrorType.InvalidSignatureException,
                "Credential should be scoped to correct service: 'dynamodb'. ");
    }

    @Test
    void aCredentialScopeWithAnotherTerminatorIsRefused() {
        String authorization = signedGetItem().header("authorization").replace("/aws4_request", "/aws5_request");
        assertRefused(withHeader(signedGetItem(), "authorization", authorization), ErrorType.InvalidSignatureException,
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ");
    }

    @Test
    void aCredentialScopeOfAnotherDayThanTheSigningTimeIsRefused() {
        String authorization = signedGetItem().header("authorization").replace("/20260102/", "/20260101/");
        assertRefused(withHeader(signedGetItem(), "authorization", authorization), ErrorType.InvalidSignatureException,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260101' !="
                        + " '20260102', from '20260102T030405Z'.");
    }
}
