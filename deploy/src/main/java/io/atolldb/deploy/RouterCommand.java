package io.atolldb.deploy;

import io.atolldb.router.RouterConfig;
import io.atolldb.router.RouterServer;
import io.atolldb.router.auth.Authenticator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code atoll router}: one stateless router serving the DynamoDB API. */
@Command(name = "router", mixinStandardHelpOptions = true, description = "Run a router serving the DynamoDB API.")
final class RouterCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "${env:ATOLL_HOST:-127.0.0.1}", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "${env:ATOLL_PORT:-8000}", description = "DynamoDB API port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--admin-port", defaultValue = "${env:ATOLL_ADMIN_PORT:-8001}", description = "/health and /metrics port (default: ${DEFAULT-VALUE})")
    int adminPort;

    @Option(names = "--zone", defaultValue = "${env:ATOLL_ZONE:-}", description = "this router's zone: eventually consistent reads prefer replicas there")
    String zone;

    @Option(names = "--metadata", required = true, defaultValue = "${env:ATOLL_METADATA}", split = ",",
            description = "metadata replicas' gRPC addresses host:port, comma-separated")
    List<String> metadata;

    @Mixin
    AuthOption auth;

    @Override
    public Integer call() throws Exception {
        // A router never makes up a key: the routers of a cluster must all accept the one the operator holds.
        Authenticator authenticator;
        try {
            authenticator = auth.authenticator(System.getenv(), false, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("atoll router: " + e.getMessage());
            return 2;
        }
        var registry = Processes.registry("router");
        var router = RouterServer.start(new RouterConfig(host, port, metadata, zone).withAuthenticator(authenticator), registry);
        var admin = AdminServer.start(host, adminPort, registry, router::isReady);
        System.out.printf("AtollDB router serving the DynamoDB API on http://%s:%d%n", host, router.port());
        System.out.flush();
        return Processes.runUntilStopped(admin, router);
    }
}
