package io.atolldb.model.expr.parse;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.PathElement;
import java.util.ArrayList;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolving what the parsers left symbolic, with DynamoDB's messages: {@code #name} placeholders in
 * paths, {@code :value} placeholders, and the reserved-word rule for bare names.
 */
final class Placeholders {
    private final ExpressionKind kind;
    private final PlaceholderLookup lookup;

    Placeholders(ExpressionKind kind, PlaceholderLookup lookup) {
        this.kind = kind;
        this.lookup = lookup;
    }

    /** Fails on the first bare name (in the order written) that is a reserved word. */
    void rejectReservedWords(Stream<Syntax> nodes) {
        nodes.flatMap(node -> node instanceof Syntax.PathNode(var segments) ? segments.stream() : Stream.empty())
                .flatMap(segment -> segment instanceof Syntax.Segment.Name(String name) ? Stream.of(name) : Stream.empty())
                .filter(ReservedWords::isReserved)
                .findFirst()
                .ifPresent(name -> {
                    throw kind.error("Attribute name is a reserved keyword; reserved keyword: " + name);
                });
    }

    /** Fails on the first undefined placeholder, name or value, in the order written. */
    void requireDefined(Stream<Syntax> nodes, boolean names, boolean values) {
        nodes.forEach(node -> {
            if (names && node instanceof Syntax.PathNode(var segments)) {
                segments.forEach(segment -> {
                    if (segment instanceof Syntax.Segment.NameRef(String placeholder)) {
                        name(placeholder);
                    }
                });
            } else if (values && node instanceof Syntax.ValueRef(String placeholder)) {
                value(placeholder);
            }
        });
    }

    Path path(Syntax.PathNode node) {
        var elements = new ArrayList<PathElement>();
        for (var segment : node.segments()) {
            elements.add(switch (segment) {
                case Syntax.Segment.Name(String name) -> new PathElement.Name(name);
                case Syntax.Segment.NameRef(String placeholder) -> new PathElement.Name(name(placeholder));
                case Syntax.Segment.Index(int index) -> new PathElement.Index(index);
            });
        }
        return new Path(elements);
    }

    String name(String placeholder) {
        Optional<String> name = lookup.name(placeholder);
        return name.orElseThrow(() -> kind.error(
                "An expression attribute name used in the document path is not defined; attribute name: " + placeholder));
    }

    AttributeValue value(String placeholder) {
        return lookup.value(placeholder).orElseThrow(() -> kind.error(
                "An expression attribute value used in expression is not defined; attribute value: " + placeholder));
    }
}
