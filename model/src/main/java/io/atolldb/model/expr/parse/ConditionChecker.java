package io.atolldb.model.expr.parse;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Operand;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.eval.Values;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a parsed condition into a resolved {@link Condition}, reporting DynamoDB's semantic errors in
 * DynamoDB's order. First four whole-expression checks, each over the entire text: redundant
 * parentheses, unknown function names, functions used in the wrong place, reserved words. Then, for
 * each simple condition from left to right: undefined placeholders, operand counts, identical
 * operands, and operand types.
 */
final class ConditionChecker {
    static final int MAX_IN_OPERANDS = 100;
    private static final Map<String, Integer> FUNCTIONS = Map.of("attribute_exists", 1, "attribute_not_exists", 1,
            "attribute_type", 2, "begins_with", 2, "contains", 2, "size", 1);
    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

    private final ExpressionKind kind;
    private final Placeholders placeholders;

    private ConditionChecker(ExpressionKind kind, PlaceholderLookup lookup) {
        this.kind = kind;
        this.placeholders = new Placeholders(kind, lookup);
    }

    static Condition check(Syntax tree, ExpressionKind kind, PlaceholderLookup lookup) {
        var checker = new ConditionChecker(kind, lookup);
        if (tree.preorder().anyMatch(node -> node instanceof Syntax.Parens(Syntax.Parens ignored))) {
            throw kind.error("The expression has redundant parentheses;");
        }
        tree.preorder()
                .flatMap(node -> node instanceof Syntax.Call call && !FUNCTIONS.containsKey(call.name())
                        ? Stream.of(call.name()) : Stream.empty())
                .findFirst()
                .ifPresent(name -> {
                    throw kind.error("Invalid function name; function: " + name);
                });
        misusedFunction(tree, true).ifPresent(name -> {
            throw kind.error("The function is not allowed to be used this way in an expression; function: " + name);
        });
        checker.placeholders.rejectReservedWords(tree.preorder());
        return checker.condition(tree);
    }

