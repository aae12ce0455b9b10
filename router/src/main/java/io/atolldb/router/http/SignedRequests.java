package io.atolldb.router.http;

import io.atolldb.router.auth.SignedRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a request as Netty decoded it into what its signature covers ({@link SignedRequest}): method, the path and
 * query as sent (the query decoded with '+' kept as a plus, since signers encode a space as %20), headers by
 * lower-case name, and the body bytes before any Content-Encoding is undone. Runs on the event loop, before the
 * request is released.
 */
final class SignedRequests {
    private SignedRequests() {}

    static SignedRequest of(FullHttpRequest request, byte[] rawBody) {
        QueryStringDecoder uri = QueryStringDecoder.builder().semicolonIsNormalChar(true).htmlQueryDecoding(false)
                .build(request.uri());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(header -> headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT),
                name -> new ArrayList<>()).add(header.getValue()));
        return new SignedRequest(request.method().name(), uri.rawPath(), query(uri), headers, rawBody);
    }

    /**
     * The query's parameters. A query that is not valid percent-encoding keeps its raw text as one parameter name:
     * no signer produced it, so the signature check refuses the request rather than the transport failing.
     */
    private static Map<String, List<String>> query(QueryStringDecoder uri) {
        try {
            return uri.parameters();
        } catch (IllegalArgumentException e) {
            return Map.of(uri.rawQuery(), List.of(""));
        }
    }
}
