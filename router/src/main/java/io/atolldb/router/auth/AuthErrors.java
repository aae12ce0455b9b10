package io.atolldb.router.auth;

import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every refusal of the verifier, worded as DynamoDB's front end words it, so that clients, SDK retry logic and
 * people searching for the message all see what they would see on AWS. The type decides the wire {@code __type}
 * and HTTP status through {@link ErrorType}, the one error mapping.
 */
final class AuthErrors {
    private AuthErrors() {}

    /** No Authorization header and no presigned query string. */
    static DynamoException missingToken() {
        return new DynamoException(ErrorType.MissingAuthenticationTokenException, "Request is missing Authentication Token");
    }

    /**
     * An Authorization header without some of its parts: one sentence per missing part, in AWS's order, then the
     * header as received.
     */
    static DynamoException headerIncomplete(List<String> missingParameters, boolean missingDate, String authorization) {
        StringBuilder message = new StringBuilder();
        for (String parameter : missingParameters) {
            message.append("Authorization header requires '").append(parameter).append("' parameter. ");
        }
        if (missingDate) {
            message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        message.append("Authorization=").append(authorization);
        return incomplete(message.toString());
    }

    /** A presigned query string without some of its parameters. */
    static DynamoException queryIncomplete(List<String> missingParameters) {
        StringBuilder message = new StringBuilder();
        for (String parameter : missingParameters) {
            message.append("AWS query-string parameters must include '").append(parameter).append("'. ");
        }
        return incomplete(message.append("Re-examine the query-string parameters.").toString());
    }

    static DynamoException incomplete(String message) {
        return new DynamoException(ErrorType.IncompleteSignatureException, message);
    }

    static DynamoException badDate(String value) {
        return incomplete("Date must be in ISO-8601 'basic format'. Got '" + value + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    static DynamoException badCredential(String credential) {
        return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                + credential + "'");
    }

    static DynamoException hostNotSigned() {
        return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    /** The signature does not match what the server computed with the key's secret. */
    static DynamoException signatureMismatch() {
        return invalid("The request signature we calculated does not match the signature you provided. Check your AWS"
                + " Secret Access Key and signing method. Consult the service documentation for details.");
    }

    static DynamoException contentHashMismatch() {
        return invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    static DynamoException badContentHash() {
        return invalid("x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value.");
    }

    static DynamoException wrongTerminator(String terminator) {
        return invalid("Credential should be scoped with a valid terminator: 'aws4_request', not '" + terminator + "'. ");
    }

    static DynamoException wrongService(String expected) {
        return invalid("Credential should be scoped to correct service: '" + expected + "'. ");
    }

    static DynamoException wrongRegion(String region) {
        return invalid("Credential should be scoped to a valid region, not '" + region + "'. ");
    }

    static DynamoException scopeDateMismatch(String scopeDate, SigningTime time) {
        return invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                + scopeDate + "' != '" + time.day() + "', from '" + time.basic() + "'.");
    }

    /** Signed more than {@code window} ago: "Signature expired: T is now earlier than now-15 (now - 15 min.)". */
    static DynamoException expired(SigningTime time, Instant now, Duration window) {
        return invalid("Signature expired: " + time.basic() + " is now earlier than " + SigningTime.basic(now.minus(window))
                + " (" + SigningTime.basic(now) + " - " + span(window) + ".)");
    }

    /** Signed more than {@code window} in the future, by the server's clock. */
    static DynamoException notYetCurrent(SigningTime time, Instant now, Duration window) {
        return invalid("Signature not yet current: " + time.basic() + " is still later than " + SigningTime.basic(now.plus(window))
                + " (" + SigningTime.basic(now) + " + " + span(window) + ".)");
    }

    /**
     * An access key id no identity has, or a session token (temporary credentials from STS, which no identity
     * here has): DynamoDB answers both alike.
     */
    static DynamoException unrecognizedClient() {
        return new DynamoException(ErrorType.UnrecognizedClientException, "The security token included in the request is invalid.");
    }

    private static DynamoException invalid(String message) {
        return new DynamoException(ErrorType.InvalidSignatureException, message);
    }

    private static String span(Duration window) {
        return window.toSecondsPart() == 0 && window.toMinutes() > 0 ? window.toMinutes() + " min" : window.toSeconds() + " sec";
    }
}
