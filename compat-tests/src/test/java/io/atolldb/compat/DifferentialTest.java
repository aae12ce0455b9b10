package io.atolldb.compat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The differential test: for each seed, the same generated operations go to AtollDB and to DynamoDB
 * Local, and every answer must be the same (error types compared exactly, messages reported). A
 * difference fails the test with the seed, the step, the request and both answers; a seed's run stops
 * at its first difference, since the two databases may hold different data after it.
 *
 * <p>Seeds {@code compat.firstSeed} .. {@code + compat.seeds - 1}, {@code compat.ops} operations each
 * (system properties, set by the pom: 8 x 200 by default; see docs/compatibility.md for the long run), or
 * the seeds listed in {@code compat.seedList} (comma-separated).
 */
class DifferentialTest {
    private static AtollCluster atoll;
    private static LocalDynamoDb local;
    private static DynamoDbClient atollClient;
    private static DynamoDbClient localClient;

    @BeforeAll
    static void start() throws Exception {
        local = LocalDynamoDb.start();
        atoll = AtollCluster.start();
        atollClient = client(atoll.endpoint());
        localClient = client(local.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        if (atollClient != null) {
            atollClient.close();
            localClient.close();
        }
        if (atoll != null) {
            atoll.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @Test
    void sameAnswersAsDynamoDbLocal() {
        long first = Long.getLong("compat.firstSeed", 1);
        int seeds = Integer.getInteger("compat.seeds", 8);
        int ops = Integer.getInteger("compat.ops", 200);
        List<String> failures = new ArrayList<>();
        int[] compared = new int[1];
        Map<String, Integer> explained = new TreeMap<>();
        List<Long> seedList = new ArrayList<>();
        String listed = System.getProperty("compat.seedList", "");
        if (listed.isBlank()) {
            for (long seed = first; seed < first + seeds; seed++) {
                seedList.add(seed);
            }
        } else {
            for (String seed : listed.split(",")) {
                seedList.add(Long.parseLong(seed.trim()));
            }
        }
        for (long seed : seedList) {
            runSeed(seed, ops, failures, compared, explained);
        }
        System.out.printf("compat: %d operations compared over %d seeds; known differences seen: %s%ncompat: answers: %s%n",
                compared[0], seedList.size(), explained, outcomes);
        assertThat(compared[0]).as("operations compared").isGreaterThanOrEqualTo(seedList.size());
        assertThat(failures).as("differences from DynamoDB Local (replay: -Dcompat.seedList=SEED,... -Dcompat.ops=OPS)").isEmpty();
    }

    /** How often each operation answered what, over the run: shows what the seeds exercised. */
    private static final Map<String, Integer> outcomes = new TreeMap<>();

    private static void runSeed(long seed, int ops, List<String> failures, int[] compared, Map<String, Integer> explained) {
        List<TableShape> tables = OperationGenerator.tablesFor(seed, "cmp" + seed);
        atoll.awaitReady();
        for (TableShape table : tables) {
            String atollTable = createTable(atollClient, table);
            String localTable = createTable(localClient, table);
            if (!atollTable.equals(localTable)) {
                failures.add("seed " + seed + " DescribeTable " + table.name() + "\n  AtollDB:        " + atollTable
                        + "\n  DynamoDB Local: " + localTable);
            }
        }
        try {
            var generator = new OperationGenerator(seed, tables);
            for (int step = 0; step < ops; step++) {
                DynamoDbRequest request = generator.next();
                Outcome fromAtoll = Executor.run(atollClient, request);
                Outcome fromLocal = Executor.run(localClient, request);
                compared[0]++;
                outcomes.merge(request.getClass().getSimpleName().replace("Request", "") + " "
                        + (fromLocal.isError() ? fromLocal.errorCode() : "ok"), 1, Integer::sum);
                if (fromAtoll.sameAs(fromLocal)) {
                    continue;
                }
                var rules = KnownDifferences.explaining(request, fromAtoll, fromLocal);
                if (rules.isPresent()) {
                    explained.merge(String.join(" + ", rules.get()), 1, Integer::sum);
                    continue;
                }
                failures.add("seed " + seed + " step " + step + " tables " + tables + "\n  request: " + request
                        + "\n  AtollDB:        " + fromAtoll + "\n  DynamoDB Local: " + fromLocal);
                return;
            }
        } finally {
            for (TableShape table : tables) {
                deleteTable(atollClient, table);
                deleteTable(localClient, table);
            }
        }
    }

    /** Creates the table, waits until it is ACTIVE, and answers its description in canonical form. */
    private static String createTable(DynamoDbClient client, TableShape table) {
        client.createTable(table.createRequest());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                client.describeTable(b -> b.tableName(table.name())).table().tableStatus() == TableStatus.ACTIVE);
        return Canonical.table(client.describeTable(b -> b.tableName(table.name())).table());
    }

    private static void deleteTable(DynamoDbClient client, TableShape table) {
        try {
            client.deleteTable(b -> b.tableName(table.name()));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }

    private static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("compat", "compat")))
                .build();
    }
}
