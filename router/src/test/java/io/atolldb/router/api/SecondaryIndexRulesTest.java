package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.KeySchema;
import io.atolldb.model.SecondaryIndex;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CreateTable's secondary index declarations: what becomes of good ones, and DynamoDB's answer to bad ones. */
class SecondaryIndexRulesTest {
    private static final String VALIDATION = "com.amazon.coral.validate#ValidationException";
    private static final String TABLE = "'TableName':'Orders','BillingMode':'PAY_PER_REQUEST',"
            + "'KeySchema':[{'AttributeName':'customer','KeyType':'HASH'},{'AttributeName':'order','KeyType':'RANGE'}]";
    private static final String DEFINITIONS = "'AttributeDefinitions':[{'AttributeName':'customer','AttributeType':'S'},"
            + "{'AttributeName':'order','AttributeType':'N'},{'AttributeName':'status','AttributeType':'S'},"
            + "{'AttributeName':'placed','AttributeType':'N'}]";

    private final CapturingService service = new CapturingService();
    private final DynamoApi api = new DynamoApi(service);

    @Test
    void indexesBecomeTypedDefinitionsWithLocalOnesNumberedFirst() {
        ApiCall answer = ApiCall.call(api, "CreateTable", "{" + TABLE + "," + DEFINITIONS + ","
                + "'GlobalSecondaryIndexes':[{'IndexName':'byStatus','KeySchema':[{'AttributeName':'status','KeyType':'HASH'},"
                + "{'AttributeName':'placed','KeyType':'RANGE'}],'Projection':{'ProjectionType':'INCLUDE','NonKeyAttributes':['total']}}],"
                + "'LocalSecondaryIndexes':[{'IndexName':'byPlaced','KeySchema':[{'AttributeName':'customer','KeyType':'HASH'},"
                + "{'AttributeName':'placed','KeyType':'RANGE'}],'Projection':{'ProjectionType':'KEYS_ONLY'}}]}");

        assertThat(answer.status()).isEqualTo(200);
        var indexes = ((CreateTableRequest) service.lastRequest).indexes();
        var s = KeySchema.ScalarType.S;
        var n = KeySchema.ScalarType.N;
        assertThat(indexes).containsExactly(
                new IndexDefinition(new SecondaryIndex(1, "byPlaced", false,
                        new KeySchema(new KeySchema.KeyAttribute("customer", s), Optional.of(new KeySchema.KeyAttribute("placed", n))),
                        SecondaryIndex.ProjectionType.KEYS_ONLY, List.of()), ProvisionedThroughput.NONE),
                new IndexDefinition(new SecondaryIndex(2, "byStatus", true,
                        new KeySchema(new KeySchema.KeyAttribute("status", s), Optional.of(new KeySchema.KeyAttribute("placed", n))),
                        SecondaryIndex.ProjectionType.INCLUDE, List.of("total")), ProvisionedThroughput.NONE));
    }

    @Test
    void describeShowsBothKindsOfIndexWithArnsAndStatus() {
        var keys = new KeySchema(new KeySchema.KeyAttribute("customer", KeySchema.ScalarType.S), Optional.empty());
        var gsi = new SecondaryIndex(1, "byStatus", true, keys, SecondaryIndex.ProjectionType.ALL, List.of());
        var t = CapturingService.TABLE;
        service.table = new TableDescription(t.tableName(), t.tableId(), t.keySchema(), t.attributeDefinitions(), t.status(),
                t.creationDateTime(), 0, 0, t.billingMode(), t.provisionedThroughput(),
                List.of(new IndexDefinition(gsi, new ProvisionedThroughput(3, 4))));

        ApiCall answer = ApiCall.call(api, "DescribeTable", "{'TableName':'Music'}");

        var index = answer.body().path("Table").path("GlobalSecondaryIndexes").path(0);
        assertThat(index.path("IndexName").asText()).isEqualTo("byStatus");
        assertThat(index.path("IndexStatus").asText()).isEqualTo("ACTIVE");
        assertThat(index.path("IndexArn").asText()).endsWith(":table/Music/index/byStatus");
        assertThat(index.path("Projection").path("ProjectionType").asText()).isEqualTo("ALL");
        assertThat(index.path("ProvisionedThroughput").path("ReadCapacityUnits").asLong()).isEqualTo(3);
        assertThat(index.path("KeySchema").path(0).path("KeyType").asText()).isEqualTo("HASH");
        assertThat(answer.body().path("Table").has("LocalSecondaryIndexes")).isFalse();
    }

