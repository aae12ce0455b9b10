package io.atolldb.router;

import io.atolldb.router.auth.Authenticator;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one router runs.
 *
 * @param zone            the router's zone ("" if none): eventually consistent reads prefer replicas there
 * @param requestDeadline how long one request may keep retrying a partition before answering ServiceUnavailable
 * @param authenticator   who may send requests: {@link Authenticator#acceptAll()} (anyone, the default) or a
 *                        {@link io.atolldb.router.auth.SigV4Verifier}
 */
public record RouterConfig(String host, int port, List<String> metadataAddresses, String zone, Duration requestDeadline,
                           Duration routingRefresh, Authenticator authenticator) {
    public RouterConfig {
        metadataAddresses = List.copyOf(metadataAddresses);
        Objects.requireNonNull(authenticator, "authenticator");
    }

    public RouterConfig(String host, int port, List<String> metadataAddresses, String zone, Duration requestDeadline,
                        Duration routingRefresh) {
        this(host, port, metadataAddresses, zone, requestDeadline, routingRefresh, Authenticator.acceptAll());
    }

    public RouterConfig(String host, int port, List<String> metadataAddresses, String zone) {
        this(host, port, metadataAddresses, zone, Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    /** This configuration with {@code authenticator} deciding who may send requests. */
    public RouterConfig withAuthenticator(Authenticator authenticator) {
        return new RouterConfig(host, port, metadataAddresses, zone, requestDeadline, routingRefresh, authenticator);
    }
}
