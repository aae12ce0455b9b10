package io.atolldb.router.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the client sent it, which is what its signature covers.
 *
 * @param method  the HTTP method, e.g. "POST"
 * @param rawPath the path as it arrived, still percent-encoded, without the query
 * @param query   the query parameters, names and values percent-decoded, in the order sent
 * @param headers the header values by lower-case name, in the order sent
 * @param body    the body bytes as they arrived: still compressed if the request has a Content-Encoding (the
 *                signer hashed those bytes). Not copied: read-only.
 */
public record SignedRequest(String method, String rawPath, Map<String, List<String>> query,
                            Map<String, List<String>> headers, byte[] body) {
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The first value of header {@code lowerCaseName}, or null. */
    String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The first value of query parameter {@code name} (exact case), or null. */
    String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
