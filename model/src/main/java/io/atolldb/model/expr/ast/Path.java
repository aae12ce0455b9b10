package io.atolldb.model.expr.ast;

import io.atolldb.model.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A document path such as {@code a.b[2].c}: a top-level attribute name followed by map keys and list
 * indexes. Invariant: never empty, and the first element is a {@link PathElement.Name}. Names are
 * resolved (no {@code #placeholders}).
 */
public record Path(List<PathElement> elements) {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public Path {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.getFirst() instanceof PathElement.Name)) {
            throw new IllegalArgumentException("a path starts with an attribute name: " + elements);
        }
    }

    /** The path of a top-level attribute. */
    public static Path of(String attribute) {
        return new Path(List.of(new PathElement.Name(attribute)));
    }

    /** This path followed by map key {@code name}. */
    public Path child(String name) {
        return append(new PathElement.Name(name));
    }

    /** This path followed by list index {@code index}. */
    public Path index(int index) {
        return append(new PathElement.Index(index));
    }

    /** The top-level attribute this path starts at. */
    public String attribute() {
        return ((PathElement.Name) elements.getFirst()).name();
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** The path without its last element; empty for a top-level path. */
    public Optional<Path> parent() {
        return isTopLevel() ? Optional.empty() : Optional.of(new Path(elements.subList(0, elements.size() - 1)));
    }

    public PathElement last() {
        return elements.getLast();
    }

    /** The value at this path in {@code attributes}, or empty when any step is missing or of the wrong type. */
    public Optional<AttributeValue> lookup(Map<String, AttributeValue> attributes) {
        AttributeValue current = attributes.get(attribute());
        for (int i = 1; i < elements.size() && current != null; i++) {
            current = step(current, elements.get(i));
        }
        return Optional.ofNullable(current);
    }

    /** The value one element below {@code value}, or null when there is none. */
    private static AttributeValue step(AttributeValue value, PathElement element) {
        return switch (element) {
            case PathElement.Name(String name) when value instanceof AttributeValue.M(var map) -> map.get(name);
            case PathElement.Index(int index) when value instanceof AttributeValue.L(var list) ->
                    index < list.size() ? list.get(index) : null;
            default -> null;
        };
    }

    /** True when this path equals {@code other} or is an ancestor of it. */
    public boolean isPrefixOf(Path other) {
        return elements.size() <= other.elements.size()
                && elements.equals(other.elements.subList(0, elements.size()));
    }

    /** The form DynamoDB uses in error messages: {@code [a, b, [2]]}. */
    public String describe() {
        var parts = new ArrayList<String>();
        for (var element : elements) {
            parts.add(switch (element) {
                case PathElement.Name(String name) -> name;
                case PathElement.Index(int index) -> "[" + index + "]";
            });
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** Expression syntax, e.g. {@code a.b[2]}; names that are not plain identifiers are back-quoted. */
    @Override
    public String toString() {
        var text = new StringBuilder();
        for (var element : elements) {
            switch (element) {
                case PathElement.Name(String name) -> {
                    if (!text.isEmpty()) {
                        text.append('.');
                    }
                    text.append(PLAIN_NAME.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`");
                }
                case PathElement.Index(int index) -> text.append('[').append(index).append(']');
            }
        }
        return text.toString();
    }

    private Path append(PathElement element) {
        var longer = new ArrayList<>(elements);
        longer.add(element);
        return new Path(longer);
    }
}