    record Bad(String description, String body, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Bad> badDeclarations() {
        String gsi = "{'IndexName':'byStatus','KeySchema':[{'AttributeName':'status','KeyType':'HASH'}],"
                + "'Projection':{'ProjectionType':'ALL'}}";
        String twoDefinitions = "'AttributeDefinitions':[{'AttributeName':'customer','AttributeType':'S'},"
                + "{'AttributeName':'order','AttributeType':'N'},{'AttributeName':'status','AttributeType':'S'}]";
        String definitions = twoDefinitions;
        return Stream.of(
                new Bad("an index key without definition", "{" + TABLE + ",'AttributeDefinitions':[{'AttributeName':'customer',"
                        + "'AttributeType':'S'},{'AttributeName':'order','AttributeType':'N'}],'GlobalSecondaryIndexes':[" + gsi + "]}",
                        "One or more parameter values were invalid: Some index key attributes are not defined in "
                                + "AttributeDefinitions. Keys: [status], AttributeDefinitions: [customer, order]"),
                new Bad("a definition no key uses", "{" + TABLE + "," + DEFINITIONS + ",'GlobalSecondaryIndexes':[" + gsi + "]}",
                        "One or more parameter values were invalid: Some AttributeDefinitions are not used. "
                                + "AttributeDefinitions: [customer, order, status, placed], keys used: [customer, order, status]"),
                new Bad("a local index on a table without sort key", "{'TableName':'Orders','BillingMode':'PAY_PER_REQUEST',"
                        + "'KeySchema':[{'AttributeName':'customer','KeyType':'HASH'}],'AttributeDefinitions':[{'AttributeName':"
                        + "'customer','AttributeType':'S'},{'AttributeName':'status','AttributeType':'S'}],'LocalSecondaryIndexes':"
                        + "[{'IndexName':'lsi','KeySchema':[{'AttributeName':'customer','KeyType':'HASH'},{'AttributeName':"
                        + "'status','KeyType':'RANGE'}],'Projection':{'ProjectionType':'ALL'}}]}",
                        "One or more parameter values were invalid: Table KeySchema does not have a range key, which is "
                                + "required when specifying a LocalSecondaryIndex"),
                new Bad("a local index with another partition key", "{" + TABLE + "," + definitions + ",'LocalSecondaryIndexes':"
                        + "[{'IndexName':'lsi','KeySchema':[{'AttributeName':'status','KeyType':'HASH'},{'AttributeName':"
                        + "'order','KeyType':'RANGE'}],'Projection':{'ProjectionType':'ALL'}}]}",
                        "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key "
                                + "as table KeySchema for index: lsi. index hash key: status, table hash key: customer"),
                new Bad("a local index without sort key", "{" + TABLE + "," + definitions + ",'LocalSecondaryIndexes':"
                        + "[{'IndexName':'lsi','KeySchema':[{'AttributeName':'customer','KeyType':'HASH'}],"
                        + "'Projection':{'ProjectionType':'ALL'}},{'IndexName':'lsi2','KeySchema':[{'AttributeName':'customer',"
                        + "'KeyType':'HASH'},{'AttributeName':'status','KeyType':'RANGE'}],'Projection':{'ProjectionType':'ALL'}}]}",
                        "One or more parameter values were invalid: Index KeySchema does not have a range key for index: lsi"),
                new Bad("two indexes of one name", "{" + TABLE + "," + definitions + ",'GlobalSecondaryIndexes':[" + gsi + "," + gsi + "]}",
                        "One or more parameter values were invalid: Duplicate index name: byStatus"),
                new Bad("NonKeyAttributes without INCLUDE", "{" + TABLE + "," + definitions + ",'GlobalSecondaryIndexes':["
                        + "{'IndexName':'byStatus','KeySchema':[{'AttributeName':'status','KeyType':'HASH'}],"
                        + "'Projection':{'ProjectionType':'KEYS_ONLY','NonKeyAttributes':['a']}}]}",
                        "One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified"),
                new Bad("a global index without throughput on a provisioned table", "{'TableName':'Orders',"
                        + "'KeySchema':[{'AttributeName':'customer','KeyType':'HASH'},{'AttributeName':'order','KeyType':'RANGE'}],"
                        + "'ProvisionedThroughput':{'ReadCapacityUnits':1,'WriteCapacityUnits':1}," + definitions
                        + ",'GlobalSecondaryIndexes':[" + gsi + "]}",
                        "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: byStatus"),
                new Bad("a global index with throughput on an on-demand table", "{" + TABLE + "," + definitions
                        + ",'GlobalSecondaryIndexes':[{'IndexName':'byStatus','KeySchema':[{'AttributeName':'status','KeyType':'HASH'}],"
                        + "'Projection':{'ProjectionType':'ALL'},'ProvisionedThroughput':{'ReadCapacityUnits':1,'WriteCapacityUnits':1}}]}",
                        "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: "
                                + "byStatus when BillingMode is PAY_PER_REQUEST"),
                new Bad("21 global indexes", "{" + TABLE + "," + definitions + ",'GlobalSecondaryIndexes':["
                        + String.join(",", IntStream.range(0, 21).mapToObj(i -> gsi.replace("byStatus", "gsi" + i)).toList()) + "]}",
                        "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20"),
                new Bad("6 local indexes", "{" + TABLE + "," + definitions + ",'LocalSecondaryIndexes':["
                        + String.join(",", IntStream.range(0, 6).mapToObj(i -> "{'IndexName':'lsi" + i + "','KeySchema':["
                        + "{'AttributeName':'customer','KeyType':'HASH'},{'AttributeName':'status','KeyType':'RANGE'}],"
                        + "'Projection':{'ProjectionType':'ALL'}}").toList()) + "]}",
                        "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5"),
                new Bad("an empty index list", "{" + TABLE + "," + definitions + ",'GlobalSecondaryIndexes':[]}",
                        "One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty"),
                new Bad("a too short index name", "{" + TABLE + "," + definitions + ",'GlobalSecondaryIndexes':["
                        + gsi.replace("byStatus", "ab") + "]}",
                        "1 validation error detected: Value 'ab' at 'globalSecondaryIndexes.1.member.indexName' failed to "
                                + "satisfy constraint: Member must have length greater than or equal to 3"),
                new Bad("an index without projection", "{" + TABLE + "," + definitions + ",'GlobalSecondaryIndexes':["
                        + "{'IndexName':'byStatus','KeySchema':[{'AttributeName':'status','KeyType':'HASH'}]}]}",
                        "1 validation error detected: Value null at 'globalSecondaryIndexes.1.member.projection' failed to "
                                + "satisfy constraint: Member must not be null"));
    }

    @ParameterizedTest
    @MethodSource("badDeclarations")
    void badDeclarationsGetDynamoDbsValidationException(Bad bad) {
        ApiCall answer = ApiCall.call(api, "CreateTable", bad.body());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo(VALIDATION);
        assertThat(answer.message()).isEqualTo(bad.message());
        assertThat(service.lastRequest).isNull();
    }
}
