package io.atolldb.model.expr.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into {@link Token}s. Blanks (space, tab, CR, LF) separate tokens and are
 * dropped. An unknown character becomes an {@link Token.Kind#INVALID} token of that one character, so
 * the parser reports it with DynamoDB's "Syntax error; token: ..." message. The list always ends
 * with an {@link Token.Kind#END} token.
 */
final class Lexer {
    private static final List<String> PUNCTUATION = List.of("<>", "<=", ">=", "(", ")", "[", "]", ",", ".", "=",
            "<", ">", "+", "-");

    private Lexer() {
    }

    static List<Token> tokenize(String text) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
                continue;
            }
            int start = i;
            Token.Kind kind;
            if (isLetter(c)) {
                i = skipWordCharacters(text, i + 1);
                kind = Token.Kind.NAME;
            } else if ((c == '#' || c == ':') && i + 1 < text.length() && isWordCharacter(text.charAt(i + 1))) {
                i = skipWordCharacters(text, i + 1);
                kind = c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF;
            } else if (c >= '0' && c <= '9') {
                while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                kind = Token.Kind.NUMBER;
            } else {
                String punctuation = punctuationAt(text, i);
                if (punctuation != null) {
                    i += punctuation.length();
                    kind = Token.Kind.PUNCTUATION;
                } else {
                    i += Character.charCount(text.codePointAt(i));
                    kind = Token.Kind.INVALID;
                }
            }
            tokens.add(new Token(kind, text.substring(start, i), start, i));
        }
        int end = tokens.isEmpty() ? 0 : tokens.getLast().end();
        tokens.add(new Token(Token.Kind.END, "", end, end));
        return tokens;
    }

    private static String punctuationAt(String text, int i) {
        for (var punctuation : PUNCTUATION) {
            if (text.startsWith(punctuation, i)) {
                return punctuation;
            }
        }
        return null;
    }

    private static int skipWordCharacters(String text, int from) {
        int i = from;
        while (i < text.length() && isWordCharacter(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordCharacter(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }
}
