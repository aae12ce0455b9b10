package io.atolldb.router;

import io.atolldb.router.admin.ClusterAdmin;
import io.atolldb.router.cluster.ClusterDynamoService;
import io.atolldb.router.http.DynamoHttpServer;
import io.atolldb.router.routing.PartitionCaller;
import io.atolldb.router.routing.RoutingCache;
import io.atolldb.rpc.Channels;
import io.atolldb.rpc.MetadataClient;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/** One router: the DynamoDB HTTP server over the cluster-backed service, with its routing cache. */
public final class RouterServer implements AutoCloseable {
    private final Channels channels;
    private final RoutingCache routing;
    private final DynamoHttpServer http;

    private RouterServer(Channels channels, RoutingCache routing, DynamoHttpServer http) {
        this.channels = channels;
        this.routing = routing;
        this.http = http;
    }

    public static RouterServer start(RouterConfig config, MeterRegistry registry) throws IOException {
        var channels = new Channels();
        var metadata = new MetadataClient(config.metadataAddresses(), channels, Duration.ofSeconds(5));
        var routing = new RoutingCache(metadata, config.routingRefresh());
        var caller = new PartitionCaller(routing, channels, config.zone(), config.requestDeadline(), Duration.ofSeconds(5));
        var service = new ClusterDynamoService(metadata, routing, caller, Clock.systemUTC());
        try {
            return new RouterServer(channels, routing, DynamoHttpServer.start(config.host(), config.port(),
                    new io.atolldb.router.api.DynamoApi(service), new ClusterAdmin(metadata, new io.atolldb.router.cluster.ReplicaViews(routing, channels)),
                    config.authenticator(), registry));
        } catch (RuntimeException e) {
            routing.close();
            channels.close();
            throw e;
        }
    }

    /** True when the router has a fresh routing table: it can route requests. */
    public boolean isReady() {
        return routing.isFresh(Duration.ofSeconds(10));
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        routing.close();
        channels.close();
    }
}
