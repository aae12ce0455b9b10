package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Renders the ConsumedCapacity member. DynamoDB answers, for the non-transactional operations, only
 * TableName and CapacityUnits (and under INDEXES, {@code Table: {CapacityUnits}}); it never adds
 * ReadCapacityUnits or WriteCapacityUnits, whatever the table's billing mode: those appear only for
 * transactions, which consume both kinds. Single-table operations answer one object; BatchGetItem
 * and BatchWriteItem answer a list with one entry per table.
 */
final class ConsumedCapacityJson {
    private ConsumedCapacityJson() {
    }

    static void add(ObjectNode response, ReturnConsumedCapacity level, List<ConsumedCapacity> consumed, boolean perTable) {
        if (level == ReturnConsumedCapacity.NONE) {
            return;
        }
        if (perTable) {
            ArrayNode list = response.putArray("ConsumedCapacity");
            consumed.forEach(entry -> write(list.addObject(), level, entry));
        } else if (!consumed.isEmpty()) {
            write(response.putObject("ConsumedCapacity"), level, consumed.getFirst());
        }
    }

    private static void write(ObjectNode out, ReturnConsumedCapacity level, ConsumedCapacity consumed) {
        out.put("TableName", consumed.tableName());
        out.put("CapacityUnits", consumed.capacityUnits());
        if (consumed.transactional()) {
            out.put("ReadCapacityUnits", consumed.readCapacityUnits());
            out.put("WriteCapacityUnits", consumed.writeCapacityUnits());
        }
        if (level == ReturnConsumedCapacity.INDEXES) {
            ObjectNode table = out.putObject("Table").put("CapacityUnits", consumed.capacityUnits());
            if (consumed.transactional()) {
                table.put("ReadCapacityUnits", consumed.readCapacityUnits());
                table.put("WriteCapacityUnits", consumed.writeCapacityUnits());
            }
        }
    }
}