    /** The first function (in the order written) used as a condition when it yields a value, or vice versa. */
    private static Optional<String> misusedFunction(Syntax node, boolean conditionPosition) {
        if (node instanceof Syntax.Call call && (conditionPosition == call.name().equals("size"))) {
            return Optional.of(call.name());
        }
        boolean childrenAreConditions = switch (node) {
            case Syntax.And ignored -> true;
            case Syntax.Or ignored -> true;
            case Syntax.Not ignored -> true;
            case Syntax.Parens ignored -> conditionPosition;
            default -> false;
        };
        return node.children().stream()
                .map(child -> misusedFunction(child, childrenAreConditions))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Condition condition(Syntax node) {
        return switch (node) {
            case Syntax.Parens(var inner) -> condition(inner);
            case Syntax.And(var left, var right) -> new Condition.And(condition(left), condition(right));
            case Syntax.Or(var left, var right) -> new Condition.Or(condition(left), condition(right));
            case Syntax.Not(var inner) -> new Condition.Not(condition(inner));
            default -> simple(node);
        };
    }

    /** One comparison or function, checked category by category before any of it is built. */
    private Condition simple(Syntax node) {
        placeholders.requireDefined(node.preorder(), true, true);
        checkOperandCounts(node);
        checkDistinctOperands(node);
        Condition condition = switch (node) {
            case Syntax.Compare(var comparator, var left, var right) ->
                    new Condition.Compare(comparator, operand(left), operand(right));
            case Syntax.Between(var value, var lower, var upper) ->
                    new Condition.Between(operand(value), operand(lower), operand(upper));
            case Syntax.In(var value, var candidates) ->
                    new Condition.In(operand(value), candidates.stream().map(this::operand).toList());
            case Syntax.Call call -> function(call);
            default -> throw new IllegalStateException("not a simple condition: " + node);
        };
        node.preorder().filter(n -> n instanceof Syntax.Call call && call.name().equals("size"))
                .forEach(size -> checkSizeArgument(operand(((Syntax.Call) size).arguments().getFirst())));
        checkTypes(condition);
        return condition;
    }

    private void checkOperandCounts(Syntax node) {
        node.preorder().forEach(n -> {
            if (n instanceof Syntax.Call(String name, var arguments) && arguments.size() != FUNCTIONS.get(name)) {
                throw operandCount(name, arguments.size());
            }
            if (n instanceof Syntax.In(var value, var candidates) && candidates.size() > MAX_IN_OPERANDS) {
                throw operandCount("IN", candidates.size());
            }
        });
    }

    private void checkDistinctOperands(Syntax node) {
        String operator;
        List<Syntax> operands;
        if (node instanceof Syntax.Compare(var comparator, var left, var right)) {
            operator = comparator.symbol();
            operands = List.of(left, right);
        } else if (node instanceof Syntax.Call(String name, var arguments) && arguments.size() == 2) {
            operator = name;
            operands = arguments;
        } else {
            return;
        }
        if (unwrap(operands.get(0)) instanceof Syntax.PathNode first
                && unwrap(operands.get(1)) instanceof Syntax.PathNode second
                && placeholders.path(first).equals(placeholders.path(second))) {
            throw kind.error("The first operand must be distinct from the remaining operands for this operator or "
                    + "function; operator: " + operator + ", first operand: " + placeholders.path(first).describe());
        }
    }

    private Condition function(Syntax.Call call) {
        var arguments = call.arguments();
        return switch (call.name()) {
            case "attribute_exists" -> new Condition.AttributeExists(requirePath(call.name(), arguments.getFirst()));
            case "attribute_not_exists" -> new Condition.AttributeNotExists(requirePath(call.name(), arguments.getFirst()));
            case "attribute_type" -> new Condition.AttributeType(requirePath(call.name(), arguments.getFirst()),
                    operand(arguments.get(1)));
            case "begins_with" -> new Condition.BeginsWith(operand(arguments.getFirst()), operand(arguments.get(1)));
            case "contains" -> new Condition.Contains(operand(arguments.getFirst()), operand(arguments.get(1)));
            default -> throw new IllegalStateException("not a condition function: " + call.name());
        };
    }

    private Path requirePath(String function, Syntax argument) {
        if (unwrap(argument) instanceof Syntax.PathNode path) {
            return placeholders.path(path);
        }
        throw kind.error("Operator or function requires a document path; operator or function: " + function);
    }

    private Operand operand(Syntax node) {
        return switch (unwrap(node)) {
            case Syntax.PathNode path -> new Operand.Attribute(placeholders.path(path));
            case Syntax.ValueRef(String placeholder) -> new Operand.Value(placeholders.value(placeholder));
            case Syntax.Call call when call.name().equals("size") -> new Operand.Size(operand(call.arguments().getFirst()));
            default -> throw new IllegalStateException("not an operand: " + node);
        };
    }

    private void checkSizeArgument(Operand argument) {
        typeOf(argument).filter(type -> type.equals("N") || type.equals("BOOL") || type.equals("NULL"))
                .ifPresent(type -> {
                    throw operandType("size", type);
                });
    }

    private void checkTypes(Condition condition) {
        switch (condition) {
            case Condition.Compare(var comparator, var left, var right) when comparator.isOrdering() -> {
                requireOrderable(comparator.symbol(), left);
                requireOrderable(comparator.symbol(), right);
            }
            case Condition.Between(var value, var lower, var upper) -> checkBetween(value, lower, upper);
            case Condition.AttributeType(var path, var type) -> checkTypeName(type);
            case Condition.BeginsWith(var value, var prefix) -> {
                for (var operand : List.of(value, prefix)) {
                    typeOf(operand).filter(type -> !type.equals("S") && !type.equals("B")).ifPresent(type -> {
                        throw operandType("begins_with", type);
                    });
                }
            }
            default -> {
            }
        }
    }

    private void checkBetween(Operand value, Operand lower, Operand upper) {
        for (var operand : List.of(value, lower, upper)) {
            requireOrderable("BETWEEN", operand);
        }
        if (lower instanceof Operand.Value(var low) && upper instanceof Operand.Value(var high)) {
            String bounds = "lower bound operand: AttributeValue: {" + shown(low) + "}, upper bound operand: "
                    + "AttributeValue: {" + shown(high) + "}";
            if (!low.typeName().equals(high.typeName())) {
                throw kind.error("The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
            }
            if (Values.compare(low, high).orElseThrow() > 0) {
                throw kind.error("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + bounds);
            }
        }
    }

    private void checkTypeName(Operand type) {
        if (!(type instanceof Operand.Value(AttributeValue.S(String name)))) {
            throw operandType("attribute_type", typeOf(type).orElse("{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"));
        }
        if (!TYPE_NAMES.contains(name)) {
            throw kind.error("Invalid attribute type name found; type: " + name
                    + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        }
    }

    private void requireOrderable(String operator, Operand operand) {
        typeOf(operand).filter(type -> !type.equals("S") && !type.equals("N") && !type.equals("B")).ifPresent(type -> {
            throw operandType(operator, type);
        });
    }

    /** The type an operand is known to have before any item is seen: a literal's, or N for size(); else empty. */
    private static Optional<String> typeOf(Operand operand) {
        return switch (operand) {
            case Operand.Value(var value) -> Optional.of(value.typeName());
            case Operand.Size ignored -> Optional.of("N");
            case Operand.Attribute ignored -> Optional.empty();
        };
    }

    private static String shown(AttributeValue value) {
        return value.typeName() + ":" + switch (value) {
            case AttributeValue.S(var s) -> s;
            case AttributeValue.N n -> n.canonical();
            case AttributeValue.B(var b) -> b.toBase64();
            default -> value.toString();
        };
    }

    private static Syntax unwrap(Syntax node) {
        return node instanceof Syntax.Parens(var inner) ? unwrap(inner) : node;
    }

    private ValidationError operandCount(String function, int count) {
        return kind.error("Incorrect number of operands for operator or function; operator or function: " + function
                + ", number of operands: " + count);
    }

    private ValidationError operandType(String function, String type) {
        return kind.error("Incorrect operand type for operator or function; operator or function: " + function
                + ", operand type: " + type);
    }
}
