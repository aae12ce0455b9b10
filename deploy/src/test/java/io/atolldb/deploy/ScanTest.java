package io.atolldb.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Scan through the AWS SDK against a real cluster (DynamoDB Developer Guide, "Scanning tables":
 * pagination with Limit and LastEvaluatedKey, the 1 MB page, parallel scan with Segment/TotalSegments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class ScanTest {
    private static final int ITEMS = 240;
    private DynamoDbClient client;

    @BeforeAll
    void fillTable(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        Dynamo.createTable(client, "scanned");
        for (int i = 0; i < ITEMS; i++) {
            var item = Map.of("id", AttributeValue.fromS("item-" + i), "n", AttributeValue.fromN(Integer.toString(i)));
            client.putItem(b -> b.tableName("scanned").item(item));
        }
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    private List<String> scanAll(ScanRequest.Builder request) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = client.scan(request.exclusiveStartKey(start).build());
            page.items().forEach(item -> ids.add(item.get("id").s()));
            assertThat(page.count()).isEqualTo(page.items().size());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }

    @Test
    void pagesWithALimitTogetherReturnEveryItemExactlyOnce() {
        List<String> ids = scanAll(ScanRequest.builder().tableName("scanned").limit(17).consistentRead(true));

        assertThat(ids).hasSize(ITEMS).doesNotHaveDuplicates();
    }

    @Test
    void aPageStopsAtTheLimitAndNamesTheLastKeyItRead() {
        ScanResponse page = client.scan(b -> b.tableName("scanned").limit(5).consistentRead(true));

        assertThat(page.items()).hasSize(5);
        assertThat(page.scannedCount()).isEqualTo(5);
        assertThat(page.lastEvaluatedKey()).isEqualTo(Map.of("id", page.items().get(4).get("id")));
    }

    @Test
    void parallelScanSegmentsAreDisjointAndCoverTheTable() {
        Set<String> all = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 3; segment++) {
            List<String> ids = scanAll(ScanRequest.builder().tableName("scanned").segment(segment).totalSegments(3).limit(50)
                    .consistentRead(true));
            total += ids.size();
            all.addAll(ids);
        }
        assertThat(total).isEqualTo(ITEMS);
        assertThat(all).hasSize(ITEMS);
    }

    @Test
    void selectCountAnswersTheCountWithoutItems() {
        ScanResponse page = client.scan(b -> b.tableName("scanned").select(Select.COUNT).consistentRead(true));

        assertThat(page.count()).isEqualTo(ITEMS);
        assertThat(page.hasItems()).isFalse();
        assertThat(page.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void anEventuallyConsistentScanSeesEveryAcknowledgedWriteSoonAfter() {
        // Served by the nearest replica, which may lag the leader by a replication round trip.
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(scanAll(ScanRequest.builder().tableName("scanned").limit(100))).hasSize(ITEMS).doesNotHaveDuplicates());
    }

    @Test
    void describeTableCountsTheItemsOfEveryPartition() {
        // Nodes report their partitions' counts with each heartbeat (every 500 ms in a dev cluster).
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            var table = client.describeTable(b -> b.tableName("scanned")).table();
            assertThat(table.itemCount()).isEqualTo(ITEMS);
            assertThat(table.tableSizeBytes()).isGreaterThan(ITEMS * 10L);
        });
    }

    @Test
    void aSegmentNotBelowTotalSegmentsIsAValidationError() {
        assertThatThrownBy(() -> client.scan(b -> b.tableName("scanned").segment(3).totalSegments(3)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("The Segment parameter is zero-based and must be less than parameter TotalSegments");
    }
}
