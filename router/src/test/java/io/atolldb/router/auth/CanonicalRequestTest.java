package io.atolldb.router.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The canonical request's corner cases, after the cases of AWS's Signature Version 4 test suite (vanilla, query
 * order, unreserved and UTF-8 characters, relative and repeated slashes, header trimming and repeated headers):
 * each request is signed by the AWS SDK for Java v2 and must verify as it would arrive at the router.
 */
class CanonicalRequestTest {
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
    private final SigV4Verifier verifier = SigV4VerifierTest.verifierAt(SIGNED_AT);

    private static SdkHttpFullRequest.Builder get(String encodedPath) {
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).protocol("http").host("example.amazonaws.com")
                .encodedPath(encodedPath);
    }

    static Stream<Named<SdkHttpFullRequest>> suite() {
        return Stream.of(
                Named.of("get-vanilla", get("/").build()),
                Named.of("get-vanilla-empty-path", get("").build()),
                Named.of("get-vanilla-query-order-key-case", get("/")
                        .appendRawQueryParameter("Param2", "value2").appendRawQueryParameter("Param1", "value1").build()),
                Named.of("get-vanilla-query-order-value", get("/")
                        .appendRawQueryParameter("Param1", "value2").appendRawQueryParameter("Param1", "value1").build()),
                Named.of("get-vanilla-query-unreserved", get("/").appendRawQueryParameter(
                        "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                        "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz").build()),
                Named.of("get-vanilla-utf8-query", get("/").appendRawQueryParameter("\u1234", "bar").build()),
                Named.of("get-vanilla-empty-query-value", get("/").appendRawQueryParameter("Param1", "").build()),
                Named.of("post-vanilla-query-nonunreserved", get("/").method(SdkHttpMethod.POST)
                        .appendRawQueryParameter("@#$%^&+", "/,?><`\";:\\|][{} =").build()),
                Named.of("get-utf8", get("/%E1%88%B4").build()),
                Named.of("get-space", get("/example%20space/").build()),
                Named.of("get-relative", get("/example/..").build()),
                Named.of("get-relative-relative", get("/example1/example2/../..").build()),
                Named.of("get-slash", get("//").build()),
                Named.of("get-slashes", get("//example//").build()),
                Named.of("get-slash-dot-slash", get("/./").build()),
                Named.of("get-slash-pointless-dot", get("/./example").build()),
                Named.of("get-trailing-dot", get("/example/.").build()),
                Named.of("get-header-value-trim", get("/").putHeader("My-Header1", " value1 ")
                        .putHeader("My-Header2", "\"a   b   c\"").build()),
                Named.of("get-header-value-multiline", get("/").putHeader("My-Header1", "value1\n  value2\n     value3").build()),
                Named.of("get-header-key-duplicate", get("/").appendHeader("My-Header1", "value4")
                        .appendHeader("My-Header1", "value1").appendHeader("My-Header1", "value3").build()),
                Named.of("post-x-www-form-urlencoded", get("/").method(SdkHttpMethod.POST)
                        .putHeader("Content-Type", "application/x-www-form-urlencoded")
                        .contentStreamProvider(ContentStreamProvider.fromUtf8String("Param1=value1")).build()));
    }

    @ParameterizedTest
    @MethodSource("suite")
    void everyTestSuiteRequestSignedByTheSdkVerifies(SdkHttpFullRequest request) {
        byte[] body = request.contentStreamProvider().map(ContentStreamProvider::newStream)
                .map(stream -> {
                    try (stream) {
                        return stream.readAllBytes();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).orElse(new byte[0]);
        SdkHttpRequest signed = SdkSigner.signWithoutContentHashHeader(request, SIGNED_AT);
        assertThat(verifier.authenticate(SdkSigner.received(signed, body))).isEqualTo(SigV4VerifierTest.ALICE);
        SdkHttpRequest declared = SdkSigner.sign(request, SIGNED_AT);
        assertThat(verifier.authenticate(SdkSigner.received(declared, body))).isEqualTo(SigV4VerifierTest.ALICE);
    }

    @Test
    void aKnownRequestHasTheSignatureTheSdkComputesAndNoOther() {
        // get-vanilla-query-order-key-case at 20150830T123600Z with the suite's example key.
        SdkHttpFullRequest request = get("/").appendRawQueryParameter("Param2", "value2")
                .appendRawQueryParameter("Param1", "value1").build();
        SdkHttpRequest signed = SdkSigner.signWithoutContentHashHeader(request, SIGNED_AT);
        String authorization = signed.firstMatchingHeader("Authorization").orElseThrow();
        String signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
        assertThat(signature).matches("[0-9a-f]{64}");
        assertThat(verifier.authenticate(SdkSigner.received(signed, new byte[0]))).isEqualTo(SigV4VerifierTest.ALICE);

        // Every other signature is refused, one changed hex digit included.
        char last = signature.charAt(63);
        String altered = authorization.substring(0, authorization.length() - 1) + (last == '0' ? '1' : '0');
        SignedRequest received = SdkSigner.received(signed, new byte[0]);
        Map<String, List<String>> headers = new HashMap<>(received.headers());
        headers.put("authorization", List.of(altered));
        assertThatThrownBy(() -> verifier.authenticate(new SignedRequest(received.method(), received.rawPath(),
                received.query(), headers, received.body())))
                .isInstanceOfSatisfying(DynamoException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.InvalidSignatureException));
    }

    @Test
    void uriEncodingLeavesOnlyUnreservedCharactersAndWritesUtf8BytesInUpperCaseHex() {
        assertThat(CanonicalRequest.encode("a-b_c.d~e f+g/h\u00e9", false)).isEqualTo("a-b_c.d~e%20f%2Bg%2Fh%C3%A9");
        assertThat(CanonicalRequest.encode("/a b/c%2F", true)).isEqualTo("/a%20b/c%252F");
    }

    @Test
    void theSigningKeyCacheStaysBounded() {
        SigningKeys keys = new SigningKeys();
        SecretAccessKey secret = new SecretAccessKey("secret");
        for (int i = 0; i <= SigningKeys.MAX_KEYS; i++) {
            keys.key(secret, new Credential("AKID", Integer.toString(20000000 + i), "us-east-1", "dynamodb", "aws4_request"));
        }
        assertThat(keys.size()).isBetween(1, SigningKeys.MAX_KEYS);
        byte[] first = keys.key(secret, new Credential("AKID", "20260102", "us-east-1", "dynamodb", "aws4_request"));
        assertThat(keys.key(secret, new Credential("AKID", "20260102", "us-east-1", "dynamodb", "aws4_request")))
                .isSameAs(first);
    }
}
