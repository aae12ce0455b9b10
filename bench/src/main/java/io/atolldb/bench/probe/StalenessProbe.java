package io.atolldb.bench.probe;

import io.atolldb.bench.targets.DynamoOperations;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What a client sees of eventual consistency: rounds of a write followed at once by an eventually
 * consistent GetItem of the same item (the SDKs' default read). Each round puts a new item and reads it,
 * then updates it and reads it again; a read that misses the write is stale, and is then repeated until
 * it sees the write, which measures how long after its acknowledgement the write became visible to such
 * reads. Rounds run one after another on one connection, as an application's request handler would.
 */
public final class StalenessProbe {
    static final String KEY = "pk";
    static final String VALUE = "v";
    /** A read still stale this long after the write's acknowledgement ends the probe with a failure. */
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private final DynamoDbAsyncClient client;
    private final String table;
    private final Optional<ReplicaPoller> replicas;

    /**
     * @param router an AtollDB router's endpoint, to also time when each write reached every replica
     *               (empty for another DynamoDB API service)
     */
    public StalenessProbe(DynamoDbAsyncClient client, String table, Optional<URI> router) {
        this.client = client;
        this.table = table;
        this.replicas = router.map(ReplicaPoller::new);
    }

    /**
     * Creates the probe's table (partition key pk) and waits until it is ACTIVE. Provisioned with 3,000
     * write units, which DynamoDB's per-partition limit (1,000) turns into three partitions: their
     * leaders lie in different zones, so the reads meet follower replicas as well as leaders (a router
     * serves an eventually consistent read from the replica in its own zone).
     */
    public void createTable() throws Exception {
        client.createTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(3_000L))).get(60, TimeUnit.SECONDS);
        DynamoOperations.awaitActive(client, table);
    }

    public void deleteTable() throws Exception {
        client.deleteTable(b -> b.tableName(table)).get(60, TimeUnit.SECONDS);
    }

    /**
     * Runs {@code rounds} rounds (two reads each) with keys {@code prefix-<round>}.
     *
     * @throws IllegalStateException when a write stays invisible for 10 s
     */
    public Result run(int rounds, String prefix) throws Exception {
        List<Long> lagNanos = new ArrayList<>();
        List<Long> everywhereNanos = new ArrayList<>();
        List<Long> appliedNanos = new ArrayList<>();
        int reads = 0;
        int fresh = 0;
        for (int round = 0; round < rounds; round++) {
            String key = prefix + "-" + round;
            for (int version = 0; version < 2; version++) {
                write(key, version);
                long acknowledged = System.nanoTime();
                long acknowledgedMicros = epochMicros();
                reads++;
                if (sees(key, version)) {
                    fresh++;
                } else {
                    while (!sees(key, version)) {
                        giveUpAfter(acknowledged, key, version, "to eventually consistent reads");
                    }
                    lagNanos.add(System.nanoTime() - acknowledged);
                }
                if (replicas.isPresent()) {
                    OptionalLong applied;
                    while ((applied = replicas.get().appliedEverywhere(table, KEY, key, VALUE, Integer.toString(version))).isEmpty()) {
                        giveUpAfter(acknowledged, key, version, "on some replica");
                    }
                    everywhereNanos.add(System.nanoTime() - acknowledged);
                    // Same host, same clock: the replicas' apply times against this acknowledgement.
                    appliedNanos.add(Math.max(0, applied.getAsLong() - acknowledgedMicros) * 1_000);
                }
            }
        }
        return new Result(reads, fresh, lagNanos, everywhereNanos, appliedNanos);
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static void giveUpAfter(long acknowledged, String key, int version, String where) {
        if (System.nanoTime() - acknowledged > GIVE_UP.toNanos()) {
            throw new IllegalStateException("item " + key + " version " + version + " still invisible " + where + " "
                    + GIVE_UP.toSeconds() + " s after its write was acknowledged");
        }
    }

    private void write(String key, int version) throws Exception {
        Map<String, AttributeValue> keyMap = Map.of(KEY, AttributeValue.fromS(key));
        if (version == 0) {
            client.putItem(b -> b.tableName(table).item(Map.of(KEY, AttributeValue.fromS(key), VALUE, AttributeValue.fromN("0"))))
                    .get(30, TimeUnit.SECONDS);
        } else {
            client.updateItem(b -> b.tableName(table).key(keyMap).updateExpression("SET #v = :v")
                    .expressionAttributeNames(Map.of("#v", VALUE))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Integer.toString(version)))))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private boolean sees(String key, int version) throws Exception {
        GetItemResponse response = client.getItem(b -> b.tableName(table).key(Map.of(KEY, AttributeValue.fromS(key)))
                .consistentRead(false)).get(30, TimeUnit.SECONDS);
        AttributeValue value = response.hasItem() ? response.item().get(VALUE) : null;
        return value != null && Integer.toString(version).equals(value.n());
    }

    /**
     * @param reads           eventually consistent reads issued right after an acknowledged write
     * @param fresh           how many of them returned that write
     * @param lagNanos        for each stale one: acknowledgement until a repeated read returned it
     * @param everywhereNanos for each write, when replicas were polled: acknowledgement until a poll found
     *                        it on every replica (the poll's own time included)
     * @param appliedNanos    for each write, when replicas were polled: acknowledgement until the last replica
     *                        applied it, by the replicas' own clocks (0 when all had before the client heard)
     */
    public record Result(int reads, int fresh, List<Long> lagNanos, List<Long> everywhereNanos, List<Long> appliedNanos) {
        /** The rounds of several runs as one result. */
        public static Result merge(List<Result> parts) {
            List<Long> lags = new ArrayList<>();
            List<Long> everywhere = new ArrayList<>();
            List<Long> applied = new ArrayList<>();
            parts.forEach(p -> lags.addAll(p.lagNanos()));
            parts.forEach(p -> everywhere.addAll(p.everywhereNanos()));
            parts.forEach(p -> applied.addAll(p.appliedNanos()));
            return new Result(parts.stream().mapToInt(Result::reads).sum(), parts.stream().mapToInt(Result::fresh).sum(),
                    lags, everywhere, applied);
        }

        /** Acknowledgement until a poll found the write on every replica, in milliseconds; NaN when not polled. */
        public double everywhereMillis(double percentile) {
            return percentileMillis(everywhereNanos, percentile);
        }

        /** Acknowledgement until the last replica applied the write, in milliseconds; NaN when not polled. */
        public double appliedMillis(double percentile) {
            return percentileMillis(appliedNanos, percentile);
        }

        private static double percentileMillis(List<Long> nanos, double percentile) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            long[] all = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int rank = (int) Math.ceil(percentile / 100 * all.length) - 1;
            return all[Math.max(0, Math.min(all.length - 1, rank))] / 1e6;
        }

        public double freshShare() {
            return reads == 0 ? 1.0 : (double) fresh / reads;
        }

        /** Visibility lag after acknowledgement over all reads (0 for a fresh one), in milliseconds. */
        public double lagMillis(double percentile) {
            if (reads == 0) {
                return 0;
            }
            long[] all = new long[reads]; // fresh reads count as 0
            for (int i = 0; i < lagNanos.size(); i++) {
                all[reads - lagNanos.size() + i] = lagNanos.get(i);
            }
            Arrays.sort(all);
            int rank = (int) Math.ceil(percentile / 100 * reads) - 1;
            return all[Math.max(0, Math.min(reads - 1, rank))] / 1e6;
        }

        public double maxLagMillis() {
            return lagNanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
        }
    }
}
