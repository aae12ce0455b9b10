package io.atolldb.model.expr.ast;

/** The six comparison operators of condition expressions, with their expression syntax. */
public enum Comparator {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for the ordering operators, which only S, N and B values satisfy. */
    public boolean isOrdering() {
        return this != EQ && this != NE;
    }

    /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
    public Comparator mirrored() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            default -> this;
        };
    }
}
