package io.atolldb.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import java.util.Map;
import java.util.Optional;

/** The item-shaped members of item operations: reading Item and Key, answering {"Attributes"} or {"Item"}. */
final class ItemJson {
    private ItemJson() {}

    /** Reads an attribute map member that the caller has already checked is present. */
    static Map<String, AttributeValue> attributes(JsonFields request, String member) {
        JsonNode node = request.raw(member);
        return AttributeValueJson.readMap(node, member);
    }

    /** {@code {"<member>": attributes}} when there are any, else {@code {}}. */
    static ObjectNode attributes(String member, Optional<Map<String, AttributeValue>> attributes) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        attributes.filter(found -> !found.isEmpty()).ifPresent(found -> out.set(member, AttributeValueJson.writeMap(found)));
        return out;
    }

    /** {@code {"<member>": item}} when there is an item, else {@code {}}. */
    static ObjectNode optionalItem(String member, Optional<Item> item) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        item.ifPresent(found -> out.set(member, AttributeValueJson.writeMap(found.attributes())));
        return out;
    }
}
