package io.atolldb.router;

import java.time.Duration;
import java.util.List;

/**
 * How one router runs.
 *
 * @param zone            the router's zone ("" if none): eventually consistent reads prefer replicas there
 * @param requestDeadline how long one request may keep retrying a partition before answering ServiceUnavailable
 */
public record RouterConfig(String host, int port, List<String> metadataAddresses, String zone, Duration requestDeadline,
                           Duration routingRefresh) {
    public RouterConfig {
        metadataAddresses = List.copyOf(metadataAddresses);
    }

    public RouterConfig(String host, int port, List<String> metadataAddresses, String zone) {
        this(host, port, metadataAddresses, zone, Duration.ofSeconds(10), Duration.ofSeconds(1));
    }
}
