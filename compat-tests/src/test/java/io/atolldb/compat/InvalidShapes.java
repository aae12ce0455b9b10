package io.atolldb.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests of invalid shape, as raw JSON, that no SDK would send: JSON nulls where a value, a list element
 * or a map entry belongs, empty collections, members of the wrong JSON type, bodies that are not a JSON
 * object. {@link InvalidShapesDifferentialTest} sends each to AtollDB and to DynamoDB Local. Tables:
 * {@link #HASH} (partition key pk, S) and {@link #RANGE} (pk S, sort key sk N), each holding the item pk "a"
 * (and sk 1).
 */
final class InvalidShapes {
    static final String HASH = "shapes";
    static final String RANGE = "shapes_r";

    /** One request: operation and raw body. */
    record Request(String operation, String body) {
        @Override
        public String toString() {
            return operation + " " + body;
        }
    }

    private static final String KEY = "\"Key\":{\"pk\":{\"S\":\"a\"}}";
    private static final String T = "\"TableName\":\"" + HASH + "\"";
    private static final String R = "\"TableName\":\"" + RANGE + "\"";
    private static final String EQ_A = "{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"a\"}]}";
    private static final String NEW_TABLE = "\"TableName\":\"shapes_new\",\"BillingMode\":\"PAY_PER_REQUEST\"";
    private static final String NEW_DEFINITIONS = "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}]";
    private static final String NEW_KEYS = "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]";

    private InvalidShapes() {
    }

    static List<Request> all() {
        List<Request> all = new ArrayList<>();
        // Nulls and empty collections in batches.
        add(all, "BatchWriteItem", "{\"RequestItems\":{\"" + HASH + "\":null}}");
        add(all, "BatchWriteItem", "{\"RequestItems\":{\"" + HASH + "\":[]}}");
        add(all, "BatchWriteItem", "{\"RequestItems\":{}}");
        add(all, "BatchWriteItem", "{\"RequestItems\":null}");
        add(all, "BatchWriteItem", "{\"RequestItems\":{\"" + HASH + "\":[null]}}");
        add(all, "BatchWriteItem", "{\"RequestItems\":{\"" + HASH + "\":[{\"PutRequest\":{}}]}}");
        add(all, "BatchWriteItem", "{\"RequestItems\":{\"" + HASH + "\":[{\"PutRequest\":{\"Item\":null}}]}}");
        add(all, "BatchWriteItem", "{\"RequestItems\":{\"" + HASH + "\":[{\"PutRequest\":{\"Item\":{\"pk\":null}}}]}}");
        add(all, "BatchWriteItem", "{\"RequestItems\":{\"" + HASH + "\":[{\"DeleteRequest\":{\"Key\":{}}}]}}");
        add(all, "BatchWriteItem", "{\"RequestItems\":{\"" + HASH + "\":\"x\"}}");
        add(all, "BatchGetItem", "{\"RequestItems\":{\"" + HASH + "\":null}}");
        add(all, "BatchGetItem", "{\"RequestItems\":{\"" + HASH + "\":{}}}");
        add(all, "BatchGetItem", "{\"RequestItems\":{\"" + HASH + "\":{\"Keys\":[]}}}");
        add(all, "BatchGetItem", "{\"RequestItems\":{\"" + HASH + "\":{\"Keys\":null}}}");
        add(all, "BatchGetItem", "{\"RequestItems\":{\"" + HASH + "\":{\"Keys\":[null]}}}");
        add(all, "BatchGetItem", "{\"RequestItems\":{\"" + HASH + "\":{\"Keys\":[{}]}}}");
        add(all, "BatchGetItem", "{\"RequestItems\":{}}");
        add(all, "BatchGetItem", "{\"RequestItems\":{\"" + HASH + "\":{\"Keys\":[{\"pk\":{\"S\":\"a\"}}],\"AttributesToGet\":[]}}}");
        add(all, "BatchGetItem", "{\"RequestItems\":{\"" + HASH + "\":{\"Keys\":[{\"pk\":{\"S\":\"a\"}}],\"AttributesToGet\":[null]}}}");
        // Nulls in attribute values and keys.
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":null}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"L\":null}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"L\":[null]}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"M\":{\"y\":null}}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"SS\":[null]}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"NS\":[null]}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"BS\":[null]}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"SS\":[]}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"M\":{}},\"y\":{\"L\":[]}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{}}");
        add(all, "PutItem", "{" + T + ",\"Item\":null}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"}},\"Expected\":{\"x\":null}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"S\":\"v\",\"N\":null}}}");
        add(all, "DeleteItem", "{" + T + "," + KEY + ",\"Expected\":{\"x\":null}}");
        add(all, "DeleteItem", "{" + T + "," + KEY + ",\"Expected\":{}}");
        add(all, "DeleteItem", "{" + T + "," + KEY + ",\"Expected\":{\"x\":{}}}");
        add(all, "DeleteItem", "{" + T + "," + KEY + ",\"Expected\":{\"x\":{\"Value\":null}}}");
        add(all, "DeleteItem", "{" + T + "," + KEY + ",\"Expected\":{\"x\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[null]}}}");
        add(all, "DeleteItem", "{" + T + ",\"Key\":null}");
        add(all, "DeleteItem", "{" + T + ",\"Key\":{}}");
        add(all, "DeleteItem", "{" + T + ",\"Key\":{\"pk\":null}}");
        add(all, "DeleteItem", "{" + T + ",\"Key\":{\"pk\":{}}}");
        add(all, "DeleteItem", "{" + T + ",\"Key\":{\"pk\":{\"S\":null}}}");
        // AttributesToGet, projections and placeholders.
        add(all, "GetItem", "{" + T + "," + KEY + ",\"AttributesToGet\":[]}");
        add(all, "GetItem", "{" + T + "," + KEY + ",\"AttributesToGet\":[null]}");
        add(all, "GetItem", "{" + T + "," + KEY + ",\"AttributesToGet\":[\"\"]}");
        add(all, "GetItem", "{" + T + "," + KEY + ",\"ProjectionExpression\":\"\"}");
        add(all, "GetItem", "{" + T + "," + KEY + ",\"ProjectionExpression\":\"a\",\"ExpressionAttributeNames\":{}}");
        add(all, "GetItem", "{" + T + "," + KEY + ",\"ProjectionExpression\":\"#a\",\"ExpressionAttributeNames\":{\"#a\":null}}");
        add(all, "GetItem", "{" + T + "," + KEY + ",\"ProjectionExpression\":\"#a\",\"ExpressionAttributeNames\":{\"#a\":\"\"}}");
        add(all, "GetItem", "{" + T + "," + KEY + ",\"ProjectionExpression\":null}");
        // Legacy conditions with null entries.
        add(all, "Query", "{" + T + ",\"KeyConditions\":{\"pk\":" + EQ_A + "},\"AttributesToGet\":[]}");
        add(all, "Query", "{" + T + ",\"KeyConditions\":{\"pk\":null}}");
        add(all, "Query", "{" + T + ",\"KeyConditions\":{\"pk\":{\"ComparisonOperator\":\"EQ\"}}}");
        add(all, "Query", "{" + T + ",\"KeyConditions\":{\"pk\":" + EQ_A + "},\"QueryFilter\":{\"x\":null}}");
        add(all, "Query", "{" + T + ",\"KeyConditions\":{\"pk\":" + EQ_A + "},\"QueryFilter\":{}}");
        add(all, "Query", "{" + R + ",\"KeyConditionExpression\":\"pk = :v\",\"ExpressionAttributeValues\":{\":v\":null}}");
        add(all, "Query", "{" + R + ",\"KeyConditionExpression\":\"pk = :v\",\"ExpressionAttributeValues\":{}}");
        add(all, "Query", "{" + R + ",\"KeyConditionExpression\":\"pk = :v\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"a\"}},"
                + "\"ExclusiveStartKey\":{\"pk\":null}}");
        add(all, "Scan", "{" + T + ",\"ScanFilter\":{\"x\":null}}");
        add(all, "Scan", "{" + T + ",\"ScanFilter\":{\"\":{\"ComparisonOperator\":\"NULL\"}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"}},\"Expected\":{\"\":{\"Exists\":false}}}");
        add(all, "UpdateItem", "{" + T + "," + KEY + ",\"AttributeUpdates\":{\"\":{\"Action\":\"DELETE\"}}}");
        add(all, "Scan", "{" + T + ",\"ScanFilter\":{}}");
        add(all, "Scan", "{" + T + ",\"AttributesToGet\":[]}");
        add(all, "Scan", "{" + T + ",\"ExclusiveStartKey\":{}}");
        add(all, "Scan", "{" + T + ",\"Limit\":0}");
        add(all, "Scan", "{" + T + ",\"Limit\":99999999999}");
        add(all, "UpdateItem", "{" + T + "," + KEY + ",\"AttributeUpdates\":{\"x\":null}}");
        add(all, "UpdateItem", "{" + T + "," + KEY + ",\"AttributeUpdates\":{}}");
        add(all, "UpdateItem", "{" + T + "," + KEY + ",\"AttributeUpdates\":{\"x\":{\"Value\":null}}}");
        // Transactions and tables.
        add(all, "TransactWriteItems", "{\"TransactItems\":[null]}");
        add(all, "TransactWriteItems", "{\"TransactItems\":[]}");
        add(all, "TransactWriteItems", "{\"TransactItems\":[{}]}");
        add(all, "TransactWriteItems", "{\"TransactItems\":[{\"Put\":null}]}");
        add(all, "TransactWriteItems", "{\"TransactItems\":[{\"Put\":{" + T + ",\"Item\":null}}]}");
        add(all, "TransactGetItems", "{\"TransactItems\":[null]}");
        add(all, "TransactGetItems", "{\"TransactItems\":[{\"Get\":null}]}");
        add(all, "TransactGetItems", "{\"TransactItems\":[{\"Get\":{" + T + ",\"Key\":null}}]}");
        add(all, "CreateTable", "{" + NEW_TABLE + ",\"AttributeDefinitions\":[null]," + NEW_KEYS + "}");
        add(all, "CreateTable", "{" + NEW_TABLE + "," + NEW_DEFINITIONS + ",\"KeySchema\":[null]}");
        add(all, "CreateTable", "{" + NEW_TABLE + "," + NEW_DEFINITIONS + ",\"KeySchema\":[]}");
        add(all, "CreateTable", "{" + NEW_TABLE + "," + NEW_DEFINITIONS + "," + NEW_KEYS + ",\"GlobalSecondaryIndexes\":[null]}");
        add(all, "CreateTable", "{" + NEW_TABLE + "," + NEW_DEFINITIONS + "," + NEW_KEYS + ",\"GlobalSecondaryIndexes\":[{"
                + "\"IndexName\":\"ByPk\",\"KeySchema\":[null],\"Projection\":{\"ProjectionType\":\"ALL\"}}]}");
        add(all, "DescribeTable", "{\"TableName\":null}");
        add(all, "ListTables", "{\"Limit\":null}");
        // Members of the wrong JSON type, and bodies that are not a JSON object.
        add(all, "GetItem", "{" + T + "," + KEY + ",\"ConsistentRead\":\"yes\"}");
        add(all, "GetItem", "{" + T + "," + KEY + ",\"ConsistentRead\":1}");
        add(all, "GetItem", "{" + T + ",\"Key\":[]}");
        add(all, "GetItem", "{" + T + "," + KEY + ",\"AttributesToGet\":\"a\"}");
        add(all, "Scan", "{" + T + ",\"Limit\":\"5\"}");
        add(all, "Scan", "{" + T + ",\"Limit\":1.5}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"N\":5}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"BOOL\":\"true\"}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"B\":\"!!\"}}}");
        add(all, "PutItem", "{" + T + ",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{\"M\":[]}}}");
        add(all, "ListTables", "[]");
        add(all, "ListTables", "null");
        add(all, "ListTables", "");
        return all;
    }

    private static void add(List<Request> all, String operation, String body) {
        all.add(new Request(operation, body));
    }
}
