package io.atolldb.router.api;

import java.util.Objects;

/**
 * What the transport knows about one API request besides its target and body.
 *
 * @param requestId the x-amzn-RequestId it is answered with (for logs)
 * @param endpoint  the address the client used to reach this server (host:port), or null when unknown;
 *                  DescribeEndpoints names it
 * @param principal who sent it, as verified by the router's authentication ({@link Principal#ANYONE} when off)
 */
public record RequestContext(String requestId, String endpoint, Principal principal) {
    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(principal, "principal");
    }
}
