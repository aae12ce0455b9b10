package io.atolldb.model.expr.parse;

import io.atolldb.model.expr.ast.ExpressionKind;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the UpdateExpression grammar (keywords case-insensitive, clauses in any order):
 *
 * <pre>
 *   update  := clause+
 *   clause  := SET path '=' value ( ',' path '=' value )*
 *            | REMOVE path ( ',' path )*
 *            | ADD path :value ( ',' path :value )*
 *            | DELETE path :value ( ',' path :value )*
 *   value   := operand ( ( '+' | '-' ) operand )?
 *   operand := '(' operand ')' | call | :value | path
 *   call    := name '(' operand ( ',' operand )* ')'
 * </pre>
 *
 * As in DynamoDB, {@code a + b + c} and arithmetic inside function arguments are syntax errors.
 * Hand-written for the reasons given in {@link ConditionParser}.
 */
final class UpdateParser extends TokenCursor {
    private static final Set<String> KEYWORDS = Set.of("SET", "REMOVE", "ADD", "DELETE");

    private UpdateParser(String text) {
        super(text, ExpressionKind.UPDATE, KEYWORDS);
    }

    static Syntax.Update parse(String text) {
        var parser = new UpdateParser(text);
        var clauses = new ArrayList<Syntax.Clause>();
        do {
            clauses.add(parser.clause());
        } while (!parser.atEnd());
        return new Syntax.Update(clauses);
    }

    private Syntax.Clause clause() {
        if (!isKeyword(peek())) {
            throw syntaxError();
        }
        String keyword = next().text().toUpperCase(Locale.ROOT);
        var actions = new ArrayList<Syntax.Action>();
        actions.add(action(keyword));
        while (peek().is(",")) {
            next();
            actions.add(action(keyword));
        }
        return new Syntax.Clause(keyword, actions);
    }

    private Syntax.Action action(String keyword) {
        Syntax.PathNode path = path();
        return switch (keyword) {
            case "SET" -> {
                expect("=");
                yield new Syntax.Action(path, Optional.of(value()));
            }
            case "REMOVE" -> new Syntax.Action(path, Optional.empty());
            default -> {
                if (peek().kind() != Token.Kind.VALUE_REF) {
                    throw syntaxError();
                }
                yield new Syntax.Action(path, Optional.of(new Syntax.ValueRef(next().text())));
            }
        };
    }

    private Syntax value() {
        Syntax left = operand();
        if (peek().is("+") || peek().is("-")) {
            char operator = next().text().charAt(0);
            return new Syntax.Arithmetic(operator, left, operand());
        }
        return left;
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
        return path();
    }
}
