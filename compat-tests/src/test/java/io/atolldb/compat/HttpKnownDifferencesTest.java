package io.atolldb.compat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Each accepted HTTP difference accepts its own case and nothing next to it. */
class HttpKnownDifferencesTest {
    private static final HttpCase LIST = HttpCase.post("a success", "ListTables", "{}");
    private static final HttpCase ERROR = HttpCase.post("an error", "DescribeTable", "{}");

    /** An answer of DynamoDB shape: a JSON success with every header a client relies on. */
    private static HttpAnswer answer(String... changes) {
        Map<String, String> fields = new TreeMap<>(Map.of("status", "200", "type", "-",
                "content-type", "application/x-amz-json-1.0", "content-encoding", "-",
                "x-amz-crc32", "matches the body as sent", "x-amzn-RequestId", "present", "server", "present", "date", "RFC 1123"));
        for (String cors : List.of("access-control-allow-origin", "access-control-expose-headers", "access-control-allow-methods",
                "access-control-allow-headers", "access-control-max-age")) {
            fields.put(cors, "-");
        }
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        return new HttpAnswer(fields, 100);
    }

    @Test
    void aMissingChecksumIsAcceptedOnErrorsOnly() {
        assertThat(HttpKnownDifferences.explaining(ERROR, answer("status", "400", "type", "ResourceNotFoundException"),
                answer("status", "400", "type", "ResourceNotFoundException", "x-amz-crc32", "-"))).contains(List.of("x-amz-crc32 on errors"));
        assertThat(HttpKnownDifferences.explaining(LIST, answer(), answer("x-amz-crc32", "-"))).isEmpty();
        assertThat(HttpKnownDifferences.explaining(ERROR, answer("status", "400", "x-amz-crc32", "WRONG 1"),
                answer("status", "400", "x-amz-crc32", "-"))).isEmpty();
    }

    @Test
    void missingCorsHeadersAreAcceptedOnlyForRequestsWithAnOrigin() {
        HttpAnswer allowed = answer("access-control-allow-origin", "*", "access-control-expose-headers", HttpKnownDifferences.EXPOSED_HEADERS);
        assertThat(HttpKnownDifferences.explaining(LIST.with("Origin", "http://a"), allowed, answer())).contains(List.of("CORS answers"));
        assertThat(HttpKnownDifferences.explaining(LIST, allowed, answer())).isEmpty();
        assertThat(HttpKnownDifferences.explaining(LIST.with("Origin", "http://a"),
                answer("access-control-allow-origin", "http://a", "access-control-expose-headers", HttpKnownDifferences.EXPOSED_HEADERS),
                answer())).isEmpty();
    }

    @Test
    void thePreflightMaxAgeMayDifferOnlyFromTwentyDaysToTwo() {
        HttpCase preflight = HttpCase.options("preflight");
        assertThat(HttpKnownDifferences.explaining(preflight, answer("access-control-max-age", "172800"),
                answer("access-control-max-age", "1728000"))).contains(List.of("preflight Max-Age"));
        assertThat(HttpKnownDifferences.explaining(preflight, answer("access-control-max-age", "172800"),
                answer("access-control-max-age", "600"))).isEmpty();
    }

    @Test
    void internalFailureStandsForInternalServerErrorButNotForAnyOtherType() {
        assertThat(HttpKnownDifferences.explaining(LIST, answer("status", "500", "type", "InternalServerError"),
                answer("status", "500", "type", "InternalFailure"))).contains(List.of("InternalServerError"));
        assertThat(HttpKnownDifferences.explaining(LIST, answer("status", "400", "type", "ValidationException"),
                answer("status", "500", "type", "InternalFailure"))).isEmpty();
    }

    @Test
    void aRequestWithoutTargetIsAnUnknownOperationWhereDynamoDbLocalFails() {
        HttpCase noTarget = HttpCase.post("no target", null, "{}");
        HttpAnswer unknown = answer("status", "400", "type", "UnknownOperationException");
        assertThat(HttpKnownDifferences.explaining(noTarget, unknown, answer("status", "500", "type", "InternalFailure")))
                .contains(List.of("missing X-Amz-Target"));
        assertThat(HttpKnownDifferences.explaining(LIST, unknown, answer("status", "500", "type", "InternalFailure"))).isEmpty();
    }

    @Test
    void compressionOfALargeAnswerIsAcceptedWhenTheClientAcceptsIt() {
        HttpAnswer plainLarge = new HttpAnswer(answer().fields(), 5000);
        HttpAnswer plainSmall = answer();
        HttpCase gzipAccepted = LIST.with("Accept-Encoding", "gzip");
        assertThat(HttpKnownDifferences.explaining(gzipAccepted, plainLarge.with("content-encoding", "gzip"), plainLarge))
                .contains(List.of("response compression"));
        assertThat(HttpKnownDifferences.explaining(gzipAccepted, plainSmall.with("content-encoding", "gzip"), plainSmall)).isEmpty();
        assertThat(HttpKnownDifferences.explaining(LIST, plainLarge.with("content-encoding", "gzip"), plainLarge)).isEmpty();
        assertThat(HttpKnownDifferences.explaining(gzipAccepted, plainLarge.with("content-encoding", "deflate"), plainLarge)).isEmpty();
    }

    @Test
    void documentedAnswersStandInOnlyForWhatDynamoDbLocalDoesNotImplement() {
        HttpCase endpoints = HttpCase.post("DescribeEndpoints", "DescribeEndpoints", "{}")
                .documented(Map.of("status", "200", "type", "-", "endpoint", "the address the client used"));
        HttpAnswer unknown = answer("status", "400", "type", "UnknownOperationException");
        assertThat(HttpKnownDifferences.explaining(endpoints, answer("endpoint", "the address the client used"), unknown))
                .contains(List.of("DescribeEndpoints"));
        assertThat(HttpKnownDifferences.explaining(endpoints, answer("endpoint", "dynamodb.us-east-1.amazonaws.com"), unknown)).isEmpty();

        HttpCase garbage = LIST.with("Content-Encoding", "garbage").documented(Map.of("status", "500", "type", "InternalServerError"));
        assertThat(HttpKnownDifferences.explaining(garbage, answer("status", "500", "type", "InternalServerError"), answer()))
                .contains(List.of("unsupported Content-Encoding"));
        assertThat(HttpKnownDifferences.explaining(garbage, answer("status", "400", "type", "SerializationException"), answer())).isEmpty();
        HttpCase undocumented = LIST.with("Content-Encoding", "gzip");
        assertThat(HttpKnownDifferences.explaining(undocumented, answer("status", "500", "type", "InternalServerError"), answer())).isEmpty();
    }
}
