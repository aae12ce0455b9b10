package io.atolldb.deploy;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code atoll warmup} (hidden): runs a dev cluster on a free loopback port in a temporary directory, drives
 * one table through the API (create, write, read, query, scan, delete) and exits. Run under
 * {@code -XX:ArchiveClassesAtExit}, it leaves behind the class-data-sharing archive that every AtollDB JVM
 * then starts from ({@link StartupArchive}): the classes a metadata replica, a storage node and a router
 * load are the ones this run loads.
 */
@Command(name = "warmup", hidden = true, description = "Exercise every role once (used to build the startup archive).")
final class WarmupCommand implements Callable<Integer> {
    private static final Duration ACTIVE_WAIT = Duration.ofSeconds(60);

    @picocli.CommandLine.Option(names = "--make-archive",
            description = "instead, make the startup archive of this jar with this JVM's options, unless it is up to date")
    boolean makeArchive;

    @Override
    public Integer call() throws Exception {
        if (makeArchive) {
            return makeArchive() ? 0 : 1;
        }
        Path dir = Files.createTempDirectory("atoll-warmup");
        try (var cluster = DevCluster.start(dir, "127.0.0.1", 0, new DevCluster.Options(0,
                io.atolldb.metadata.scheduler.Splitter.Settings.DEFAULT_SPLIT_SIZE,
                io.atolldb.metadata.scheduler.Mover.Settings.defaults()), Processes.registry("warmup"))) {
            var api = new Api(cluster.endpoint());
            api.call("CreateTable", """
                    {"TableName":"warmup","BillingMode":"PAY_PER_REQUEST",
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]}""");
            long deadline = System.nanoTime() + ACTIVE_WAIT.toNanos();
            while (!api.call("DescribeTable", "{\"TableName\":\"warmup\"}").contains("\"ACTIVE\"")) {
                if (System.nanoTime() > deadline) {
                    System.err.println("atoll warmup: the table did not become ACTIVE within " + ACTIVE_WAIT);
                    return 1;
                }
                Thread.sleep(50);
            }
            for (int i = 0; i < 20; i++) {
                api.call("PutItem", "{\"TableName\":\"warmup\",\"Item\":{\"pk\":{\"S\":\"k" + (i % 4) + "\"},\"sk\":{\"N\":\"" + i
                        + "\"},\"v\":{\"S\":\"value\"}}}");
            }
            api.call("UpdateItem", """
                    {"TableName":"warmup","Key":{"pk":{"S":"k0"},"sk":{"N":"0"}},
                     "UpdateExpression":"SET v = :v","ConditionExpression":"attribute_exists(pk)",
                     "ExpressionAttributeValues":{":v":{"S":"changed"}}}""");
            api.call("GetItem", "{\"TableName\":\"warmup\",\"Key\":{\"pk\":{\"S\":\"k0\"},\"sk\":{\"N\":\"0\"}},\"ConsistentRead\":true}");
            api.call("GetItem", "{\"TableName\":\"warmup\",\"Key\":{\"pk\":{\"S\":\"k1\"},\"sk\":{\"N\":\"1\"}}}");
            api.call("Query", """
                    {"TableName":"warmup","KeyConditionExpression":"pk = :p AND sk > :s",
                     "ExpressionAttributeValues":{":p":{"S":"k1"},":s":{"N":"0"}}}""");
            api.call("Scan", "{\"TableName\":\"warmup\"}");
            api.call("TransactWriteItems", """
                    {"TransactItems":[{"Put":{"TableName":"warmup","Item":{"pk":{"S":"t"},"sk":{"N":"1"}}}},
                                      {"Delete":{"TableName":"warmup","Key":{"pk":{"S":"k2"},"sk":{"N":"2"}}}}]}""");
            api.call("DeleteTable", "{\"TableName\":\"warmup\"}");
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    /** Runs the warmup in a child JVM with this JVM's options (less any archive of its own) under the archive builder. */
    private static boolean makeArchive() throws java.net.URISyntaxException {
        Path jar = Path.of(Atoll.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!jar.toString().endsWith(".jar")) {
            return false;
        }
        List<String> options = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> !o.startsWith("-XX:SharedArchiveFile") && !o.startsWith("-Xshare") && !o.startsWith("-Xlog:cds"))
                .toList();
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return StartupArchive.ensure(java, jar, options);
    }

    private record Api(HttpClient client, URI endpoint) {
        Api(String endpoint) {
            this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), URI.create(endpoint));
        }

        String call(String operation, String body) throws IOException, InterruptedException {
            var request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
