package io.atolldb.model.expr.parse;

/**
 * One lexical token of an expression, with its position in the text ({@code start} inclusive,
 * {@code end} exclusive). Keywords are {@link Kind#NAME} tokens: which words are keywords depends
 * on the grammar.
 */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        /** A letter followed by letters, digits or underscores: an attribute name, keyword or function name. */
        NAME,
        /** {@code #} followed by letters, digits or underscores. */
        NAME_REF,
        /** {@code :} followed by letters, digits or underscores. */
        VALUE_REF,
        /** Decimal digits: only valid as a list index. */
        NUMBER,
        /** An operator or bracket: ( ) [ ] , . = <> < <= > >= + - */
        PUNCTUATION,
        /** A character no token starts with. */
        INVALID,
        /** The end of the text. */
        END
    }

    boolean is(String punctuation) {
        return kind == Kind.PUNCTUATION && text.equals(punctuation);
    }

    /** True when this is the (case-insensitive) word {@code keyword}. */
    boolean isWord(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }

    /** The token as DynamoDB names it in syntax errors. */
    String shown() {
        return kind == Kind.END ? "<EOF>" : text;
    }
}
