package io.atolldb.compat;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sends one generated request to one server and reduces the answer to an {@link Outcome}.
 *
 * <p>Query and Scan are followed to their last page. A Query's pages must match one by one (items in
 * order, counts, LastEvaluatedKey): its order is defined by the sort key. A Scan's order and page
 * boundaries are not comparable: AtollDB walks partitions in token (hash) order and DynamoDB Local in
 * its own order, and DynamoDB documents no order for Scan. So a Scan is compared as the set of all items
 * of all pages (of all segments, when TotalSegments is given) with the summed Count and ScannedCount.
 */
final class Executor {
    /** No generated operation needs more pages than this; more means a pagination loop. */
    private static final int MAX_PAGES = 500;

    private Executor() {
    }

    static Outcome run(DynamoDbClient client, DynamoDbRequest request) {
        try {
            switch (request) {
                case PutItemRequest r -> {
                    var response = client.putItem(r);
                    return Outcome.written(response.attributes(), response.hasAttributes());
                }
                case UpdateItemRequest r -> {
                    var response = client.updateItem(r);
                    return Outcome.written(response.attributes(), response.hasAttributes());
                }
                case DeleteItemRequest r -> {
                    var response = client.deleteItem(r);
                    return Outcome.written(response.attributes(), response.hasAttributes());
                }
                default -> {
                }
            }
            return Outcome.ok(switch (request) {
                case GetItemRequest r -> {
                    var response = client.getItem(r);
                    yield "item=" + Canonical.keyOrNull(response.item(), response.hasItem());
                }
                case QueryRequest r -> query(client, r);
                case ScanRequest r -> scan(client, r);
                case BatchGetItemRequest r -> {
                    var response = client.batchGetItem(r);
                    var tables = new TreeMap<String, TreeSet<String>>();
                    response.responses().forEach((table, items) ->
                            tables.put(table, sortedSet(items)));
                    yield "responses=" + tables + " unprocessed=" + response.unprocessedKeys().keySet();
                }
                case BatchWriteItemRequest r -> {
                    var response = client.batchWriteItem(r);
                    yield "unprocessed=" + response.unprocessedItems().keySet();
                }
                default -> throw new IllegalArgumentException("not generated: " + request);
            });
        } catch (ConditionalCheckFailedException e) {
            return Outcome.error(e.awsErrorDetails().errorCode(),
                    e.hasItem() ? "item=" + Canonical.item(e.item()) : "", e.awsErrorDetails().errorMessage());
        } catch (AwsServiceException e) {
            return Outcome.error(e.awsErrorDetails().errorCode(), "", e.awsErrorDetails().errorMessage());
        } catch (SdkClientException e) {
            // Refused by the SDK before sending: the same on both sides, still recorded.
            return Outcome.error("SdkClientException", "", e.getMessage());
        }
    }

    private static String query(DynamoDbClient client, QueryRequest first) {
        List<String> pages = new ArrayList<>();
        QueryRequest request = first;
        for (int page = 0; page < MAX_PAGES; page++) {
            QueryResponse response = client.query(request);
            pages.add("{items=" + response.items().stream().map(Canonical::item).toList()
                    + " count=" + response.count() + " scanned=" + response.scannedCount()
                    + " last=" + Canonical.keyOrNull(response.lastEvaluatedKey(), response.hasLastEvaluatedKey())
                    + (response.hasItems() ? "" : " noItems") + "}");
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return "pages=" + pages;
            }
            request = request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
        }
        throw new IllegalStateException("Query did not end after " + MAX_PAGES + " pages: " + first);
    }

    private static String scan(DynamoDbClient client, ScanRequest first) {
        if (first.totalSegments() != null && first.segment() != null && first.segment() == 0 && first.totalSegments() > 0
                && first.totalSegments() <= 4) {
            // A valid segmented Scan: walk every segment, compare the union.
            var union = new Scanned();
            for (int segment = 0; segment < first.totalSegments(); segment++) {
                scanSegment(client, first.toBuilder().segment(segment).build(), union);
            }
            return union.toString();
        }
        var all = new Scanned();
        scanSegment(client, first, all);
        return all.toString();
    }

    private static void scanSegment(DynamoDbClient client, ScanRequest first, Scanned into) {
        ScanRequest request = first;
        for (int page = 0; page < MAX_PAGES; page++) {
            ScanResponse response = client.scan(request);
            into.add(response.items(), response.hasItems(), response.count(), response.scannedCount());
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return;
            }
            request = request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
        }
        throw new IllegalStateException("Scan did not end after " + MAX_PAGES + " pages: " + first);
    }

    private static TreeSet<String> sortedSet(List<Map<String, AttributeValue>> items) {
        var set = new TreeSet<String>(Canonical.BY_VALUE);
        items.stream().map(Canonical::item).forEach(set::add);
        return set;
    }

    /** The union of Scan pages. */
    private static final class Scanned {
        private final TreeSet<String> items = new TreeSet<>(Canonical.BY_VALUE);
        private int count;
        private int scanned;
        private boolean itemsPresent;

        void add(List<Map<String, AttributeValue>> page, boolean present, Integer count, Integer scanned) {
            page.stream().map(Canonical::item).forEach(items::add);
            itemsPresent |= present;
            this.count += value(count);
            this.scanned += value(scanned);
        }

        private static int value(Integer n) {
            return n == null ? -1 : n;
        }

        @Override
        public String toString() {
            return "items=" + items + " count=" + count + " scanned=" + scanned + (itemsPresent ? "" : " noItems");
        }
    }

}
