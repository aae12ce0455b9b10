package io.atolldb.router.auth;

import static io.atolldb.router.auth.SigV4VerifierTest.ALICE;
import static io.atolldb.router.auth.SigV4VerifierTest.BODY;
import static io.atolldb.router.auth.SigV4VerifierTest.MISMATCH;
import static io.atolldb.router.auth.SigV4VerifierTest.NOW;
import static io.atolldb.router.auth.SigV4VerifierTest.signedGetItem;
import static io.atolldb.router.auth.SigV4VerifierTest.verifierAt;
import static io.atolldb.router.auth.SigV4VerifierTest.withBody;
import static io.atolldb.router.auth.SigV4VerifierTest.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * What a signature covers of the body, and the presigned form: the payload hash is checked against the body as
 * received, compressed or not (General Reference, "Create a canonical request": HashedPayload; x-amz-content-sha256),
 * and a presigned query string (General Reference, "Authentication methods": query parameters) verifies until it
 * expires, with the same errors as the header form.
 */
class PayloadAndPresignedTest {
    private final SigV4Verifier verifier = verifierAt(NOW);

    private void assertRefused(SignedRequest request, ErrorType type, String message) {
        SigV4VerifierTest.assertRefused(verifier, request, type, message);
    }

    @Test
    void aChangedBodyDoesNotMatchItsSignature() {
        // The SDK declares the body's hash in x-amz-content-sha256: the router checks it against the body received.
        assertRefused(withBody(signedGetItem(), BODY.replace("No One", "Someone")), ErrorType.InvalidSignatureException,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
        // A signer that declares nothing signs the body's hash, which the router computes from the body received.
        SdkHttpRequest undeclared = SdkSigner.signWithoutContentHashHeader(SdkSigner.apiRequest("GetItem", BODY).build(), NOW);
        assertThat(verifier.authenticate(SdkSigner.received(undeclared, BODY))).isEqualTo(ALICE);
        assertRefused(SdkSigner.received(undeclared, BODY.replace("No One", "Someone")), ErrorType.InvalidSignatureException,
                MISMATCH);
    }

    @Test
    void aGzipBodyIsVerifiedAsSentCompressed() throws IOException {
        // A client that compresses its request signs the compressed bytes (Content-Encoding: gzip); the router
        // decompresses only after verifying, so the signature is checked against the bytes on the wire.
        byte[] compressed = gzip(BODY);
        SdkHttpFullRequest request = SdkSigner.apiRequest("PutItem", BODY)
                .putHeader("Content-Encoding", "gzip")
                .putHeader("Content-Length", Integer.toString(compressed.length))
                .contentStreamProvider(ContentStreamProvider.fromByteArray(compressed)).build();

        SdkHttpRequest declared = SdkSigner.sign(request, NOW);
        assertThat(verifier.authenticate(SdkSigner.received(declared, compressed))).isEqualTo(ALICE);
        assertRefused(SdkSigner.received(declared, BODY), ErrorType.InvalidSignatureException,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");

        SdkHttpRequest undeclared = SdkSigner.signWithoutContentHashHeader(request, NOW);
        assertThat(verifier.authenticate(SdkSigner.received(undeclared, compressed))).isEqualTo(ALICE);
        assertRefused(SdkSigner.received(undeclared, BODY), ErrorType.InvalidSignatureException, MISMATCH);
    }

    @Test
    void anUnsignedPayloadLeavesTheBodyOutOfTheSignature() {
        // Over HTTPS a signer may choose not to sign the body (x-amz-content-sha256: UNSIGNED-PAYLOAD).
        SdkHttpFullRequest request = SdkSigner.apiRequest("GetItem", BODY).protocol("https").port(443).build();
        SdkHttpRequest signed = SdkSigner.sign(request, NOW, SdkSigner.KEY_ID, SdkSigner.SECRET,
                r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        assertThat(signed.firstMatchingHeader("x-amz-content-sha256")).contains(SigV4Verifier.UNSIGNED_PAYLOAD);
        assertThat(verifier.authenticate(SdkSigner.received(signed, "{\"another\":\"body\"}"))).isEqualTo(ALICE);
    }

    @Test
    void aDeclaredPayloadHashThatIsNotAHashIsRefused() {
        assertRefused(withHeader(signedGetItem(), "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
                ErrorType.InvalidSignatureException, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value.");
    }

    @Test
    void aPresignedRequestVerifiesUntilItExpires() {
        SdkHttpRequest presigned = SdkSigner.presign(SdkSigner.apiRequest("GetItem", BODY).build(), NOW, Duration.ofMinutes(5));
        SignedRequest received = SdkSigner.received(presigned, BODY);
        assertThat(received.header("authorization")).isNull();

        assertThat(verifierAt(NOW.plus(Duration.ofMinutes(5))).authenticate(received)).isEqualTo(ALICE);
        assertThatThrownBy(() -> verifierAt(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)).authenticate(received))
                .isInstanceOfSatisfying(DynamoException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.InvalidSignatureException);
                    assertThat(e.getMessage()).isEqualTo(
                            "Signature expired: 20260102T030405Z is now earlier than 20260102T030406Z (20260102T030906Z - 5 min.)");
                });
    }

    @Test
    void aPresignedQueryWithoutSomeParametersNamesThem() {
        SdkHttpRequest presigned = SdkSigner.presign(SdkSigner.apiRequest("GetItem", BODY).build(), NOW, Duration.ofMinutes(5));
        Map<String, List<String>> query = new HashMap<>(presigned.rawQueryParameters());
        query.remove("X-Amz-Date");
        query.remove("X-Amz-Expires");
        SignedRequest received = SdkSigner.received(presigned, BODY);
        assertRefused(new SignedRequest(received.method(), received.rawPath(), query, received.headers(), received.body()),
                ErrorType.IncompleteSignatureException, "AWS query-string parameters must include 'X-Amz-Date'. AWS"
                        + " query-string parameters must include 'X-Amz-Expires'. Re-examine the query-string parameters.");
    }

    @Test
    void aRequestSignedBothWaysIsRefused() {
        SdkHttpRequest presigned = SdkSigner.presign(SdkSigner.apiRequest("GetItem", BODY).build(), NOW, Duration.ofMinutes(5));
        SignedRequest both = withHeader(SdkSigner.received(presigned, BODY), "authorization",
                signedGetItem().header("authorization"));
        assertThatThrownBy(() -> verifier.authenticate(both)).isInstanceOfSatisfying(DynamoException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.IncompleteSignatureException));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
