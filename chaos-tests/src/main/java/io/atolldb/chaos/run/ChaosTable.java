package io.atolldb.chaos.run;

import io.atolldb.chaos.workload.Db;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** Setting up and cleaning up around a run: the workloads' table, the cluster's data afterwards. */
final class ChaosTable {
    private ChaosTable() {
    }

    /** Creates the table (nodes register through heartbeats, so the first tries may find too few zones). */
    static void create(DynamoDbClient client, String table) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (!client.listTables().tableNames().contains(table)) {
                    client.createTable(b -> b.tableName(table)
                            .attributeDefinitions(a -> a.attributeName(Db.KEY).attributeType("S"))
                            .keySchema(k -> k.attributeName(Db.KEY).keyType("HASH"))
                            .billingMode("PAY_PER_REQUEST"));
                }
                if ("ACTIVE".equals(client.describeTable(b -> b.tableName(table)).table().tableStatusAsString())) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new IllegalStateException("could not create the table " + table, last);
    }

    /** Removes the processes' data directories, keeping their logs. */
    static void deleteData(Path clusterDir) throws IOException {
        try (Stream<Path> entries = Files.list(clusterDir)) {
            for (Path entry : entries.filter(Files::isDirectory).toList()) {
                try (Stream<Path> tree = Files.walk(entry)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }
}
