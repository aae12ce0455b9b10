package io.atolldb.compat;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded stream of DynamoDB requests over one or two tables. The stream depends only on the seed
 * (never on answers), so a seed and a step number replay a failure exactly.
 *
 * <p>About one request in eight is invalid on purpose (wrong key types, empty keys, oversized items,
 * unused or undefined placeholders, reserved words, syntax errors, duplicate batch keys, wrong
 * ReturnValues, Limit 0, ...): both servers must refuse it with the same error type.
 */
final class OperationGenerator {
    private final Random random;
    private final Values values;
    private final List<TableShape> tables;

    OperationGenerator(long seed, List<TableShape> tables) {
        this.random = new Random(seed);
        this.values = new Values(random);
        this.tables = tables;
    }

    /** The tables of a seed: one or two, hash-only and hash+range, key types drawn from S, N, B. */
    static List<TableShape> tablesFor(long seed, String prefix) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        ScalarAttributeType[] types = {ScalarAttributeType.S, ScalarAttributeType.N, ScalarAttributeType.B};
        List<TableShape> tables = new ArrayList<>();
        tables.add(new TableShape(prefix + "r", types[random.nextInt(3)], types[random.nextInt(3)]));
        if (random.nextInt(3) != 0) {
            tables.add(new TableShape(prefix + "h", types[random.nextInt(3)], null));
        }
        return tables;
    }

    DynamoDbRequest next() {
        if (random.nextInt(8) == 0) {
            return invalid();
        }
        int pick = random.nextInt(100);
        if (pick < 20) {
            return put(table());
        } else if (pick < 32) {
            return get(table());
        } else if (pick < 54) {
            return update(table());
        } else if (pick < 62) {
            return delete(table());
        } else if (pick < 78) {
            return query(table());
        } else if (pick < 86) {
            return scan(table());
        } else if (pick < 93) {
            return batchGet();
        } else {
            return batchWrite();
        }
    }

    private TableShape table() {
        return tables.get(random.nextInt(tables.size()));
    }

    // ---- keys and items ------------------------------------------------------------------------

    private Map<String, AttributeValue> key(TableShape table) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(TableShape.PK, values.partitionKey(table.partitionKeyType()));
        if (table.hasSortKey()) {
            key.put(TableShape.SK, values.sortKey(table.sortKeyType()));
        }
        return key;
    }

    private Map<String, AttributeValue> item(TableShape table) {
        Map<String, AttributeValue> item = key(table);
        for (String attribute : Values.ATTRIBUTES) {
            if (random.nextInt(3) == 0) {
                item.put(attribute, values.forAttribute(attribute));
            }
        }
        return item;
    }

    // ---- paths, conditions, updates -------------------------------------------------------------

    /** A document path over the usual attributes, with map members and list elements. */
    private String path(Expr expr, boolean includeKeys) {
        int pick = random.nextInt(includeKeys ? 14 : 12);
        return switch (pick) {
            case 10 -> expr.name("m") + ".x";
            case 11 -> random.nextBoolean() ? expr.name("l") + "[" + random.nextInt(3) + "]" : expr.name("m") + ".z[0]";
            case 12 -> expr.name(TableShape.PK);
            case 13 -> expr.name(TableShape.SK);
            default -> expr.name(Values.ATTRIBUTES.get(pick % Values.ATTRIBUTES.size()));
        };
    }

    private String condition(Expr expr, int depth, boolean includeKeys) {
        int pick = random.nextInt(depth > 0 ? 16 : 12);
        return switch (pick) {
            case 0 -> "attribute_exists(" + path(expr, includeKeys) + ")";
            case 1 -> "attribute_not_exists(" + path(expr, includeKeys) + ")";
            case 2, 3 -> path(expr, includeKeys) + " " + comparator() + " " + expr.value(operand());
            case 4 -> {
                String low = expr.value(AttributeValue.fromN(String.valueOf(random.nextInt(4))));
                String high = expr.value(AttributeValue.fromN(String.valueOf(random.nextInt(12))));
                yield path(expr, includeKeys) + " BETWEEN " + low + " AND " + high;
            }
            case 5 -> "begins_with(" + path(expr, includeKeys) + ", "
                    + expr.value(random.nextInt(4) == 0 ? values.binary() : values.string()) + ")";
            case 6 -> "contains(" + path(expr, includeKeys) + ", "
                    + expr.value(random.nextInt(4) == 0 ? values.binary() : values.scalar()) + ")";
            case 7 -> "size(" + path(expr, includeKeys) + ") " + comparator() + " "
                    + expr.value(AttributeValue.fromN(String.valueOf(random.nextInt(4))));
            case 8 -> path(expr, includeKeys) + " IN (" + expr.value(operand()) + ", " + expr.value(operand()) + ")";
            case 9 -> "attribute_type(" + path(expr, includeKeys) + ", "
                    + expr.value(AttributeValue.fromS(new String[] {"S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"}[random.nextInt(10)])) + ")";
            case 10 -> path(expr, includeKeys) + " " + comparator() + " " + path(expr, includeKeys);
            case 11 -> path(expr, includeKeys) + " = " + expr.value(values.forAttribute("a"));
            case 12, 13 -> "(" + condition(expr, depth - 1, includeKeys) + (random.nextBoolean() ? " AND " : " OR ")
                    + condition(expr, depth - 1, includeKeys) + ")";
            case 14 -> "NOT " + condition(expr, depth - 1, includeKeys);
            default -> condition(expr, depth - 1, includeKeys) + " AND " + condition(expr, depth - 1, includeKeys);
        };
    }

    private String comparator() {
        return new String[] {"=", "<>", "<", "<=", ">", ">="}[random.nextInt(6)];
    }

    private AttributeValue operand() {
        return random.nextInt(3) == 0 ? values.string() : values.number();
    }

    /** SET / REMOVE / ADD / DELETE clauses over distinct attributes (overlaps only when asked). */
    private String updateExpression(Expr expr) {
        List<String> free = new ArrayList<>(List.of("a", "n", "s", "b", "l", "m", "ss", "ns", "bs", "status"));
        java.util.Collections.shuffle(free, random);
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<String> add = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        int actions = 1 + random.nextInt(3);
        for (int i = 0; i < actions; i++) {
            String attribute = free.remove(0);
            String target = expr.name(attribute);
            int pick = random.nextInt(12);
            switch (pick) {
                case 0, 1 -> set.add(target + " = " + expr.value(values.forAttribute(attribute)));
                case 2 -> set.add(target + " = " + target + (random.nextBoolean() ? " + " : " - ") + expr.value(values.number()));
                case 3 -> set.add(target + " = if_not_exists(" + target + ", " + expr.value(values.forAttribute(attribute)) + ")");
                case 4 -> set.add(target + " = list_append(" + target + ", " + expr.value(values.list(0)) + ")");
                case 5 -> set.add(target + " = list_append(" + expr.value(values.list(0)) + ", " + target + ")");
                case 6 -> set.add(target + " = " + expr.name(free.get(0)));
                case 7 -> remove.add(random.nextInt(3) == 0 ? expr.name("l") + "[" + random.nextInt(3) + "]" : target);
                case 8 -> set.add(expr.name("m") + ".x = " + expr.value(values.number()));
                case 9 -> add.add(target + " " + expr.value(random.nextBoolean() ? values.number()
                        : random.nextBoolean() ? values.stringSet() : values.numberSet()));
                case 10 -> delete.add(target + " " + expr.value(random.nextBoolean() ? values.stringSet() : values.numberSet()));
                default -> set.add(target + " = if_not_exists(" + target + ", " + expr.value(values.number()) + ") + "
                        + expr.value(values.number()));
            }
        }
        StringBuilder text = new StringBuilder();
        clause(text, "SET", set);
        clause(text, "REMOVE", remove);
        clause(text, "ADD", add);
        clause(text, "DELETE", delete);
        return text.toString().trim();
    }

    private static void clause(StringBuilder text, String keyword, List<String> actions) {
        if (!actions.isEmpty()) {
            text.append(keyword).append(' ').append(String.join(", ", actions)).append(' ');
        }
    }

    private String returnValues(boolean update) {
        if (update) {
            return new String[] {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"}[random.nextInt(5)];
        }
        return random.nextBoolean() ? "NONE" : "ALL_OLD";
    }

    private String projection(Expr expr, TableShape table) {
        int count = 1 + random.nextInt(3);
        Set<String> attributes = new java.util.LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(14);
            attributes.add(switch (pick) {
                case 10 -> expr.name("m") + ".x";
                case 11 -> expr.name("l") + "[0]";
                case 12 -> expr.name(TableShape.PK);
                case 13 -> table.hasSortKey() ? expr.name(TableShape.SK) : expr.name("a");
                default -> expr.name(Values.ATTRIBUTES.get(pick));
            });
        }
        return String.join(", ", attributes);
    }

    // ---- valid operations -----------------------------------------------------------------------

    private PutItemRequest put(TableShape table) {
        var builder = PutItemRequest.builder().tableName(table.name()).item(item(table));
        Expr expr = new Expr(random);
        if (random.nextInt(3) == 0) {
            builder.conditionExpression(condition(expr, 2, true));
            if (random.nextBoolean()) {
                builder.returnValuesOnConditionCheckFailure(random.nextBoolean() ? "ALL_OLD" : "NONE");
            }
        }
        if (random.nextBoolean()) {
            builder.returnValues(returnValues(false));
        }
        return builder.expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
    }

    private GetItemRequest get(TableShape table) {
        var builder = GetItemRequest.builder().tableName(table.name()).key(key(table)).consistentRead(true);
        Expr expr = new Expr(random);
        if (random.nextInt(3) == 0) {
            builder.projectionExpression(projection(expr, table));
        }
        return builder.expressionAttributeNames(expr.names()).build();
    }

    private UpdateItemRequest update(TableShape table) {
        Expr expr = new Expr(random);
        var builder = UpdateItemRequest.builder().tableName(table.name()).key(key(table))
                .updateExpression(updateExpression(expr));
        if (random.nextInt(3) == 0) {
            builder.conditionExpression(condition(expr, 2, true));
            if (random.nextBoolean()) {
                builder.returnValuesOnConditionCheckFailure(random.nextBoolean() ? "ALL_OLD" : "NONE");
            }
        }
        if (random.nextInt(4) != 0) {
            builder.returnValues(returnValues(true));
        }
        return builder.expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
    }

    private DeleteItemRequest delete(TableShape table) {
        var builder = DeleteItemRequest.builder().tableName(table.name()).key(key(table));
        Expr expr = new Expr(random);
        if (random.nextInt(3) == 0) {
            builder.conditionExpression(condition(expr, 2, true));
            if (random.nextBoolean()) {
                builder.returnValuesOnConditionCheckFailure(random.nextBoolean() ? "ALL_OLD" : "NONE");
            }
        }
        if (random.nextBoolean()) {
            builder.returnValues(returnValues(false));
        }
        return builder.expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
    }

    private QueryRequest query(TableShape table) {
        Expr expr = new Expr(random);
        String keyCondition = expr.name(TableShape.PK) + " = " + expr.value(values.partitionKey(table.partitionKeyType()));
        if (table.hasSortKey() && random.nextInt(3) != 0) {
            String sk = expr.name(TableShape.SK);
            int pick = random.nextInt(table.sortKeyType() == ScalarAttributeType.N ? 6 : 7);
            keyCondition += " AND " + switch (pick) {
                case 5 -> {
                    String low = expr.value(values.sortKey(table.sortKeyType()));
                    String high = expr.value(values.sortKey(table.sortKeyType()));
                    yield sk + " BETWEEN " + low + " AND " + high;
                }
                case 6 -> "begins_with(" + sk + ", " + expr.value(values.sortKey(table.sortKeyType())) + ")";
                default -> sk + " " + new String[] {"=", "<", "<=", ">", ">="}[pick] + " " + expr.value(values.sortKey(table.sortKeyType()));
            };
        }
        var builder = QueryRequest.builder().tableName(table.name()).keyConditionExpression(keyCondition).consistentRead(true);
        if (random.nextInt(3) == 0) {
            builder.filterExpression(condition(expr, 1, false));
        }
        boolean count = random.nextInt(6) == 0;
        if (count) {
            builder.select("COUNT");
        } else if (random.nextInt(3) == 0) {
            builder.projectionExpression(projection(expr, table));
        }
        if (random.nextBoolean()) {
            builder.limit(1 + random.nextInt(4));
        }
        if (random.nextBoolean()) {
            builder.scanIndexForward(random.nextBoolean());
        }
        return builder.expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
    }

    private ScanRequest scan(TableShape table) {
        Expr expr = new Expr(random);
        var builder = ScanRequest.builder().tableName(table.name()).consistentRead(true);
        if (random.nextBoolean()) {
            builder.filterExpression(condition(expr, 1, true));
        }
        if (random.nextInt(6) == 0) {
            builder.select("COUNT");
        } else if (random.nextInt(3) == 0) {
            builder.projectionExpression(projection(expr, table));
        }
        if (random.nextBoolean()) {
            builder.limit(1 + random.nextInt(5));
        }
        if (random.nextInt(4) == 0) {
            builder.segment(0).totalSegments(1 + random.nextInt(4));
        }
        return builder.expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
    }

    private BatchGetItemRequest batchGet() {
        Map<String, KeysAndAttributes> requests = new LinkedHashMap<>();
        for (TableShape table : tables) {
            if (requests.isEmpty() || random.nextBoolean()) {
                Set<Map<String, AttributeValue>> keys = new java.util.LinkedHashSet<>();
                int count = 1 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    keys.add(key(table));
                }
                var builder = KeysAndAttributes.builder().keys(new ArrayList<>(keys)).consistentRead(true);
                if (random.nextInt(3) == 0) {
                    Expr expr = new Expr(random);
                    builder.projectionExpression(projection(expr, table)).expressionAttributeNames(expr.names());
                }
                requests.put(table.name(), builder.build());
            }
        }
        return BatchGetItemRequest.builder().requestItems(requests).build();
    }

    private BatchWriteItemRequest batchWrite() {
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        for (TableShape table : tables) {
            if (requests.isEmpty() || random.nextBoolean()) {
                Set<Map<String, AttributeValue>> seen = new HashSet<>();
                List<WriteRequest> writes = new ArrayList<>();
                int count = 1 + random.nextInt(5);
                for (int i = 0; i < count; i++) {
                    if (random.nextInt(3) == 0) {
                        var key = key(table);
                        if (seen.add(key)) {
                            writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
                        }
                    } else {
                        var item = item(table);
                        if (seen.add(keyOf(table, item))) {
                            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                        }
                    }
                }
                requests.put(table.name(), writes);
            }
        }
        return BatchWriteItemRequest.builder().requestItems(requests).build();
    }

    private static Map<String, AttributeValue> keyOf(TableShape table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(TableShape.PK, item.get(TableShape.PK));
        if (table.hasSortKey()) {
            key.put(TableShape.SK, item.get(TableShape.SK));
        }
        return key;
    }

    // ---- invalid operations ---------------------------------------------------------------------

    private DynamoDbRequest invalid() {
        TableShape table = table();
        int pick = random.nextInt(36);
        return switch (pick) {
            case 0 -> { // a key attribute of the wrong type
                var item = item(table);
                item.put(TableShape.PK, values.wrongKeyType(table.partitionKeyType()));
                yield put(table).toBuilder().item(item).build();
            }
            case 1 -> { // an empty key string or binary
                var item = item(table);
                String attribute = table.hasSortKey() && random.nextBoolean() ? TableShape.SK : TableShape.PK;
                ScalarAttributeType type = attribute.equals(TableShape.SK) ? table.sortKeyType() : table.partitionKeyType();
                item.put(attribute, type == ScalarAttributeType.B
                        ? AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[0]))
                        : AttributeValue.fromS(""));
                yield PutItemRequest.builder().tableName(table.name()).item(item).build();
            }
            case 2 -> { // an item over 400 KB
                var item = item(table);
                item.put("big", AttributeValue.fromS("x".repeat(400 * 1024)));
                yield PutItemRequest.builder().tableName(table.name()).item(item).build();
            }
            case 3 -> { // a key missing its sort key, or carrying an extra attribute
                var key = key(table);
                if (table.hasSortKey() && random.nextBoolean()) {
                    key.remove(TableShape.SK);
                } else {
                    key.put("a", values.string());
                }
                yield GetItemRequest.builder().tableName(table.name()).key(key).consistentRead(true).build();
            }
            case 4 -> { // an unused value placeholder
                Expr expr = new Expr(random);
                String update = updateExpression(expr);
                expr.unusedValue();
                yield UpdateItemRequest.builder().tableName(table.name()).key(key(table)).updateExpression(update)
                        .expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
            }
            case 5 -> { // an unused name placeholder
                Expr expr = new Expr(random);
                String condition = condition(expr, 1, true);
                expr.unusedName();
                yield DeleteItemRequest.builder().tableName(table.name()).key(key(table)).conditionExpression(condition)
                        .expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
            }
            case 6 -> { // an undefined placeholder
                Expr expr = new Expr(random);
                String condition = condition(expr, 1, true) + (random.nextBoolean() ? " AND a = :undefined" : " OR #undefined = :v0");
                yield put(table).toBuilder().conditionExpression(condition)
                        .expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
            }
            case 7 -> { // a reserved word as a bare name
                String word = new String[] {"status", "name", "data", "comment", "value"}[random.nextInt(5)];
                yield UpdateItemRequest.builder().tableName(table.name()).key(key(table))
                        .updateExpression("SET " + word + " = :v").expressionAttributeValues(Map.of(":v", values.number())).build();
            }
            case 8 -> { // syntax errors
                String[] broken = {"a = = :v", "attribute_exists(a", "a BETWEEN :v", "a IN ()", "AND a = :v", "size(a) :v",
                    "a = :v)", "unknown_function(a)", "begins_with(a)", "NOT", "a <> :v :v", "attribute_exists(a) AND"};
                yield PutItemRequest.builder().tableName(table.name()).item(item(table))
                        .conditionExpression(broken[random.nextInt(broken.length)])
                        .expressionAttributeValues(Map.of(":v", values.number())).build();
            }
            case 9 -> { // update syntax errors
                String[] broken = {"SET a = :v SET b = :v", "SET a :v", "REMOVE", "ADD a", "DELETE a", "SET a = :v,",
                    "SET a = list_append(:v)", "SET a = :v REMOVE a", "SET a = :v, a = :v", "SET a.b = :v, a = :v", "UPSERT a = :v",
                    "SET a = if_not_exists(:v, a)", "SET a = size(b)"};
                yield UpdateItemRequest.builder().tableName(table.name()).key(key(table))
                        .updateExpression(broken[random.nextInt(broken.length)])
                        .expressionAttributeValues(Map.of(":v", values.number())).build();
            }
            case 10 -> { // a duplicate key in BatchWriteItem
                var item = item(table);
                var writes = List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build(),
                        random.nextBoolean()
                                ? WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()
                                : WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(keyOf(table, item)).build()).build());
                yield BatchWriteItemRequest.builder().requestItems(Map.of(table.name(), writes)).build();
            }
            case 11 -> { // a duplicate key in BatchGetItem
                var key = key(table);
                yield BatchGetItemRequest.builder().requestItems(Map.of(table.name(),
                        KeysAndAttributes.builder().keys(key, key).consistentRead(true).build())).build();
            }
            case 12 -> put(table).toBuilder().returnValues(new String[] {"UPDATED_NEW", "ALL_NEW", "UPDATED_OLD", "BOGUS"}[random.nextInt(4)]).build();
            case 13 -> delete(table).toBuilder().returnValues(new String[] {"UPDATED_NEW", "ALL_NEW", "all_old"}[random.nextInt(3)]).build();
            case 14 -> query(table).toBuilder().limit(random.nextBoolean() ? 0 : -1).build();
            case 15 -> scan(table).toBuilder().limit(0).build();
            case 16 -> GetItemRequest.builder().tableName("missing_table").key(key(table)).consistentRead(true).build();
            case 17 -> { // SET on a key attribute
                String attribute = table.hasSortKey() && random.nextBoolean() ? TableShape.SK : TableShape.PK;
                yield UpdateItemRequest.builder().tableName(table.name()).key(key(table))
                        .updateExpression("SET " + attribute + " = :v")
                        .expressionAttributeValues(Map.of(":v", values.partitionKey(table.partitionKeyType()))).build();
            }
            case 18 -> { // a key condition on a non-key attribute, or without the partition key
                Expr expr = new Expr(random);
                String condition = random.nextBoolean()
                        ? expr.name("a") + " = " + expr.value(values.string())
                        : expr.name(TableShape.PK) + " = " + expr.value(values.partitionKey(table.partitionKeyType()))
                          + " AND " + expr.name("n") + " > " + expr.value(values.number());
                yield QueryRequest.builder().tableName(table.name()).keyConditionExpression(condition).consistentRead(true)
                        .expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
            }
            case 19 -> { // Segment without TotalSegments, or out of range
                var builder = scan(table).toBuilder();
                yield random.nextBoolean() ? builder.segment(1).totalSegments(null).build() : builder.segment(3).totalSegments(2).build();
            }
            case 20 -> query(table).toBuilder().select("COUNT").projectionExpression("a").build();
            case 21 -> { // an empty set
                var item = item(table);
                item.put("ss", AttributeValue.fromSs(List.of()));
                yield PutItemRequest.builder().tableName(table.name()).item(item).build();
            }
            case 22 -> { // a number out of range, or not a number
                var item = item(table);
                item.put("n", AttributeValue.fromN(new String[] {"1E126", "1E-131", "abc", "", "1.2.3"}[random.nextInt(5)]));
                yield PutItemRequest.builder().tableName(table.name()).item(item).build();
            }
            case 23 -> { // an empty attribute name, or duplicates in a set
                var item = item(table);
                if (random.nextBoolean()) {
                    item.put("", values.string());
                } else {
                    item.put("ss", AttributeValue.fromSs(List.of("p", "p")));
                }
                yield PutItemRequest.builder().tableName(table.name()).item(item).build();
            }
            case 24 -> { // a filter on a key attribute in Query, or a key condition with begins_with on a number
                Expr expr = new Expr(random);
                String pk = expr.name(TableShape.PK) + " = " + expr.value(values.partitionKey(table.partitionKeyType()));
                var builder = QueryRequest.builder().tableName(table.name()).consistentRead(true);
                if (random.nextBoolean() || !table.hasSortKey()) {
                    builder.keyConditionExpression(pk).filterExpression(expr.name(TableShape.PK) + " = " + expr.value(values.partitionKey(table.partitionKeyType())));
                } else {
                    builder.keyConditionExpression(pk + " AND begins_with(" + expr.name(TableShape.SK) + ", " + expr.value(AttributeValue.fromN("1")) + ")");
                }
                yield builder.expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
            }
            case 26 -> { // functions given operands of the wrong type
                Expr expr = new Expr(random);
                String condition = switch (random.nextInt(4)) {
                    case 0 -> "begins_with(" + expr.name("s") + ", " + expr.value(values.number()) + ")";
                    case 1 -> "attribute_type(" + expr.name("s") + ", " + expr.value(AttributeValue.fromS("STRING")) + ")";
                    case 2 -> "contains(" + expr.name("ss") + ", " + expr.value(values.stringSet()) + ")";
                    default -> "size(" + expr.name("s") + ") > " + expr.value(values.string());
                };
                yield put(table).toBuilder().conditionExpression(condition)
                        .expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
            }
            case 27 -> { // ADD and DELETE on types they do not take
                Expr expr = new Expr(random);
                String update = random.nextBoolean()
                        ? "ADD " + expr.name("l") + " " + expr.value(random.nextBoolean() ? values.list(0) : values.string())
                        : "DELETE " + expr.name("ss") + " " + expr.value(random.nextBoolean() ? values.number() : values.string());
                yield UpdateItemRequest.builder().tableName(table.name()).key(key(table)).updateExpression(update)
                        .expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
            }
            case 28 -> { // too many requests in one batch
                List<WriteRequest> writes = new ArrayList<>();
                for (int i = 0; i < 26; i++) {
                    var item = new LinkedHashMap<String, AttributeValue>();
                    item.put(TableShape.PK, table.partitionKeyType() == ScalarAttributeType.S ? AttributeValue.fromS("many" + i)
                            : table.partitionKeyType() == ScalarAttributeType.N ? AttributeValue.fromN(String.valueOf(100 + i))
                            : AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {9, (byte) i})));
                    if (table.hasSortKey()) {
                        item.put(TableShape.SK, values.sortKey(table.sortKeyType()));
                    }
                    writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                }
                yield BatchWriteItemRequest.builder().requestItems(Map.of(table.name(), writes)).build();
            }
            case 29 -> { // an ExclusiveStartKey that is not a key of the table
                var start = key(table);
                if (random.nextBoolean()) {
                    start.put("a", values.string());
                } else {
                    start.put(TableShape.PK, values.wrongKeyType(table.partitionKeyType()));
                }
                yield random.nextBoolean()
                        ? scan(table).toBuilder().exclusiveStartKey(start).segment(null).totalSegments(null).build()
                        : query(table).toBuilder().exclusiveStartKey(start).build();
            }
            case 30 -> { // an undefined name in a projection
                yield GetItemRequest.builder().tableName(table.name()).key(key(table)).consistentRead(true)
                        .projectionExpression("a, #undefined").build();
            }
            case 31 -> { // an invalid ReturnValuesOnConditionCheckFailure or Select
                yield random.nextBoolean()
                        ? update(table).toBuilder().returnValuesOnConditionCheckFailure("ALL_NEW").build()
                        : scan(table).toBuilder().select(random.nextBoolean() ? "ALL_PROJECTED_ATTRIBUTES" : "SOME").build();
            }
            case 32 -> { // a table name DynamoDB cannot have
                yield GetItemRequest.builder().tableName(random.nextBoolean() ? "ab" : "bad name!").key(key(table)).build();
            }
            case 33 -> { // projection paths that overlap, or a projection with Select ALL_ATTRIBUTES
                yield random.nextBoolean()
                        ? GetItemRequest.builder().tableName(table.name()).key(key(table)).projectionExpression("m, m.x").build()
                        : scan(table).toBuilder().select("ALL_ATTRIBUTES").projectionExpression("a").build();
            }
            case 34 -> { // arithmetic on values that are not numbers, and list_append on a non-list
                Expr expr = new Expr(random);
                String update = random.nextBoolean()
                        ? "SET " + expr.name("n") + " = " + expr.value(values.string()) + " + " + expr.value(values.number())
                        : "SET " + expr.name("l") + " = list_append(" + expr.value(values.string()) + ", " + expr.value(values.list(0)) + ")";
                yield UpdateItemRequest.builder().tableName(table.name()).key(key(table)).updateExpression(update)
                        .expressionAttributeNames(expr.names()).expressionAttributeValues(expr.values()).build();
            }
            default -> { // an empty ExpressionAttributeValues map, or a condition on an empty name placeholder
                yield random.nextBoolean()
                        ? PutItemRequest.builder().tableName(table.name()).item(item(table)).conditionExpression("attribute_exists(a)")
                                .expressionAttributeValues(Map.of()).build()
                        : PutItemRequest.builder().tableName(table.name()).item(item(table)).conditionExpression("attribute_exists(#e)")
                                .expressionAttributeNames(Map.of("#e", "")).build();
            }
        };
    }
}
