package io.atolldb.bench.targets.ddblocal;

import java.lang.reflect.Field;

/**
 * Runs DynamoDB Local listening on one address only (default 127.0.0.1). DynamoDB Local's command line
 * takes a port but no address, and its Jetty server would listen on every interface; this class builds
 * the server from the same command line, sets the address on its connectors, then starts it.
 *
 * <p>It runs in DynamoDB Local's process, on DynamoDB Local's class path, so it uses only the JDK and
 * reaches DynamoDB Local and Jetty by reflection. If their shape changes it fails rather than listen
 * everywhere.
 */
public final class LoopbackDynamoDbLocal {
    public static final String HOST_PROPERTY = "atoll.bench.host";
    private static final String RUNNER = "software.amazon.dynamodb.services.local.main.ServerRunner";

    private LoopbackDynamoDbLocal() {
    }

    public static void main(String[] args) throws Exception {
        String host = System.getProperty(HOST_PROPERTY, "127.0.0.1");
        Object server = Class.forName(RUNNER).getMethod("createServerFromCommandLineArgs", String[].class)
                .invoke(null, (Object) args);
        Field jettyField = server.getClass().getDeclaredField("server");
        jettyField.setAccessible(true);
        Object jetty = jettyField.get(server);
        Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local has no connector to bind to " + host);
        }
        for (Object connector : connectors) {
            connector.getClass().getMethod("setHost", String.class).invoke(connector, host);
        }
        server.getClass().getMethod("start").invoke(server);
        System.out.println("DynamoDB Local listening on " + host);
        server.getClass().getMethod("join").invoke(server);
    }
}
