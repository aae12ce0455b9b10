package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders a Query or Scan page: Items (unless counting), Count, ScannedCount, LastEvaluatedKey. */
final class PageJson {
    private PageJson() {
    }

    static ObjectNode render(PageResult page) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (page.items() != null) {
            ArrayNode items = out.putArray("Items");
            page.items().forEach(item -> items.add(AttributeValueJson.writeMap(item.attributes())));
        }
        out.put("Count", page.count());
        out.put("ScannedCount", page.scannedCount());
        if (page.lastEvaluatedKey() != null) {
            out.set("LastEvaluatedKey", AttributeValueJson.writeMap(page.lastEvaluatedKey()));
        }
        return out;
    }
}
