package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReturnConsumedCapacity and ReturnItemCollectionMetrics: which members the response carries, and their shape. */
class ConsumedCapacityResponseTest {
    private static final String KEY = "'Key':{'artist':{'S':'a'}}";
    private final CapturingService service = new CapturingService();
    private final DynamoApi api = new DynamoApi(service);

    @Test
    void noneOrAbsentAddsNoConsumedCapacity() {
        assertThat(ApiCall.call(api, "GetItem", "{'TableName':'Music'," + KEY + "}").body().has("ConsumedCapacity")).isFalse();
        assertThat(ApiCall.call(api, "GetItem", "{'TableName':'Music'," + KEY + ",'ReturnConsumedCapacity':'NONE'}")
                .body().has("ConsumedCapacity")).isFalse();
    }

    @Test
    void totalAddsTheTableNameAndTheUnitsOnly() {
        service.consumed = new ConsumedCapacity("Music", 1.5);

        JsonNode consumed = ApiCall.call(api, "GetItem", "{'TableName':'Music'," + KEY + ",'ReturnConsumedCapacity':'TOTAL'}")
                .body().path("ConsumedCapacity");

        assertThat(consumed.path("TableName").asText()).isEqualTo("Music");
        assertThat(consumed.path("CapacityUnits").asDouble()).isEqualTo(1.5);
        assertThat(fieldNames(consumed)).containsExactly("TableName", "CapacityUnits");
    }

    @Test
    void indexesAddsTheTablesUnitsAndNoIndexMembersForATableWithoutIndexes() {
        service.consumed = new ConsumedCapacity("Music", 2);

        JsonNode consumed = ApiCall.call(api, "PutItem",
                "{'TableName':'Music','Item':{'artist':{'S':'a'}},'ReturnConsumedCapacity':'INDEXES'}").body().path("ConsumedCapacity");

        assertThat(fieldNames(consumed)).containsExactly("TableName", "CapacityUnits", "Table");
        assertThat(consumed.path("CapacityUnits").asDouble()).isEqualTo(2.0);
        assertThat(fieldNames(consumed.path("Table"))).containsExactly("CapacityUnits");
        assertThat(consumed.path("Table").path("CapacityUnits").asDouble()).isEqualTo(2.0);
    }

    @Test
    void everyDataPlaneOperationReportsWhenAsked() {
        String total = ",'ReturnConsumedCapacity':'TOTAL'}";
        List<ApiCall> calls = List.of(
                ApiCall.call(api, "PutItem", "{'TableName':'Music','Item':{'artist':{'S':'a'}}" + total),
                ApiCall.call(api, "UpdateItem", "{'TableName':'Music'," + KEY + total),
                ApiCall.call(api, "DeleteItem", "{'TableName':'Music'," + KEY + total),
                ApiCall.call(api, "GetItem", "{'TableName':'Music'," + KEY + total),
                ApiCall.call(api, "Query", "{'TableName':'Music','KeyConditionExpression':'artist = :a',"
                        + "'ExpressionAttributeValues':{':a':{'S':'a'}}" + total),
                ApiCall.call(api, "Scan", "{'TableName':'Music'" + total));

        for (ApiCall call : calls) {
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.body().path("ConsumedCapacity").path("CapacityUnits").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void batchesAnswerAListWithOneEntryPerTable() {
        service.consumedPerTable = List.of(new ConsumedCapacity("Music", 3), new ConsumedCapacity("Books", 0.5));

        JsonNode written = ApiCall.call(api, "BatchWriteItem", "{'RequestItems':{'Music':[{'PutRequest':{'Item':"
                + "{'artist':{'S':'a'}}}}]},'ReturnConsumedCapacity':'INDEXES'}").body().path("ConsumedCapacity");
        JsonNode read = ApiCall.call(api, "BatchGetItem", "{'RequestItems':{'Music':{'Keys':[{'artist':{'S':'a'}}]}},"
                + "'ReturnConsumedCapacity':'TOTAL'}").body().path("ConsumedCapacity");

        assertThat(written.isArray()).isTrue();
        assertThat(written).hasSize(2);
        assertThat(written.get(0).path("TableName").asText()).isEqualTo("Music");
        assertThat(written.get(0).path("CapacityUnits").asDouble()).isEqualTo(3.0);
        assertThat(written.get(0).path("Table").path("CapacityUnits").asDouble()).isEqualTo(3.0);
        assertThat(written.get(1).path("TableName").asText()).isEqualTo("Books");
        assertThat(read.isArray()).isTrue();
        assertThat(fieldNames(read.get(1))).containsExactly("TableName", "CapacityUnits");
        assertThat(read.get(1).path("CapacityUnits").asDouble()).isEqualTo(0.5);
    }

    @Test
    void batchesAnswerNoListUnlessAsked() {
        service.consumedPerTable = List.of(new ConsumedCapacity("Music", 3));

        JsonNode body = ApiCall.call(api, "BatchGetItem", "{'RequestItems':{'Music':{'Keys':[{'artist':{'S':'a'}}]}}}").body();

        assertThat(body.has("ConsumedCapacity")).isFalse();
    }

    @Test
    void anUnknownLevelIsAValidationError() {
        ApiCall answer = ApiCall.call(api, "GetItem", "{'TableName':'Music'," + KEY + ",'ReturnConsumedCapacity':'ALL'}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).endsWith("ValidationException");
        assertThat(answer.message()).contains("returnConsumedCapacity").contains("[INDEXES, TOTAL, NONE]");
    }

    /** DynamoDB reports item collection metrics only for tables with local secondary indexes; AtollDB has none. */
    @Test
    void itemCollectionMetricsSizeIsAcceptedAndAddsNothing() {
        for (String operation : List.of("PutItem", "UpdateItem", "DeleteItem")) {
            String target = operation.equals("PutItem") ? "'Item':{'artist':{'S':'a'}}" : KEY;
            ApiCall answer = ApiCall.call(api, operation, "{'TableName':'Music'," + target
                    + ",'ReturnItemCollectionMetrics':'SIZE','ReturnConsumedCapacity':'TOTAL'}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().has("ItemCollectionMetrics")).isFalse();
            assertThat(answer.body().has("ConsumedCapacity")).isTrue();
        }
        ApiCall batch = ApiCall.call(api, "BatchWriteItem", "{'RequestItems':{'Music':[{'PutRequest':{'Item':"
                + "{'artist':{'S':'a'}}}}]},'ReturnItemCollectionMetrics':'SIZE'}");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.body().has("ItemCollectionMetrics")).isFalse();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
