package io.atolldb.model.expr.parse;

import io.atolldb.model.expr.ast.Comparator;
import io.atolldb.model.expr.ast.ExpressionKind;
import java.util.ArrayList;
import java.util.Set;

/**
 * Parses the condition grammar (ConditionExpression, FilterExpression, KeyConditionExpression):
 *
 * <pre>
 *   condition := and ( OR and )*                 precedence: NOT binds tighter than AND,
 *   and       := not ( AND not )*                AND tighter than OR
 *   not       := NOT not | primary
 *   primary   := '(' condition ')' | predicate
 *   predicate := operand comparator operand
 *              | operand BETWEEN operand AND operand
 *              | operand IN '(' operand ( ',' operand )* ')'
 *              | call                            a function used as a condition
 *   operand   := '(' operand ')' | call | :value | path
 *   call      := name '(' operand ( ',' operand )* ')'
 * </pre>
 *
 * Keywords (AND, OR, NOT, BETWEEN, IN) are case-insensitive; function names are not checked here.
 *
 * <p>Why a hand-written recursive-descent parser: the grammar is small, a generator would add a
 * build step and a dependency to a module that has neither, and hand-written code lets the syntax
 * errors name exactly the token and surroundings DynamoDB names. The one ambiguity, a '(' that may
 * open a condition or an operand, is settled without backtracking: an operand directly followed by
 * ')' is returned as {@link Syntax.Bare}, and the parentheses then decide from the next token.
 */
final class ConditionParser extends TokenCursor {
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");

    private ConditionParser(String text, ExpressionKind kind) {
        super(text, kind, KEYWORDS);
    }

    static Syntax parse(String text, ExpressionKind kind) {
        var parser = new ConditionParser(text, kind);
        Syntax condition = parser.condition();
        parser.expectEnd();
        return condition;
    }

    private Syntax condition() {
        Syntax left = and();
        while (peek().isWord("OR")) {
            next();
            left = new Syntax.Or(left, asCondition(and()));
        }
        return left;
    }

    private Syntax and() {
        Syntax left = not();
        while (peek().isWord("AND")) {
            next();
            left = new Syntax.And(left, asCondition(not()));
        }
        return left;
    }

    private Syntax not() {
        if (!peek().isWord("NOT")) {
            return primary();
        }
        next();
        enter();
        Syntax inner = asCondition(not());
        leave();
        if (inner instanceof Syntax.Bare) {
            throw syntaxError();
        }
        return new Syntax.Not(inner);
    }

    private Syntax primary() {
        if (peek().is("(")) {
            return parenthesized();
        }
        return predicateAfter(operand());
    }

    /** '(' condition ')', or '(' operand ')' when an operand is all the parentheses hold. */
    private Syntax parenthesized() {
        next();
        enter();
        Syntax inner = condition();
        if (!(inner instanceof Syntax.Bare) && endsWithBare(inner)) {
            throw syntaxError();
        }
        expect(")");
        leave();
        if (inner instanceof Syntax.Bare(Syntax operand)) {
            return predicateAfter(new Syntax.Parens(operand));
        }
        return new Syntax.Parens(inner);
    }

    /** What follows an operand in condition position decides what it is part of. */
    private Syntax predicateAfter(Syntax left) {
        Comparator comparator = comparatorAt(peek());
        if (comparator != null) {
            next();
            return new Syntax.Compare(comparator, left, operand());
        }
        if (peek().isWord("BETWEEN")) {
            next();
            Syntax lower = operand();
            expectWord("AND");
            return new Syntax.Between(left, lower, operand());
        }
        if (peek().isWord("IN")) {
            next();
            expect("(");
            var candidates = new ArrayList<Syntax>();
            candidates.add(operand());
            while (peek().is(",")) {
                next();
                candidates.add(operand());
            }
            expect(")");
            return new Syntax.In(left, candidates);
        }
        if (peek().is(")")) {
            return new Syntax.Bare(left);
        }
        if (isCall(left)) {
            return left;
        }
        throw syntaxError();
    }

    private Syntax operand() {
        var token = peek();
        if (token.is("(")) {
            next();
            enter();
            Syntax inner = operand();
            expect(")");
            leave();
            return new Syntax.Parens(inner);
        }
        if (token.kind() == Token.Kind.VALUE_REF) {
            next();
            return new Syntax.ValueRef(token.text());
        }
        if (token.kind() == Token.Kind.NAME && !isKeyword(token) && peekAhead(1).is("(")) {
            return call();
        }
        return path();
    }

    private Syntax call() {
        String name = next().text();
        next();
        enter();
        var arguments = new ArrayList<Syntax>();
        arguments.add(operand());
        while (peek().is(",")) {
            next();
            arguments.add(operand());
        }
        expect(")");
        leave();
        return new Syntax.Call(name, arguments);
    }

    /** A function call before ')' is a condition wherever a condition is required. */
    private static Syntax asCondition(Syntax syntax) {
        return syntax instanceof Syntax.Bare(Syntax operand) && isCall(operand) ? operand : syntax;
    }

    private static boolean isCall(Syntax syntax) {
        return switch (syntax) {
            case Syntax.Call ignored -> true;
            case Syntax.Parens(Syntax inner) -> isCall(inner);
            default -> false;
        };
    }

    /** A bare operand can only be the last thing parsed, so it sits on the right edge of the tree. */
    private static boolean endsWithBare(Syntax syntax) {
        return switch (syntax) {
            case Syntax.Bare ignored -> true;
            case Syntax.And(var left, var right) -> endsWithBare(right);
            case Syntax.Or(var left, var right) -> endsWithBare(right);
            case Syntax.Not(var inner) -> endsWithBare(inner);
            default -> false;
        };
    }

    private static Comparator comparatorAt(Token token) {
        if (token.kind() != Token.Kind.PUNCTUATION) {
            return null;
        }
        for (var comparator : Comparator.values()) {
            if (comparator.symbol().equals(token.text())) {
                return comparator;
            }
        }
        return null;
    }
}
