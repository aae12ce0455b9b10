package io.atolldb.model.expr.parse;

import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.Projection;
import io.atolldb.model.expr.ast.UpdateExpression;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * The entry to this package: expression text in, resolved tree out, or a
 * {@link io.atolldb.model.ValidationError} with DynamoDB's message. Each method runs three steps:
 * the text checks (not empty, at most {@value #MAX_EXPRESSION_BYTES} bytes), the parse (syntax
 * errors), and the semantic check that resolves placeholders through the given lookup.
 * Deterministic and free of side effects other than marking placeholders used.
 */
public final class ExpressionParser {
    /** DynamoDB's limit on the length of one expression, in UTF-8 bytes, before substitution. */
    public static final int MAX_EXPRESSION_BYTES = 4096;
    /** DynamoDB's limit on operators and functions in one expression. */
    public static final int MAX_OPERATORS = 300;

    private ExpressionParser() {
    }

    /** A ConditionExpression, FilterExpression or KeyConditionExpression. */
    public static Condition condition(String text, ExpressionKind kind, PlaceholderLookup lookup) {
        if (!kind.isCondition()) {
            throw new IllegalArgumentException(kind + " is not a condition");
        }
        checkText(text, kind);
        Syntax tree = ConditionParser.parse(text, kind);
        checkOperatorCount(tree.preorder().filter(ExpressionParser::isOperator).count(), kind);
        return ConditionChecker.check(tree, kind, lookup);
    }

    public static UpdateExpression update(String text, PlaceholderLookup lookup) {
        checkText(text, ExpressionKind.UPDATE);
        Syntax.Update update = UpdateParser.parse(text);
        long operators = update.clauses().stream().flatMap(c -> c.actions().stream())
                .flatMap(a -> a.value().stream()).flatMap(Syntax::preorder).filter(ExpressionParser::isOperator).count();
        checkOperatorCount(operators, ExpressionKind.UPDATE);
        return UpdateChecker.check(update, lookup);
    }

    /** A ProjectionExpression: reserved words, then undefined names, then overlapping paths. */
    public static Projection projection(String text, PlaceholderLookup lookup) {
        checkText(text, ExpressionKind.PROJECTION);
        var nodes = ProjectionParser.parse(text);
        var placeholders = new Placeholders(ExpressionKind.PROJECTION, lookup);
        placeholders.rejectReservedWords(nodes.stream().map(Syntax.class::cast));
        placeholders.requireDefined(nodes.stream().map(Syntax.class::cast), true, false);
        var paths = new ArrayList<Path>();
        nodes.forEach(node -> paths.add(placeholders.path(node)));
        PathOverlaps.check(paths, ExpressionKind.PROJECTION);
        return new Projection(paths);
    }

    private static void checkText(String text, ExpressionKind kind) {
        if (text.isEmpty()) {
            throw kind.error("The expression can not be empty;");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            // DynamoDB adds the size for these two kinds only.
            boolean withSize = kind == ExpressionKind.CONDITION || kind == ExpressionKind.FILTER;
            throw kind.error("Expression size has exceeded the maximum allowed size;"
                    + (withSize ? " expression size: " + bytes : ""));
        }
    }

    private static void checkOperatorCount(long count, ExpressionKind kind) {
        if (count > MAX_OPERATORS) {
            throw kind.error("The expression contains too many operators; maximum: " + MAX_OPERATORS
                    + ", operators: " + count);
        }
    }

    private static boolean isOperator(Syntax node) {
        return switch (node) {
            case Syntax.PathNode ignored -> false;
            case Syntax.ValueRef ignored -> false;
            case Syntax.Parens ignored -> false;
            case Syntax.Bare ignored -> false;
            default -> true;
        };
    }
}
