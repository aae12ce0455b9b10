package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.KeySchema;
import io.atolldb.model.KeySchema.KeyAttribute;
import io.atolldb.model.KeySchema.ScalarType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Successful requests: wire JSON becomes the typed request the service gets, its result becomes DynamoDB's JSON. */
class OperationsTest {
    private final CapturingService service = new CapturingService();
    private final DynamoApi api = new DynamoApi(service);

    @Test
    void createTableBecomesATypedRequestWithBothKeys() {
        ApiCall answer = ApiCall.call(api, "CreateTable", "{'TableName':'Music','BillingMode':'PAY_PER_REQUEST',"
                + "'KeySchema':[{'AttributeName':'artist','KeyType':'HASH'},{'AttributeName':'year','KeyType':'RANGE'}],"
                + "'AttributeDefinitions':[{'AttributeName':'year','AttributeType':'N'},"
                + "{'AttributeName':'artist','AttributeType':'S'}],'Tags':[{'Key':'team','Value':'x'}]}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(service.lastRequest).isEqualTo(new CreateTableRequest("Music",
                new KeySchema(new KeyAttribute("artist", ScalarType.S), Optional.of(new KeyAttribute("year", ScalarType.N))),
                List.of(new AttributeDefinition("year", ScalarType.N), new AttributeDefinition("artist", ScalarType.S)),
                BillingMode.PAY_PER_REQUEST, null, List.of(), java.util.Map.of("team", "x")));
        assertThat(answer.body().path("TableDescription").path("TableName").asText()).isEqualTo("Music");
    }

    @Test
    void createTableDefaultsToProvisionedBilling() {
        ApiCall.call(api, "CreateTable", "{'TableName':'Music',"
                + "'KeySchema':[{'AttributeName':'artist','KeyType':'HASH'}],"
                + "'AttributeDefinitions':[{'AttributeName':'artist','AttributeType':'B'}],"
                + "'ProvisionedThroughput':{'ReadCapacityUnits':10,'WriteCapacityUnits':20}}");

        CreateTableRequest request = (CreateTableRequest) service.lastRequest;
        assertThat(request.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(request.provisionedThroughput()).isEqualTo(new ProvisionedThroughput(10, 20));
        assertThat(request.keySchema().partitionKey()).isEqualTo(new KeyAttribute("artist", ScalarType.B));
        assertThat(request.keySchema().sortKey()).isEmpty();
    }

    @Test
    void describeTableAnswersDynamoDbsTableDescription() {
        ApiCall answer = ApiCall.call(api, "DescribeTable", "{'TableName':'Music'}");

        JsonNode table = answer.body().path("Table");
        assertThat(service.lastRequest).isEqualTo("Music");
        assertThat(table.path("TableName").asText()).isEqualTo("Music");
        assertThat(table.path("TableId").asText()).isEqualTo(CapturingService.TABLE.tableId());
        assertThat(table.path("TableArn").asText()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/Music");
        assertThat(table.path("TableStatus").asText()).isEqualTo("ACTIVE");
        assertThat(table.path("KeySchema").toString()).isEqualTo("[{\"AttributeName\":\"artist\",\"KeyType\":\"HASH\"}]");
        assertThat(table.path("AttributeDefinitions").toString())
                .isEqualTo("[{\"AttributeName\":\"artist\",\"AttributeType\":\"S\"}]");
        assertThat(table.path("CreationDateTime").isNumber()).isTrue();
        assertThat(table.path("CreationDateTime").decimalValue()).isEqualByComparingTo("1714558530.25");
        assertThat(table.path("ItemCount").asLong()).isEqualTo(3);
        assertThat(table.path("TableSizeBytes").asLong()).isEqualTo(1234);
        assertThat(table.path("BillingModeSummary").path("BillingMode").asText()).isEqualTo("PROVISIONED");
        assertThat(table.path("ProvisionedThroughput").toString())
                .isEqualTo("{\"NumberOfDecreasesToday\":0,\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":7}");
    }

    @Test
    void theTableArnNamesTheConfiguredRegion() {
        DynamoApi european = new DynamoApi(service, "eu-west-1");

        ApiCall answer = ApiCall.call(european, "DeleteTable", "{'TableName':'Music'}");

        assertThat(answer.body().path("TableDescription").path("TableArn").asText())
                .isEqualTo("arn:aws:dynamodb:eu-west-1:000000000000:table/Music");
    }

    @Test
    void listTablesPassesThePageAndAnswersTheNextStart() {
        service.tables = new ListTablesResult(List.of("Alpha", "Beta"), "Beta");

        ApiCall answer = ApiCall.call(api, "ListTables", "{'ExclusiveStartTableName':'Aardvark','Limit':2}");

        assertThat(service.lastRequest).isEqualTo(new ListTablesHandler.Page("Aardvark", 2));
        assertThat(answer.body().toString()).isEqualTo("{\"TableNames\":[\"Alpha\",\"Beta\"],\"LastEvaluatedTableName\":\"Beta\"}");
    }

    @Test
    void listTablesWithoutArgumentsStartsAtTheBeginningWithLimit100AndOmitsTheLastNameOnTheLastPage() {
        service.tables = new ListTablesResult(List.of("Alpha"), null);

        ApiCall answer = ApiCall.call(api, "ListTables", "{}");

        assertThat(service.lastRequest).isEqualTo(new ListTablesHandler.Page(null, 100));
        assertThat(answer.body().toString()).isEqualTo("{\"TableNames\":[\"Alpha\"]}");
    }

    @Test
    void putItemPassesTheItemAndAnswersNothingWithoutReturnValues() {
        ApiCall answer = ApiCall.call(api, "PutItem",
                "{'TableName':'Music','Item':{'artist':{'S':'Bach'},'year':{'N':'1723'}},'ReturnConsumedCapacity':'TOTAL'}");

        assertThat(answer.body().toString()).isEqualTo("{\"ConsumedCapacity\":{\"TableName\":\"Music\",\"CapacityUnits\":1.0}}");
        assertThat(service.lastRequest).isEqualTo(new PutItemRequest("Music",
                new Item(Map.of("artist", new AttributeValue.S("Bach"), "year", new AttributeValue.N(new BigDecimal("1723")))),
                ReturnValues.NONE));
    }

    @Test
    void putItemWithAllOldAnswersTheReplacedItem() {
        service.item = Optional.of(new Item(Map.of("artist", new AttributeValue.S("Bach"))));

        ApiCall answer = ApiCall.call(api, "PutItem",
                "{'TableName':'Music','Item':{'artist':{'S':'Bach'}},'ReturnValues':'ALL_OLD'}");

        assertThat(((PutItemRequest) service.lastRequest).returnValues()).isEqualTo(ReturnValues.ALL_OLD);
        assertThat(answer.body().toString()).isEqualTo("{\"Attributes\":{\"artist\":{\"S\":\"Bach\"}}}");
    }

    @Test
    void getItemPassesConsistentReadAndAnswersTheItemOrNothing() {
        ApiCall missing = ApiCall.call(api, "GetItem", "{'TableName':'Music','Key':{'artist':{'S':'Bach'}},'ConsistentRead':true}");
        GetItemRequest request = (GetItemRequest) service.lastRequest;
        service.item = Optional.of(new Item(Map.of("artist", new AttributeValue.S("Bach"))));
        ApiCall found = ApiCall.call(api, "GetItem", "{'TableName':'Music','Key':{'artist':{'S':'Bach'}}}");

        assertThat(request).isEqualTo(new GetItemRequest("Music", Map.of("artist", new AttributeValue.S("Bach")), true));
        assertThat(((GetItemRequest) service.lastRequest).consistentRead()).isFalse();
        assertThat(missing.body().toString()).isEqualTo("{}");
        assertThat(found.body().toString()).isEqualTo("{\"Item\":{\"artist\":{\"S\":\"Bach\"}}}");
    }

    @Test
    void deleteItemPassesTheKeyAndReturnValues() {
        ApiCall answer = ApiCall.call(api, "DeleteItem",
                "{'TableName':'Music','Key':{'artist':{'S':'Bach'}},'ReturnValues':'ALL_OLD'}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(service.lastRequest).isEqualTo(
                new DeleteItemRequest("Music", Map.of("artist", new AttributeValue.S("Bach")), ReturnValues.ALL_OLD));
        assertThat(answer.response().operation()).isEqualTo("DeleteItem");
        assertThat(answer.response().outcome()).isEqualTo(ApiResponse.OK);
    }

    @Test
    void operationNamesForMetricsAreOnlySupportedOperationsOrUnknown() {
        assertThat(api.operationName("DynamoDB_20120810.GetItem")).isEqualTo("GetItem");
        assertThat(api.operationName("DynamoDB_20120810.ExecuteStatement")).isEqualTo(DynamoApi.UNKNOWN_OPERATION);
        assertThat(api.operationName("DynamoDB_20120810.x-" + System.nanoTime())).isEqualTo(DynamoApi.UNKNOWN_OPERATION);
        assertThat(api.operationName(null)).isEqualTo(DynamoApi.UNKNOWN_OPERATION);
    }
}
