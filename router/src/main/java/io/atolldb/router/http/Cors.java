package io.atolldb.router.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Cross-origin requests, for the AWS SDK for JavaScript running in a browser, answered as DynamoDB answers
 * them: any origin may call (requests are authorized by their signature, not their origin).
 *
 * <ul>
 *   <li>A request with an Origin header gets {@code Access-Control-Allow-Origin: *} and
 *       {@code Access-Control-Expose-Headers} naming the headers the SDK reads (request id, error type
 *       and message, Date), whatever its method and outcome ({@link CommonHeaders} adds them).
 *   <li>An OPTIONS request with an Origin header is a preflight: 200 with an empty body, allowing
 *       exactly the method and headers it asks for (Access-Control-Request-Method and
 *       Access-Control-Request-Headers are echoed), cacheable for two days.
 * </ul>
 *
 * <p>Netty's CorsHandler does not fit: it answers a fixed list of allowed request headers, and the
 * wildcard {@code Access-Control-Allow-Headers: *} does not cover Authorization, which every signed
 * SDK request carries.
 */
final class Cors {
    /** How long a browser may cache a preflight answer: two days, as DynamoDB says. */
    static final String MAX_AGE_SECONDS = "172800";
    /** The response headers a script may read: those the SDK looks at. */
    static final String EXPOSED_HEADERS = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

    private Cors() {}

    static boolean isCrossOrigin(HttpRequest request) {
        return request.headers().contains(HttpHeaderNames.ORIGIN);
    }

    static boolean isPreflight(HttpRequest request) {
        return request.method().equals(HttpMethod.OPTIONS) && isCrossOrigin(request);
    }

    /** The answer to a preflight request. */
    static FullHttpResponse preflight(HttpRequest request) {
        FullHttpResponse response = HttpResponses.empty(HttpResponseStatus.OK);
        HttpHeaders asked = request.headers();
        HttpHeaders headers = response.headers();
        String method = asked.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (method != null) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, method);
        }
        String requestHeaders = asked.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        if (requestHeaders != null) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requestHeaders);
        }
        headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        return response;
    }

    /** Adds what every answer to a cross-origin request carries. */
    static void allowOrigin(HttpHeaders headers) {
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
    }
}
