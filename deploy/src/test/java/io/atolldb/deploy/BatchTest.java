package io.atolldb.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BatchWriteItem and BatchGetItem through the AWS SDK (DynamoDB API Reference, BatchWriteItem, BatchGetItem). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class BatchTest {
    private DynamoDbClient client;

    @BeforeAll
    void createTable(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        Dynamo.createTable(client, "batched");
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static WriteRequest put(String id) {
        return WriteRequest.builder().putRequest(PutRequest.builder()
                .item(Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS("v-" + id))).build()).build();
    }

    @Test
    void twentyFivePutsAreAllWrittenAndReadBackInOneBatchGet() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            writes.add(put("b-" + i));
        }
        var written = client.batchWriteItem(b -> b.requestItems(Map.of("batched", writes)));
        assertThat(written.unprocessedItems()).isEmpty();

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(key("b-" + i));
        }
        keys.add(key("never-written"));
        var read = client.batchGetItem(b -> b.requestItems(Map.of("batched",
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));

        assertThat(read.unprocessedKeys()).isEmpty();
        assertThat(read.responses().get("batched")).hasSize(25)
                .allSatisfy(item -> assertThat(item.get("v").s()).isEqualTo("v-" + item.get("id").s()));
    }

    @Test
    void aBatchMixesPutsAndDeletes() {
        client.batchWriteItem(b -> b.requestItems(Map.of("batched", List.of(put("gone"), put("kept")))));
        client.batchWriteItem(b -> b.requestItems(Map.of("batched", List.of(
                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key("gone")).build()).build(),
                put("new")))));

        var read = client.batchGetItem(b -> b.requestItems(Map.of("batched",
                KeysAndAttributes.builder().keys(key("gone"), key("kept"), key("new")).consistentRead(true).build())));
        assertThat(read.responses().get("batched")).extracting(item -> item.get("id").s())
                .containsExactlyInAnyOrder("kept", "new");
    }

    @Test
    void projectionsTrimGetItemAndBatchGetItemAnswers() {
        client.putItem(b -> b.tableName("batched").item(Map.of("id", AttributeValue.fromS("wide"), "a", AttributeValue.fromS("1"),
                "b", AttributeValue.fromM(Map.of("c", AttributeValue.fromS("2"), "d", AttributeValue.fromS("3"))))));

        var one = client.getItem(b -> b.tableName("batched").key(key("wide")).consistentRead(true)
                .projectionExpression("#b.c").expressionAttributeNames(Map.of("#b", "b")));
        assertThat(one.item()).isEqualTo(Map.of("b", AttributeValue.fromM(Map.of("c", AttributeValue.fromS("2")))));

        var batch = client.batchGetItem(b -> b.requestItems(Map.of("batched",
                KeysAndAttributes.builder().keys(key("wide")).consistentRead(true).projectionExpression("a").build())));
        assertThat(batch.responses().get("batched")).containsExactly(Map.of("a", AttributeValue.fromS("1")));
    }

    @Test
    void twoWritesOfOneKeyInABatchAreRejectedAndNothingIsWritten() {
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("batched", List.of(put("dup"), put("dup"))))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Provided list of item keys contains duplicates");
        assertThat(client.getItem(b -> b.tableName("batched").key(key("dup")).consistentRead(true)).hasItem()).isFalse();
    }

    @Test
    void moreThanTwentyFiveWritesAreRejected() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            writes.add(put("many-" + i));
        }
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("batched", writes))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("25");
    }

    @Test
    void aBatchNamingAMissingTableIsRejected() {
        assertThatThrownBy(() -> client.batchGetItem(b -> b.requestItems(Map.of("no-such-table",
                KeysAndAttributes.builder().keys(key("x")).build()))))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
