package io.atolldb.model.expr.ast;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Bytes;
import io.atolldb.model.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints resolved trees in a stable, readable form for golden tests and logs: conditions fully
 * parenthesized in expression syntax, literals inline. Example:
 * {@code ((a.b[1] = "x") AND (NOT attribute_exists(c)))}. Literals: S as a quoted string, N in
 * canonical form, B as {@code b"base64"}, BOOL, NULL, lists {@code [..]}, maps {@code {"k": v}} and
 * sets {@code SS[..]}, {@code NS[..]}, {@code BS[..]}.
 */
public final class AstPrinter {
    private AstPrinter() {
    }

    public static String print(Condition condition) {
        return switch (condition) {
            case Condition.Compare(var comparator, var left, var right) ->
                    "(" + print(left) + " " + comparator.symbol() + " " + print(right) + ")";
            case Condition.Between(var value, var lower, var upper) ->
                    "(" + print(value) + " BETWEEN " + print(lower) + " AND " + print(upper) + ")";
            case Condition.In(var value, var candidates) ->
                    "(" + print(value) + " IN " + joined(candidates, AstPrinter::print, "(", ")") + ")";
            case Condition.And(var left, var right) -> "(" + print(left) + " AND " + print(right) + ")";
            case Condition.Or(var left, var right) -> "(" + print(left) + " OR " + print(right) + ")";
            case Condition.Not(var inner) -> "(NOT " + print(inner) + ")";
            case Condition.AttributeExists(var path) -> "attribute_exists(" + path + ")";
            case Condition.AttributeNotExists(var path) -> "attribute_not_exists(" + path + ")";
            case Condition.AttributeType(var path, var type) -> "attribute_type(" + path + ", " + print(type) + ")";
            case Condition.BeginsWith(var value, var prefix) -> "begins_with(" + print(value) + ", " + print(prefix) + ")";
            case Condition.Contains(var container, var element) ->
                    "contains(" + print(container) + ", " + print(element) + ")";
        };
    }

    public static String print(Operand operand) {
        return switch (operand) {
            case Operand.Attribute(var path) -> path.toString();
            case Operand.Value(var value) -> print(value);
            case Operand.Size(var inner) -> "size(" + print(inner) + ")";
        };
    }

    /** Actions in their written order; consecutive actions of one kind share a clause keyword. */
    public static String print(UpdateExpression update) {
        var clauses = new ArrayList<String>();
        String keyword = null;
        var current = new ArrayList<String>();
        for (var action : update.actions()) {
            String actionKeyword = switch (action) {
                case UpdateAction.Set ignored -> "SET";
                case UpdateAction.Remove ignored -> "REMOVE";
                case UpdateAction.Add ignored -> "ADD";
                case UpdateAction.Delete ignored -> "DELETE";
            };
            if (!actionKeyword.equals(keyword)) {
                if (keyword != null) {
                    clauses.add(keyword + " " + String.join(", ", current));
                }
                keyword = actionKeyword;
                current = new ArrayList<>();
            }
            current.add(switch (action) {
                case UpdateAction.Set(var path, var value) -> path + " = " + print(value);
                case UpdateAction.Remove(var path) -> path.toString();
                case UpdateAction.Add(var path, var value) -> path + " " + print(value);
                case UpdateAction.Delete(var path, var value) -> path + " " + print(value);
            });
        }
        if (keyword != null) {
            clauses.add(keyword + " " + String.join(", ", current));
        }
        return String.join(" ", clauses);
    }

    public static String print(UpdateValue value) {
        return switch (value) {
            case UpdateValue.Value(var literal) -> print(literal);
            case UpdateValue.Attribute(var path) -> path.toString();
            case UpdateValue.IfNotExists(var path, var fallback) -> "if_not_exists(" + path + ", " + print(fallback) + ")";
            case UpdateValue.ListAppend(var first, var second) -> "list_append(" + print(first) + ", " + print(second) + ")";
            case UpdateValue.Plus(var left, var right) -> "(" + print(left) + " + " + print(right) + ")";
            case UpdateValue.Minus(var left, var right) -> "(" + print(left) + " - " + print(right) + ")";
        };
    }

    public static String print(Projection projection) {
        return projection.paths().stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    public static String print(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S(var s) -> quoted(s);
            case AttributeValue.N n -> n.canonical();
            case AttributeValue.B(var b) -> binary(b);
            case AttributeValue.Bool(var b) -> Boolean.toString(b);
            case AttributeValue.Null ignored -> "null";
            case AttributeValue.L(var list) -> joined(list, AstPrinter::print, "[", "]");
            case AttributeValue.M(var map) -> joined(List.copyOf(map.entrySet()),
                    e -> quoted(e.getKey()) + ": " + print(e.getValue()), "{", "}");
            case AttributeValue.SS(var members) -> "SS" + joined(members, AstPrinter::quoted, "[", "]");
            case AttributeValue.NS(var members) -> "NS" + joined(members, Numbers::canonical, "[", "]");
            case AttributeValue.BS(var members) -> "BS" + joined(members, AstPrinter::binary, "[", "]");
        };
    }

    private static String binary(Bytes bytes) {
        return "b\"" + bytes.toBase64() + "\"";
    }

    private static String quoted(String s) {
        var text = new StringBuilder("\"");
        s.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                text.append('\\').append((char) c);
            } else if (c < 0x20) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.append((char) c);
            }
        });
        return text.append('"').toString();
    }

    private static <T> String joined(List<T> items, Function<T, String> printer, String open, String close) {
        return items.stream().map(printer).collect(Collectors.joining(", ", open, close));
    }
}
