package io.atolldb.router.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a request claims about its signature, read from one of SigV4's two places: the Authorization header
 * ({@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} with X-Amz-Date or Date) or a presigned
 * query string (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders,
 * X-Amz-Signature). Reading it checks only its form; nothing here is trusted until the signature matches.
 *
 * @param signedHeaders     the signed header names, lower case, in the order given
 * @param signedHeadersText the SignedHeaders value as given, which is what the canonical request repeats
 * @param expires           how long a presigned request stays valid after {@code time}; null for the header form
 */
record SignatureClaim(Credential credential, List<String> signedHeaders, String signedHeadersText, String signature,
                      SigningTime time, Duration expires) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String QUERY_SIGNATURE = "X-Amz-Signature";
    /** SigV4's longest presigned validity: a signing key is good for seven days. */
    static final Duration MAX_EXPIRES = Duration.ofDays(7);

    private static final List<String> HEADER_PARTS = List.of("Credential", "Signature", "SignedHeaders");
    private static final List<String> QUERY_PARTS = List.of("X-Amz-Algorithm", "X-Amz-Credential", QUERY_SIGNATURE,
            "X-Amz-SignedHeaders", "X-Amz-Date", "X-Amz-Expires");

    boolean presigned() {
        return expires != null;
    }

    /** True when the request carries presigning parameters in its query string. */
    static boolean isPresigned(SignedRequest request) {
        return request.query().containsKey("X-Amz-Algorithm") || request.query().containsKey("X-Amz-Credential")
                || request.query().containsKey(QUERY_SIGNATURE);
    }

    static SignatureClaim fromHeader(String authorization, SignedRequest request) {
        String value = authorization.trim();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        Map<String, String> parts = new HashMap<>();
        for (String part : (space < 0 ? "" : value.substring(space + 1)).split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.putIfAbsent(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
            }
        }
        List<String> missing = HEADER_PARTS.stream().filter(name -> parts.getOrDefault(name, "").isEmpty()).toList();
        String amzDate = request.header("x-amz-date");
        String httpDate = request.header("date");
        if (!missing.isEmpty() || (amzDate == null && httpDate == null)) {
            throw AuthErrors.headerIncomplete(missing, amzDate == null && httpDate == null, authorization);
        }
        if (!ALGORITHM.equals(algorithm)) {
            throw AuthErrors.incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
        }
        SigningTime time = amzDate != null ? SigningTime.ofAmzDate(amzDate) : SigningTime.ofHttpDate(httpDate);
        return of(parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"), time, null);
    }

    static SignatureClaim fromQuery(SignedRequest request) {
        List<String> missing = new ArrayList<>();
        for (String name : QUERY_PARTS) {
            String value = request.queryParameter(name);
            if (value == null || value.isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw AuthErrors.queryIncomplete(missing);
        }
        if (!ALGORITHM.equals(request.queryParameter("X-Amz-Algorithm"))) {
            throw AuthErrors.incomplete("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        return of(request.queryParameter("X-Amz-Credential"), request.queryParameter("X-Amz-SignedHeaders"),
                request.queryParameter(QUERY_SIGNATURE), SigningTime.ofAmzDate(request.queryParameter("X-Amz-Date")),
                expires(request.queryParameter("X-Amz-Expires")));
    }

    private static SignatureClaim of(String credential, String signedHeadersText, String signature, SigningTime time,
                                     Duration expires) {
        List<String> signedHeaders = Arrays.stream(signedHeadersText.split(";"))
                .map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        if (!signedHeaders.contains("host")) {
            throw AuthErrors.hostNotSigned();
        }
        return new SignatureClaim(Credential.parse(credential), signedHeaders, signedHeadersText, signature, time, expires);
    }

    private static Duration expires(String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw AuthErrors.incomplete("X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw AuthErrors.incomplete("X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_EXPIRES.toSeconds()) {
            throw AuthErrors.incomplete("X-Amz-Expires must be less than a week (in seconds) that is " + MAX_EXPIRES.toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }
}
