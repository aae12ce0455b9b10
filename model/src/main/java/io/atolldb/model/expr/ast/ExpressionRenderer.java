package io.atolldb.model.expr.ast;

import io.atolldb.model.AttributeValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a resolved tree back as expression text plus the ExpressionAttributeNames and
 * ExpressionAttributeValues it needs: every name becomes {@code #n0, #n1, ...} and every literal
 * {@code :v0, :v1, ...}, so any attribute name (reserved words, dots, empty strings) survives.
 * Parsing and resolving the result gives back an equal tree. Useful to turn legacy parameters into
 * expressions (for a log entry that carries expressions only) and to test the parser.
 *
 * <p>Several renderings can share one request (a legacy Expected beside AttributeUpdates, a filter
 * beside a projection) when each is given its own <em>tag</em>: with tag {@code c} the placeholders
 * are {@code #cn0, :cv0, ...}. A tag is lowercase ASCII letters (the empty tag gives {@code #n0}), so
 * a placeholder names its tag unambiguously and renderings with different tags never share one.
 */
public final class ExpressionRenderer {
    private static final Pattern TAG = Pattern.compile("[a-z]*");

    private final String namePrefix;
    private final String valuePrefix;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private final Map<String, String> nameKeys = new LinkedHashMap<>();

    private ExpressionRenderer(String tag) {
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("a rendering tag is lowercase ASCII letters, not \"" + tag + "\"");
        }
        this.namePrefix = "#" + tag + "n";
        this.valuePrefix = ":" + tag + "v";
    }

    /** An expression and the placeholders it uses. */
    public record Rendered(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        public Rendered {
            names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    public static Rendered render(Condition condition) {
        return render(condition, "");
    }

    /** The condition with placeholders {@code #{tag}n0, :{tag}v0, ...}. */
    public static Rendered render(Condition condition, String tag) {
        var renderer = new ExpressionRenderer(tag);
        return renderer.result(renderer.condition(condition));
    }

    public static Rendered render(UpdateExpression update) {
        return render(update, "");
    }

    /** The update with placeholders {@code #{tag}n0, :{tag}v0, ...}. */
    public static Rendered render(UpdateExpression update, String tag) {
        var renderer = new ExpressionRenderer(tag);
        var clauses = new LinkedHashMap<String, List<String>>();
        for (var action : update.actions()) {
            switch (action) {
                case UpdateAction.Set(var path, var value) -> clauses.computeIfAbsent("SET", k -> new ArrayList<>())
                        .add(renderer.path(path) + " = " + renderer.value(value));
                case UpdateAction.Remove(var path) -> clauses.computeIfAbsent("REMOVE", k -> new ArrayList<>())
                        .add(renderer.path(path));
                case UpdateAction.Add(var path, var value) -> clauses.computeIfAbsent("ADD", k -> new ArrayList<>())
                        .add(renderer.path(path) + " " + renderer.literal(value));
                case UpdateAction.Delete(var path, var value) -> clauses.computeIfAbsent("DELETE", k -> new ArrayList<>())
                        .add(renderer.path(path) + " " + renderer.literal(value));
            }
        }
        String text = clauses.entrySet().stream().map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining(" "));
        return renderer.result(text);
    }

    public static Rendered render(Projection projection) {
        return render(projection, "");
    }

    /** The projection with name placeholders {@code #{tag}n0, ...}. */
    public static Rendered render(Projection projection, String tag) {
        var renderer = new ExpressionRenderer(tag);
        return renderer.result(projection.paths().stream().map(renderer::path).collect(Collectors.joining(", ")));
    }

    private Rendered result(String expression) {
        return new Rendered(expression, names, values);
    }

    private String condition(Condition condition) {
        return switch (condition) {
            case Condition.Compare(var comparator, var left, var right) ->
                    operand(left) + " " + comparator.symbol() + " " + operand(right);
            case Condition.Between(var value, var lower, var upper) ->
                    operand(value) + " BETWEEN " + operand(lower) + " AND " + operand(upper);
            case Condition.In(var value, var candidates) -> operand(value) + " IN ("
                    + candidates.stream().map(this::operand).collect(Collectors.joining(", ")) + ")";
            case Condition.And(var left, var right) -> "(" + condition(left) + ") AND (" + condition(right) + ")";
            case Condition.Or(var left, var right) -> "(" + condition(left) + ") OR (" + condition(right) + ")";
            case Condition.Not(var inner) -> "NOT (" + condition(inner) + ")";
            case Condition.AttributeExists(var path) -> "attribute_exists(" + path(path) + ")";
            case Condition.AttributeNotExists(var path) -> "attribute_not_exists(" + path(path) + ")";
            case Condition.AttributeType(var path, var type) -> "attribute_type(" + path(path) + ", " + operand(type) + ")";
            case Condition.BeginsWith(var value, var prefix) -> "begins_with(" + operand(value) + ", " + operand(prefix) + ")";
            case Condition.Contains(var container, var element) ->
                    "contains(" + operand(container) + ", " + operand(element) + ")";
        };
    }

    private String operand(Operand operand) {
        return switch (operand) {
            case Operand.Attribute(var path) -> path(path);
            case Operand.Value(var value) -> literal(value);
            case Operand.Size(var inner) -> "size(" + operand(inner) + ")";
        };
    }

    private String value(UpdateValue value) {
        return switch (value) {
            case UpdateValue.Value(var literal) -> literal(literal);
            case UpdateValue.Attribute(var path) -> path(path);
            case UpdateValue.IfNotExists(var path, var fallback) -> "if_not_exists(" + path(path) + ", " + value(fallback) + ")";
            case UpdateValue.ListAppend(var first, var second) -> "list_append(" + value(first) + ", " + value(second) + ")";
            case UpdateValue.Plus(var left, var right) -> value(left) + " + " + value(right);
            case UpdateValue.Minus(var left, var right) -> value(left) + " - " + value(right);
        };
    }

    private String path(Path path) {
        var text = new StringBuilder();
        for (var element : path.elements()) {
            switch (element) {
                case PathElement.Name(String name) -> {
                    if (!text.isEmpty()) {
                        text.append('.');
                    }
                    text.append(nameKeys.computeIfAbsent(name, n -> {
                        String key = namePrefix + nameKeys.size();
                        names.put(key, n);
                        return key;
                    }));
                }
                case PathElement.Index(int index) -> text.append('[').append(index).append(']');
            }
        }
        return text.toString();
    }

    private String literal(AttributeValue value) {
        String key = valuePrefix + values.size();
        values.put(key, value);
        return key;
    }
}
