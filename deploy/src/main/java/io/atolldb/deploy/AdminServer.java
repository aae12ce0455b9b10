package io.atolldb.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Every process's operations endpoint (the JDK's built-in HTTP server):
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process runs;</li>
 *   <li>{@code GET /health} and {@code /health/ready}: 200 when the process can do its job, else 503;</li>
 *   <li>{@code GET /metrics}: Prometheus text exposition of every meter of the process;</li>
 *   <li>{@code POST /admin/<action>}: operations a role offers (a storage node: transfer-leadership).</li>
 * </ul>
 */
public final class AdminServer implements AutoCloseable {
    private final HttpServer server;

    private AdminServer(HttpServer server) {
        this.server = server;
    }

    /** An operation offered under POST /admin/<name>: answers 200 with its text when it succeeded, else 503. */
    public record Action(String name, java.util.function.Supplier<Result> run) {
    }

    public record Result(boolean ok, String text) {
    }

    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready)
            throws IOException {
        return start(host, port, registry, ready, java.util.List.of());
    }

    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready,
                                    java.util.List<Action> actions) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health/live", exchange -> respond(exchange, 200, "text/plain", "live\n"));
        server.createContext("/health", exchange -> {
            boolean ok = ready.getAsBoolean();
            respond(exchange, ok ? 200 : 503, "text/plain", ok ? "ready\n" : "not ready\n");
        });
        for (Action action : actions) {
            server.createContext("/admin/" + action.name(), exchange -> {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    respond(exchange, 405, "text/plain", "use POST\n");
                    return;
                }
                Result result = action.run().get();
                respond(exchange, result.ok() ? 200 : 503, "application/json", result.text() + "\n");
            });
        }
        server.start();
        return new AdminServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
