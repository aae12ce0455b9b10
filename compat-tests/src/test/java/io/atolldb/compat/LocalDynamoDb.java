package io.atolldb.compat;

import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Server;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Amazon DynamoDB Local, run in the test JVM, in memory, listening on 127.0.0.1 only.
 *
 * <p>DynamoDB Local has no option to choose the interface it listens on: its Jetty server binds every
 * interface. Its {@code DynamoDBProxyServer} creates the Jetty server in the constructor and starts it
 * only in {@link DynamoDBProxyServer#start()}, so before starting we point the one connector at
 * 127.0.0.1 and port 0 (any free port) and read the chosen port back afterwards. Telemetry is off: the
 * test must not talk to anything beyond the loopback interface.
 */
final class LocalDynamoDb implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final DynamoDBProxyServer proxy;
    private final AbstractNetworkConnector connector;

    private LocalDynamoDb(DynamoDBProxyServer proxy, AbstractNetworkConnector connector) {
        this.proxy = proxy;
        this.connector = connector;
    }

    static LocalDynamoDb start() throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            throw new IllegalStateException("-Dsqlite4java.library.path must name the directory of libsqlite4java-linux-amd64 (the pom sets it)");
        }
        // The port given here is replaced below; ServerRunner only accepts 1-65535.
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-disableTelemetry", "-port", "65535"});
        var field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        if (jetty.getConnectors().length != 1 || !(jetty.getConnectors()[0] instanceof AbstractNetworkConnector connector)) {
            throw new IllegalStateException("DynamoDB Local's Jetty server has an unexpected connector layout");
        }
        connector.setHost(HOST);
        connector.setPort(0);
        proxy.start();
        return new LocalDynamoDb(proxy, connector);
    }

    String endpoint() {
        return "http://" + HOST + ":" + connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
