package io.atolldb.model.expr.parse;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.UpdateAction;
import io.atolldb.model.expr.ast.UpdateExpression;
import io.atolldb.model.expr.ast.UpdateValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a parsed update into a resolved {@link UpdateExpression}, reporting DynamoDB's semantic errors
 * in DynamoDB's order, each over the whole expression: reserved words, unknown functions, repeated
 * clauses, undefined names, undefined values, overlapping and conflicting paths, ADD and DELETE
 * operand types, and finally function use (placement, operand counts, operand types).
 */
final class UpdateChecker {
    private static final ExpressionKind KIND = ExpressionKind.UPDATE;
    private static final Map<String, Integer> FUNCTIONS = Map.of("if_not_exists", 2, "list_append", 2);
    private static final Map<String, String> OPERAND_TYPE_NAMES = Map.of("S", "STRING", "N", "NUMBER", "B", "BINARY",
            "NULL", "NULL", "BOOL", "BOOLEAN", "L", "LIST", "M", "MAP");

    private final Placeholders placeholders;

    private UpdateChecker(PlaceholderLookup lookup) {
        this.placeholders = new Placeholders(KIND, lookup);
    }

    static UpdateExpression check(Syntax.Update update, PlaceholderLookup lookup) {
        var checker = new UpdateChecker(lookup);
        checker.placeholders.rejectReservedWords(nodes(update));
        nodes(update).filter(node -> node instanceof Syntax.Call call && !FUNCTIONS.containsKey(call.name()))
                .findFirst()
                .ifPresent(call -> {
                    throw KIND.error("Invalid function name; function: " + ((Syntax.Call) call).name());
                });
        var seen = new HashSet<String>();
        for (var clause : update.clauses()) {
            if (!seen.add(clause.keyword())) {
                throw KIND.error("The \"" + clause.keyword() + "\" section can only be used once in an update expression;");
            }
        }
        checker.placeholders.requireDefined(nodes(update), true, false);
        checker.placeholders.requireDefined(nodes(update), false, true);
        var targets = new ArrayList<Path>();
        actions(update).forEach(action -> targets.add(checker.placeholders.path(action.path())));
        PathOverlaps.check(targets, KIND);
        checker.checkAddAndDeleteOperands(update);
        nodes(update).forEach(checker::checkFunctionUse);
        var built = new ArrayList<UpdateAction>();
        for (var clause : update.clauses()) {
            for (var action : clause.actions()) {
                built.add(checker.action(clause.keyword(), action));
            }
        }
        return new UpdateExpression(built);
    }

    /** Every syntax node of the update, in the order written: target paths and values. */
    private static Stream<Syntax> nodes(Syntax.Update update) {
        return actions(update).flatMap(action -> Stream.concat(action.path().preorder(),
                action.value().stream().flatMap(Syntax::preorder)));
    }

    private static Stream<Syntax.Action> actions(Syntax.Update update) {
        return update.clauses().stream().flatMap(clause -> clause.actions().stream());
    }

    private void checkAddAndDeleteOperands(Syntax.Update update) {
        for (var clause : update.clauses()) {
            if (clause.keyword().equals("ADD") || clause.keyword().equals("DELETE")) {
                for (var action : clause.actions()) {
                    var value = placeholders.value(((Syntax.ValueRef) action.value().orElseThrow()).placeholder());
                    boolean allowed = isSet(value) || (clause.keyword().equals("ADD") && value instanceof AttributeValue.N);
                    if (!allowed) {
                        throw KIND.error("Incorrect operand type for operator or function; operator: " + clause.keyword()
                                + ", operand type: " + OPERAND_TYPE_NAMES.get(value.typeName()));
                    }
                }
            }
        }
    }

    private void checkFunctionUse(Syntax node) {
        if (node instanceof Syntax.Call(String name, var arguments)) {
            if (name.equals("list_append") && arguments.stream().map(UpdateChecker::unwrap)
                    .anyMatch(argument -> argument instanceof Syntax.Call call && call.name().equals("list_append"))) {
                throw KIND.error("The function is not allowed to be used this way in an expression; function: " + name);
            }
            if (arguments.size() != FUNCTIONS.get(name)) {
                throw KIND.error("Incorrect number of operands for operator or function; operator or function: " + name
                        + ", number of operands: " + arguments.size());
            }
            if (name.equals("if_not_exists") && !(unwrap(arguments.getFirst()) instanceof Syntax.PathNode)) {
                throw KIND.error("Operator or function requires a document path; operator or function: " + name);
            }
            if (name.equals("list_append")) {
                arguments.forEach(argument -> requireLiteralType(name, argument, "L"));
            }
        } else if (node instanceof Syntax.Arithmetic(char operator, var left, var right)) {
            requireLiteralType(String.valueOf(operator), left, "N");
            requireLiteralType(String.valueOf(operator), right, "N");
        }
    }

    private void requireLiteralType(String function, Syntax argument, String type) {
        if (unwrap(argument) instanceof Syntax.ValueRef(String placeholder)) {
            var value = placeholders.value(placeholder);
            if (!value.typeName().equals(type)) {
                throw KIND.error("Incorrect operand type for operator or function; operator or function: " + function
                        + ", operand type: " + value.typeName());
            }
        }
    }

    private UpdateAction action(String keyword, Syntax.Action action) {
        Path path = placeholders.path(action.path());
        return switch (keyword) {
            case "SET" -> new UpdateAction.Set(path, value(action.value().orElseThrow()));
            case "REMOVE" -> new UpdateAction.Remove(path);
            case "ADD" -> new UpdateAction.Add(path, literal(action));
            case "DELETE" -> new UpdateAction.Delete(path, literal(action));
            default -> throw new IllegalStateException("unknown clause " + keyword);
        };
    }

    private AttributeValue literal(Syntax.Action action) {
        return placeholders.value(((Syntax.ValueRef) action.value().orElseThrow()).placeholder());
    }

    private UpdateValue value(Syntax node) {
        return switch (unwrap(node)) {
            case Syntax.ValueRef(String placeholder) -> new UpdateValue.Value(placeholders.value(placeholder));
            case Syntax.PathNode path -> new UpdateValue.Attribute(placeholders.path(path));
            case Syntax.Arithmetic(char operator, var left, var right) -> operator == '+'
                    ? new UpdateValue.Plus(value(left), value(right))
                    : new UpdateValue.Minus(value(left), value(right));
            case Syntax.Call(String name, var arguments) when name.equals("if_not_exists") -> new UpdateValue.IfNotExists(
                    placeholders.path((Syntax.PathNode) unwrap(arguments.getFirst())), value(arguments.get(1)));
            case Syntax.Call(String name, var arguments) -> new UpdateValue.ListAppend(value(arguments.getFirst()),
                    value(arguments.get(1)));
            default -> throw new IllegalStateException("not an update value: " + node);
        };
    }

    private static boolean isSet(AttributeValue value) {
        return value instanceof AttributeValue.SS || value instanceof AttributeValue.NS || value instanceof AttributeValue.BS;
    }

    private static Syntax unwrap(Syntax node) {
        return node instanceof Syntax.Parens(var inner) ? unwrap(inner) : node;
    }
}
