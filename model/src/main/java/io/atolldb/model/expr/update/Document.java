package io.atolldb.model.expr.update;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.PathElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable copy of an item that an update writes into. List positions always mean the positions in
 * the item before the update: a removed element stays in place as a tombstone until {@link #toItem},
 * and appended elements go after all original ones. So {@code REMOVE a[1] SET a[3] = :v} sets the
 * element that was fourth, as DynamoDB does.
 */
final class Document {
    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";

    private final Map<String, Object> root;

    Document(Map<String, AttributeValue> attributes) {
        this.root = mutableMap(attributes);
    }

    /** Writes {@code value} at {@code path}; an index past a list's end appends. The parent must exist. */
    void put(Path path, AttributeValue value) {
        Object parent = parentOf(path, true);
        switch (path.last()) {
            case PathElement.Name(String name) -> asMap(parent).put(name, mutable(value));
            case PathElement.Index(int index) -> {
                var list = asList(parent);
                if (index < list.size()) {
                    list.set(index, new Slot(mutable(value)));
                } else {
                    list.add(new Slot(mutable(value)));
                }
            }
        }
    }

    /** The current length of the list at {@code path}'s parent, counting removed elements; -1 when it is not a list. */
    int parentListLength(Path path) {
        Object parent = parentOf(path, false);
        return parent instanceof ListNode list ? list.size() : -1;
    }

    /**
     * Removes the value at {@code path}. Nothing happens when the attribute or leaf is missing; a
     * missing or mistyped parent is an error, also when the item itself does not exist yet (as
     * DynamoDB answers: the path is invalid for update).
     */
    void remove(Path path) {
        if (path.isTopLevel()) {
            root.remove(path.attribute());
            return;
        }
        Object parent = parentOf(path, true);
        switch (path.last()) {
            case PathElement.Name(String name) -> asMap(parent).remove(name);
            case PathElement.Index(int index) -> {
                var list = asList(parent);
                if (index < list.size()) {
                    list.set(index, Slot.REMOVED);
                }
            }
        }
    }

    Map<String, AttributeValue> toItem() {
        var attributes = new LinkedHashMap<String, AttributeValue>();
        root.forEach((name, node) -> attributes.put(name, immutable(node)));
        return attributes;
    }

    private Object parentOf(Path path, boolean required) {
        Object current = root;
        var elements = path.elements();
        for (int i = 0; i < elements.size() - 1; i++) {
            Object next = switch (elements.get(i)) {
                case PathElement.Name(String name) -> current instanceof Map<?, ?> map ? map.get(name) : null;
                case PathElement.Index(int index) -> current instanceof ListNode list && index < list.size()
                        && list.get(index) != Slot.REMOVED ? list.get(index).node() : null;
            };
            if (next == null) {
                if (required) {
                    throw new ValidationError(INVALID_PATH);
                }
                return null;
            }
            current = next;
        }
        boolean fits = path.last() instanceof PathElement.Name ? current instanceof Map : current instanceof ListNode;
        if (!fits && required) {
            throw new ValidationError(INVALID_PATH);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        return (Map<String, Object>) node;
    }

    private static ListNode asList(Object node) {
        return (ListNode) node;
    }

    /** One list position: a value, or {@link #REMOVED}. */
    private record Slot(Object node) {
        static final Slot REMOVED = new Slot(null);
    }

    private static final class ListNode extends ArrayList<Slot> {
    }

    private static Map<String, Object> mutableMap(Map<String, AttributeValue> map) {
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((key, value) -> copy.put(key, mutable(value)));
        return copy;
    }

    /** Maps and lists become mutable nodes (so nested writes can reach them); other values stay as they are. */
    private static Object mutable(AttributeValue value) {
        return switch (value) {
            case AttributeValue.M(var map) -> mutableMap(map);
            case AttributeValue.L(var list) -> {
                var node = new ListNode();
                list.forEach(element -> node.add(new Slot(mutable(element))));
                yield node;
            }
            default -> value;
        };
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue immutable(Object node) {
        if (node instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, AttributeValue>();
            ((Map<String, Object>) map).forEach((key, value) -> copy.put(key, immutable(value)));
            return new AttributeValue.M(copy);
        }
        if (node instanceof ListNode list) {
            List<AttributeValue> elements = new ArrayList<>();
            list.stream().filter(slot -> slot != Slot.REMOVED).forEach(slot -> elements.add(immutable(slot.node())));
            return new AttributeValue.L(elements);
        }
        return (AttributeValue) node;
    }
}
