package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every member of a valid request of every operation, replaced in turn by each wrong shape a client can send
 * (null, an empty or null-holding collection, another JSON type) or removed, is answered with a 400 and a
 * DynamoDB error type (or accepted): never a 5xx, and never a message showing a Java object's toString. Complements ApiFuzzTest, which finds what no list names.
 */
class RequestShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Java object's default toString ("io.atolldb.router.api.JsonFields@7e6f8883"), which a message must never show. */
    private static final java.util.regex.Pattern JAVA_TO_STRING = java.util.regex.Pattern.compile("[a-z]\\w*(\\.\\w+)+;?@[0-9a-f]{4,}");
    /** The shapes each member is replaced with; JSON text. */
    private static final List<String> SHAPES = List.of("null", "[]", "{}", "[null]", "{\"x\":null}", "\"\"", "\"x\"",
            "0", "-1", "1.5", "99999999999999999999", "true", "[{}]", "[[]]", "{\"S\":null}", "{\"S\":\"a\",\"N\":\"1\"}");

    /** A valid request of every operation; the service below accepts them all. */
    private static final Map<String, String> VALID = Map.ofEntries(
            Map.entry("CreateTable", """
                    {"TableName":"Music","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
                       {"AttributeName":"g","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                     "LocalSecondaryIndexes":[{"IndexName":"ByG","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                       {"AttributeName":"g","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}}],
                     "GlobalSecondaryIndexes":[{"IndexName":"ByG2","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
                       "Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}]}"""),
            Map.entry("DescribeTable", "{\"TableName\":\"Music\"}"),
            Map.entry("DeleteTable", "{\"TableName\":\"Music\"}"),
            Map.entry("ListTables", "{\"ExclusiveStartTableName\":\"Music\",\"Limit\":5}"),
            Map.entry("UpdateTable", "{\"TableName\":\"Music\",\"BillingMode\":\"PROVISIONED\","
                    + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":2,\"WriteCapacityUnits\":2}}"),
            Map.entry("TagResource", "{\"ResourceArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/Music\","
                    + "\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}"),
            Map.entry("UntagResource", "{\"ResourceArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/Music\",\"TagKeys\":[\"k\"]}"),
            Map.entry("ListTagsOfResource", "{\"ResourceArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/Music\"}"),
            Map.entry("PutItem", """
                    {"TableName":"Music","Item":{"pk":{"S":"a"},"l":{"L":[{"N":"1"},{"M":{"m":{"SS":["x"]}}}]},"b":{"BS":["AQ=="]}},
                     "ConditionExpression":"attribute_not_exists(#p) OR l[0] < :n","ExpressionAttributeNames":{"#p":"pk"},
                     "ExpressionAttributeValues":{":n":{"N":"5"}},"ReturnValues":"ALL_OLD","ReturnConsumedCapacity":"TOTAL",
                     "ReturnItemCollectionMetrics":"NONE","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}"""),
            Map.entry("GetItem", "{\"TableName\":\"Music\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"ConsistentRead\":true,"
                    + "\"ProjectionExpression\":\"#a, b\",\"ExpressionAttributeNames\":{\"#a\":\"a\"}}"),
            Map.entry("DeleteItem", """
                    {"TableName":"Music","Key":{"pk":{"S":"a"}},"ConditionalOperator":"OR",
                     "Expected":{"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"2"}]},
                       "b":{"Exists":false},"c":{"Value":{"S":"v"}}},"ReturnValues":"ALL_OLD"}"""),
            Map.entry("UpdateItem", """
                    {"TableName":"Music","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET a = :v ADD n :n",
                     "ConditionExpression":"size(a) > :n","ExpressionAttributeValues":{":v":{"S":"x"},":n":{"N":"1"}},
                     "ReturnValues":"UPDATED_NEW"}"""),
            Map.entry("UpdateItem.legacy", """
                    {"TableName":"Music","Key":{"pk":{"S":"a"}},"AttributeUpdates":{"a":{"Action":"PUT","Value":{"S":"x"}},
                     "n":{"Action":"ADD","Value":{"N":"1"}},"d":{"Action":"DELETE"}},"Expected":{"a":{"Exists":true,"Value":{"S":"y"}}}}"""),
            Map.entry("Query", """
                    {"TableName":"Music","IndexName":"ByG2","KeyConditionExpression":"g = :g","FilterExpression":"n IN (:a, :b)",
                     "ProjectionExpression":"g, n","ExpressionAttributeValues":{":g":{"S":"x"},":a":{"N":"1"},":b":{"N":"2"}},
                     "Limit":10,"ScanIndexForward":false,"ExclusiveStartKey":{"pk":{"S":"a"},"g":{"S":"x"}},"Select":"SPECIFIC_ATTRIBUTES"}"""),
            Map.entry("Query.legacy", """
                    {"TableName":"Music","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},
                     "QueryFilter":{"n":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"1"}]}},"ConditionalOperator":"AND",
                     "AttributesToGet":["n"],"ConsistentRead":true}"""),
            Map.entry("Scan", """
                    {"TableName":"Music","Segment":1,"TotalSegments":3,"Limit":5,"FilterExpression":"begins_with(a, :p)",
                     "ExpressionAttributeValues":{":p":{"S":"x"}},"Select":"COUNT"}"""),
            Map.entry("Scan.legacy", """
                    {"TableName":"Music","ScanFilter":{"a":{"ComparisonOperator":"NOT_NULL"},"b":{"ComparisonOperator":"IN",
                     "AttributeValueList":[{"B":"AQ=="},{"B":"Ag=="}]}},"AttributesToGet":["a"],"ExclusiveStartKey":{"pk":{"S":"a"}}}"""),
            Map.entry("BatchWriteItem.many", "{\"RequestItems\":{\"Music\":[" + String.join(",", java.util.Collections.nCopies(26,
                    "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"k\"}}}}")) + "]}}"),
            Map.entry("BatchWriteItem", """
                    {"RequestItems":{"Music":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"b"}}}}],
                     "Other":[{"PutRequest":{"Item":{"k":{"N":"1"}}}}]},"ReturnConsumedCapacity":"INDEXES"}"""),
            Map.entry("BatchGetItem", """
                    {"RequestItems":{"Music":{"Keys":[{"pk":{"S":"a"}}],"ProjectionExpression":"#p","ExpressionAttributeNames":{"#p":"pk"},
                     "ConsistentRead":true},"Other":{"Keys":[{"k":{"N":"1"}}],"AttributesToGet":["k"]}}}"""),
            Map.entry("TransactWriteItems", """
                    {"TransactItems":[{"Put":{"TableName":"Music","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)"}},
                     {"Update":{"TableName":"Music","Key":{"pk":{"S":"b"}},"UpdateExpression":"SET x = :x","ExpressionAttributeValues":{":x":{"S":"y"}}}},
                     {"Delete":{"TableName":"Music","Key":{"pk":{"S":"c"}}}},
                     {"ConditionCheck":{"TableName":"Music","Key":{"pk":{"S":"d"}},"ConditionExpression":"attribute_exists(pk)"}}],
                     "ClientRequestToken":"token"}"""),
            Map.entry("TransactGetItems", """
                    {"TransactItems":[{"Get":{"TableName":"Music","Key":{"pk":{"S":"a"}},"ProjectionExpression":"pk"}}]}"""));

    private final DynamoApi api = new DynamoApi(new CapturingService());

    @Test
    void theValidRequestsAreAccepted() {
        VALID.forEach((name, body) -> {
            ApiResponse response = call(name, body);
            // The in-memory service answers transactions with UnknownOperationException: they are parsed all the same.
            assertThat(response.httpStatus() == 200 || name.startsWith("Transact") || name.equals("BatchWriteItem.many"))
                    .as("%s: %s", name, new String(response.body(), StandardCharsets.UTF_8)).isTrue();
        });
    }

    @Test
    void noWrongShapeOfAnyMemberAnswersAServerError() {
        List<String> failures = new ArrayList<>();
        int[] sent = new int[1];
        VALID.forEach((name, body) -> forEachMutation(parse(body), mutated -> {
            sent[0]++;
            ApiResponse response = call(name, mutated.toString());
            JsonNode answer = parse(new String(response.body(), StandardCharsets.UTF_8));
            boolean dynamoError = answer.path("__type").isTextual() && answer.path("message").isTextual();
            boolean javaText = JAVA_TO_STRING.matcher(answer.path("message").asText()).find();
            if (response.httpStatus() >= 500 || response.httpStatus() != 200 && !dynamoError || javaText) {
                failures.add(name + " " + mutated + " -> " + response.httpStatus() + " " + answer);
            }
        }));
        assertThat(sent[0]).as("mutated requests sent").isGreaterThan(3000);
        assertThat(failures).isEmpty();
    }

    /** Calls {@code request}'s operation ("Query.legacy" is a Query). */
    private ApiResponse call(String request, String body) {
        String operation = request.contains(".") ? request.substring(0, request.indexOf('.')) : request;
        return api.handle(DynamoApi.TARGET_PREFIX + operation, body.getBytes(StandardCharsets.UTF_8), "shape-test");
    }

    /** Hands {@code consumer} a copy of {@code root} for every member and element replaced by every shape, or removed. */
    private static void forEachMutation(JsonNode root, Consumer<JsonNode> consumer) {
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(root, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            for (String shape : SHAPES) {
                JsonNode copy = root.deepCopy();
                replace(copy, path, parse(shape));
                consumer.accept(copy);
            }
            JsonNode copy = root.deepCopy();
            replace(copy, path, null);
            consumer.accept(copy);
        }
    }

    private static void collectPaths(JsonNode node, List<Object> at, List<List<Object>> paths) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                List<Object> path = new ArrayList<>(at);
                path.add(name);
                paths.add(path);
                collectPaths(node.get(name), path, paths);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = new ArrayList<>(at);
                path.add(i);
                paths.add(path);
                collectPaths(node.get(i), path, paths);
            }
        }
    }

    /** Replaces the node at {@code path} by {@code value}, or removes it when {@code value} is null. */
    private static void replace(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
        }
        Object last = path.getLast();
        if (last instanceof String name) {
            if (value == null) {
                ((ObjectNode) parent).remove(name);
            } else {
                ((ObjectNode) parent).set(name, value);
            }
        } else if (value == null) {
            ((ArrayNode) parent).remove((Integer) last);
        } else {
            ((ArrayNode) parent).set((Integer) last, value);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
