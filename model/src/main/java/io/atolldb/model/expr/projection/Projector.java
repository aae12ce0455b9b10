package io.atolldb.model.expr.projection;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.PathElement;
import io.atolldb.model.expr.ast.Projection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Projects an item onto a {@link Projection}, as DynamoDB returns it: every projected path that
 * exists is kept with the structure above it; maps keep only the projected keys, and lists keep only
 * the projected elements, compacted and in their original order (projecting {@code l[2], l[0]}
 * yields {@code [l[0], l[2]]}). Paths that do not exist are left out, and so are maps and lists
 * above them that end up with nothing in them. Attributes appear in the order of the paths.
 */
public final class Projector {
    private Projector() {
    }

    public static Item project(Projection projection, Item item) {
        return new Item(project(projection.paths(), item.attributes()));
    }

    /** The projection of attribute map {@code attributes} onto {@code paths}. */
    public static Map<String, AttributeValue> project(List<Path> paths, Map<String, AttributeValue> attributes) {
        var tree = new Node();
        paths.forEach(path -> tree.add(path.elements(), 0));
        var result = new LinkedHashMap<String, AttributeValue>();
        tree.keys.forEach((name, child) -> {
            var value = attributes.get(name);
            if (value != null) {
                child.select(value).ifPresent(selected -> result.put(name, selected));
            }
        });
        return result;
    }

    /** The projected paths as a tree: a node either takes its whole value or selects some children. */
    private static final class Node {
        private boolean whole;
        private final Map<String, Node> keys = new LinkedHashMap<>();
        private final Map<Integer, Node> indexes = new TreeMap<>();

        void add(List<PathElement> elements, int from) {
            if (from == elements.size()) {
                whole = true;
                return;
            }
            Node child = switch (elements.get(from)) {
                case PathElement.Name(String name) -> keys.computeIfAbsent(name, n -> new Node());
                case PathElement.Index(int index) -> indexes.computeIfAbsent(index, i -> new Node());
            };
            child.add(elements, from + 1);
        }

        Optional<AttributeValue> select(AttributeValue value) {
            if (whole) {
                return Optional.of(value);
            }
            if (value instanceof AttributeValue.M(var map) && !keys.isEmpty()) {
                var selected = new LinkedHashMap<String, AttributeValue>();
                keys.forEach((name, child) -> {
                    var member = map.get(name);
                    if (member != null) {
                        child.select(member).ifPresent(v -> selected.put(name, v));
                    }
                });
                return selected.isEmpty() ? Optional.empty() : Optional.of(new AttributeValue.M(selected));
            }
            if (value instanceof AttributeValue.L(var list) && !indexes.isEmpty()) {
                var selected = new ArrayList<AttributeValue>();
                indexes.forEach((index, child) -> {
                    if (index < list.size()) {
                        child.select(list.get(index)).ifPresent(selected::add);
                    }
                });
                return selected.isEmpty() ? Optional.empty() : Optional.of(new AttributeValue.L(selected));
            }
            return Optional.empty();
        }
    }
}
