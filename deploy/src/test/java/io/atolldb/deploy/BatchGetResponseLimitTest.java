package io.atolldb.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BatchGetItem answers at most 16 MB of items and returns the keys past that in UnprocessedKeys (API
 * Reference, BatchGetItem: "A single operation can retrieve up to 16 MB of data").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class BatchGetResponseLimitTest {
    /** 42 items of 400,000 bytes are 16.8 MB: more than one answer holds (16,777,216 bytes). */
    private static final int ITEMS = 42;
    private static final String TABLE = "batch_get_16mb";

    private DynamoDbClient client;

    @BeforeAll
    void createTable(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        Dynamo.createTable(client, TABLE);
        String large = "x".repeat(400_000);
        for (int i = 0; i < ITEMS; i++) {
            String id = "big-" + i;
            client.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(large))));
        }
    }

    @AfterAll
    void closeClient() {
        client.deleteTable(b -> b.tableName(TABLE));
        client.close();
    }

    @Test
    void itemsPast16MbComeBackAsUnprocessedKeysAndAreReadByTheNextCall() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            keys.add(Map.of("id", AttributeValue.fromS("big-" + i)));
        }
        var first = client.batchGetItem(b -> b.requestItems(Map.of(TABLE,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
        List<Map<String, AttributeValue>> read = first.responses().get(TABLE);
        long bytes = read.stream().mapToLong(item -> item.get("id").s().length() + 2 + item.get("v").s().length() + 1).sum();
        assertThat(bytes).isLessThanOrEqualTo(16L * 1024 * 1024);
        assertThat(first.unprocessedKeys()).containsKey(TABLE);

        Set<String> ids = new HashSet<>();
        read.forEach(item -> ids.add(item.get("id").s()));
        var second = client.batchGetItem(b -> b.requestItems(first.unprocessedKeys()));
        second.responses().get(TABLE).forEach(item -> ids.add(item.get("id").s()));
        assertThat(second.unprocessedKeys()).isEmpty();
        assertThat(ids).hasSize(ITEMS);
    }
}
