package io.atolldb.model;

import java.util.Map;

/** A DynamoDB item: attribute names to values, in the order the client sent them. */
public record Item(Map<String, AttributeValue> attributes) {
    public Item {
        attributes = new AttributeValue.M(attributes).value();
    }

    public AttributeValue get(String name) {
        return attributes.get(name);
    }
}
