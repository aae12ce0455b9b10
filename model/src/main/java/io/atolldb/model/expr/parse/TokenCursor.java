package io.atolldb.model.expr.parse;

import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.ExpressionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shared part of the three recursive-descent parsers: a cursor over the tokens, DynamoDB's syntax
 * error message, a nesting guard, and document paths (the one construct all grammars share).
 *
 * <p>A syntax error names the offending token and quotes the text from the token before it to the
 * token after it, as DynamoDB does: {@code SET _123 = :v} fails with
 * {@code Syntax error; token: "_", near: "SET _123"}, and a missing end with
 * {@code token: "<EOF>", near: ":v"}.
 */
abstract class TokenCursor {
    /**
     * Nesting deeper than this is refused. Every level of a valid expression costs an operator or
     * function, and DynamoDB allows 300 of those, so only invalid expressions reach the limit; it keeps
     * the recursion (which runs inside the Raft apply step) far from the stack's end.
     */
    static final int MAX_NESTING = 400;

    private final String text;
    private final List<Token> tokens;
    private final ExpressionKind kind;
    private final Set<String> keywords;
    private int position;
    private int nesting;

    TokenCursor(String text, ExpressionKind kind, Set<String> keywords) {
        this.text = text;
        this.tokens = Lexer.tokenize(text);
        this.kind = kind;
        this.keywords = keywords;
    }

    final ExpressionKind kind() {
        return kind;
    }

    final Token peek() {
        return tokens.get(position);
    }

    final Token peekAhead(int distance) {
        return tokens.get(Math.min(position + distance, tokens.size() - 1));
    }

    final Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Token.Kind.END) {
            position++;
        }
        return token;
    }

    final boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    final void expect(String punctuation) {
        if (!peek().is(punctuation)) {
            throw syntaxError();
        }
        next();
    }

    final void expectWord(String keyword) {
        if (!peek().isWord(keyword)) {
            throw syntaxError();
        }
        next();
    }

    final void expectEnd() {
        if (!atEnd()) {
            throw syntaxError();
        }
    }

    /** True when the token is a keyword of this grammar (keywords cannot be attribute names). */
    final boolean isKeyword(Token token) {
        return token.kind() == Token.Kind.NAME && keywords.contains(token.text().toUpperCase(Locale.ROOT));
    }

    /** Marks one more level of nesting; call {@link #leave()} when the level is done. */
    final void enter() {
        if (++nesting > MAX_NESTING) {
            throw kind.error("The expression is nested too deeply; maximum depth: " + MAX_NESTING);
        }
    }

    final void leave() {
        nesting--;
    }

    /** A syntax error at the current token. */
    final ValidationError syntaxError() {
        Token bad = peek();
        int first = position > 0 ? position - 1 : position;
        int last = bad.kind() == Token.Kind.END ? position - 1 : position + 1;
        last = Math.min(last, tokens.size() - 1);
        String near = "";
        if (last >= first) {
            Token lastToken = tokens.get(last);
            int end = lastToken.kind() == Token.Kind.END ? tokens.get(Math.max(last - 1, 0)).end() : lastToken.end();
            near = text.substring(tokens.get(first).start(), Math.max(end, tokens.get(first).start()));
        }
        return kind.error("Syntax error; token: \"" + bad.shown() + "\", near: \"" + near + "\"");
    }

    /** {@code name-or-#ref ( '.' name-or-#ref | '[' digits ']' )*}. */
    final Syntax.PathNode path() {
        var segments = new ArrayList<Syntax.Segment>();
        segments.add(pathName());
        while (true) {
            if (peek().is(".")) {
                next();
                segments.add(pathName());
            } else if (peek().is("[")) {
                next();
                segments.add(listIndex());
                expect("]");
            } else {
                return new Syntax.PathNode(segments);
            }
        }
    }

    private Syntax.Segment pathName() {
        Token token = peek();
        if (token.kind() == Token.Kind.NAME && !isKeyword(token)) {
            next();
            return new Syntax.Segment.Name(token.text());
        }
        if (token.kind() == Token.Kind.NAME_REF) {
            next();
            return new Syntax.Segment.NameRef(token.text());
        }
        throw syntaxError();
    }

    private Syntax.Segment listIndex() {
        Token token = peek();
        if (token.kind() != Token.Kind.NUMBER) {
            throw syntaxError();
        }
        String digits = token.text().replaceFirst("^0+(?=.)", "");
        if (digits.length() > 9) {
            throw syntaxError();
        }
        next();
        return new Syntax.Segment.Index(Integer.parseInt(digits));
    }
}
