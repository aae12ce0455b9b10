package io.atolldb.deploy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * One dev cluster shared by the black-box API test classes of this module (starting one costs
 * seconds), stopped when the test run ends. Tests that kill nodes start their own cluster instead.
 */
final class SharedCluster implements ExtensionContext.Store.CloseableResource {
    private final DevCluster cluster;
    private final Path dir;

    private SharedCluster() throws IOException {
        dir = Files.createTempDirectory("atoll-shared-cluster");
        cluster = DevCluster.start(dir, "127.0.0.1", 0, 4, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(60)).until(cluster::isReady);
    }

    /** The DynamoDB endpoint of the shared cluster, as a test parameter. */
    record Endpoint(String url) {
    }

    /** Resolves {@link Endpoint} parameters: {@code @ExtendWith(SharedCluster.Resolver.class)}. */
    static final class Resolver implements org.junit.jupiter.api.extension.ParameterResolver {
        @Override
        public boolean supportsParameter(org.junit.jupiter.api.extension.ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Endpoint.class;
        }

        @Override
        public Object resolveParameter(org.junit.jupiter.api.extension.ParameterContext parameter, ExtensionContext context) {
            return new Endpoint(endpoint(context));
        }
    }

    /** The endpoint of the shared cluster, started on first use. */
    static String endpoint(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedCluster.class, key -> {
                    try {
                        return new SharedCluster();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, SharedCluster.class)
                .cluster.endpoint();
    }

    @Override
    public void close() throws IOException {
        cluster.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
