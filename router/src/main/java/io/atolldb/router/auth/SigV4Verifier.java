package io.atolldb.router.auth;

import io.atolldb.router.api.DynamoApi;
import io.atolldb.router.api.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Verifies AWS Signature Version 4 as DynamoDB does, on the request exactly as it arrived (body still compressed,
 * path still encoded), in this order, each failure answered with DynamoDB's error:
 *
 * <ol>
 *   <li>a signature is present: an Authorization header or a presigned query string, not both
 *       (MissingAuthenticationTokenException, IncompleteSignatureException);</li>
 *   <li>it has every part, and the Host header is signed (IncompleteSignatureException);</li>
 *   <li>its credential scope ends in aws4_request, names this service and this router's region, and its day is
 *       the signing time's (InvalidSignatureException);</li>
 *   <li>it was signed within {@link #CLOCK_SKEW} of the server's clock, and a presigned request has not expired
 *       (InvalidSignatureException);</li>
 *   <li>its access key id is known and it carries no session token (UnrecognizedClientException);</li>
 *   <li>a declared x-amz-content-sha256 is the body's hash or UNSIGNED-PAYLOAD (InvalidSignatureException);</li>
 *   <li>the signature is HMAC-SHA256 of the string to sign under the key's signing key, compared in constant time
 *       (InvalidSignatureException).</li>
 * </ol>
 *
 * The body is hashed only once the key is known, so unsigned traffic costs no hashing; signing keys are cached
 * ({@link SigningKeys}). A signature is not remembered: the same signed request may be replayed within the
 * clock-skew window, as on AWS (TLS, not the signature, protects against capture).
 */
public final class SigV4Verifier implements Authenticator {
    /** DynamoDB's signing name, the service of every credential scope it accepts. */
    public static final String SERVICE = "dynamodb";
    /** How far a signing time may be from the server's clock, either way. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(15);
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final CredentialStore credentials;
    private final String region;
    private final Clock clock;
    private final SigningKeys signingKeys = new SigningKeys();

    public SigV4Verifier(CredentialStore credentials, String region, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Verifies against {@code credentials} for the router's region ({@value DynamoApi#DEFAULT_REGION}) by the system clock. */
    public SigV4Verifier(CredentialStore credentials) {
        this(credentials, DynamoApi.DEFAULT_REGION, Clock.systemUTC());
    }

    @Override
    public boolean verifiesSignatures() {
        return true;
    }

    @Override
    public Principal authenticate(SignedRequest request) {
        String authorization = request.header("authorization");
        boolean presigned = SignatureClaim.isPresigned(request);
        if (authorization == null && !presigned) {
            throw AuthErrors.missingToken();
        }
        if (authorization != null && presigned) {
            throw AuthErrors.incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                    + "Signature query string parameter or the Authorization header should be specified");
        }
        SignatureClaim claim = presigned ? SignatureClaim.fromQuery(request) : SignatureClaim.fromHeader(authorization, request);
        checkScope(claim);
        checkTime(claim);
        if (request.header("x-amz-security-token") != null || request.queryParameter("X-Amz-Security-Token") != null) {
            throw AuthErrors.unrecognizedClient();
        }
        Identity identity = credentials.find(claim.credential().accessKeyId()).orElseThrow(AuthErrors::unrecognizedClient);
        String canonical = CanonicalRequest.of(request, claim, payloadHash(request));
        byte[] expected = HEX.formatHex(SigningKeys.hmac(signingKeys.key(identity.secret(), claim.credential()),
                CanonicalRequest.stringToSign(claim, canonical))).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, claim.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw AuthErrors.signatureMismatch();
        }
        return identity.principal();
    }

    private void checkScope(SignatureClaim claim) {
        Credential credential = claim.credential();
        if (!Credential.TERMINATOR.equals(credential.terminator())) {
            throw AuthErrors.wrongTerminator(credential.terminator());
        }
        if (!SERVICE.equals(credential.service())) {
            throw AuthErrors.wrongService(SERVICE);
        }
        if (!region.equals(credential.region())) {
            throw AuthErrors.wrongRegion(credential.region());
        }
        if (!credential.day().equals(claim.time().day())) {
            throw AuthErrors.scopeDateMismatch(credential.day(), claim.time());
        }
    }

    private void checkTime(SignatureClaim claim) {
        Instant now = clock.instant();
        Instant signed = claim.time().instant();
        if (signed.isAfter(now.plus(CLOCK_SKEW))) {
            throw AuthErrors.notYetCurrent(claim.time(), now, CLOCK_SKEW);
        }
        Duration validity = claim.presigned() ? claim.expires() : CLOCK_SKEW;
        if (signed.isBefore(now.minus(validity))) {
            throw AuthErrors.expired(claim.time(), now, validity);
        }
    }

    /**
     * The payload hash line: the declared x-amz-content-sha256 (UNSIGNED-PAYLOAD leaves the body out of the
     * signature, as the signer chose), checked against the body when it is a hash; else the body's own hash.
     */
    private static String payloadHash(SignedRequest request) {
        String declared = request.header("x-amz-content-sha256");
        if (declared == null) {
            declared = request.queryParameter("X-Amz-Content-Sha256");
        }
        if (declared == null) {
            return CanonicalRequest.sha256Hex(request.body());
        }
        if (declared.equals(UNSIGNED_PAYLOAD)) {
            return declared;
        }
        if (!SHA256_HEX.matcher(declared).matches()) {
            throw AuthErrors.badContentHash();
        }
        if (!CanonicalRequest.sha256Hex(request.body()).equalsIgnoreCase(declared)) {
            throw AuthErrors.contentHashMismatch();
        }
        return declared;
    }
}
