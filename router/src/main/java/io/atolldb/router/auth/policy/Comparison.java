package io.atolldb.router.auth.policy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * The condition operators of the IAM policy language without qualifier or IfExists (IAM User Guide, "IAM JSON
 * policy elements: Condition operators"). A negated operator (StringNotEquals, NotIpAddress, ...) holds for a
 * request value that matches none of the policy's values.
 */
public enum Comparison {
    StringEquals(Kind.STRING, false),
    StringNotEquals(Kind.STRING, true),
    StringEqualsIgnoreCase(Kind.STRING_IGNORE_CASE, false),
    StringNotEqualsIgnoreCase(Kind.STRING_IGNORE_CASE, true),
    StringLike(Kind.STRING_LIKE, false),
    StringNotLike(Kind.STRING_LIKE, true),
    NumericEquals(Kind.NUMERIC_EQUALS, false),
    NumericNotEquals(Kind.NUMERIC_EQUALS, true),
    NumericLessThan(Kind.NUMERIC_LESS, false),
    NumericLessThanEquals(Kind.NUMERIC_LESS_EQUALS, false),
    NumericGreaterThan(Kind.NUMERIC_GREATER, false),
    NumericGreaterThanEquals(Kind.NUMERIC_GREATER_EQUALS, false),
    DateEquals(Kind.DATE_EQUALS, false),
    DateNotEquals(Kind.DATE_EQUALS, true),
    DateLessThan(Kind.DATE_LESS, false),
    DateLessThanEquals(Kind.DATE_LESS_EQUALS, false),
    DateGreaterThan(Kind.DATE_GREATER, false),
    DateGreaterThanEquals(Kind.DATE_GREATER_EQUALS, false),
    Bool(Kind.BOOL, false),
    BinaryEquals(Kind.STRING, false),
    IpAddress(Kind.IP, false),
    NotIpAddress(Kind.IP, true),
    ArnEquals(Kind.ARN, false),
    ArnLike(Kind.ARN, false),
    ArnNotEquals(Kind.ARN, true),
    ArnNotLike(Kind.ARN, true),
    /** Tests presence, not values: "true" holds when the key is absent, "false" when it is present. */
    Null(Kind.NULL, false);

    private enum Kind {
        STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC_EQUALS, NUMERIC_LESS, NUMERIC_LESS_EQUALS, NUMERIC_GREATER,
        NUMERIC_GREATER_EQUALS, DATE_EQUALS, DATE_LESS, DATE_LESS_EQUALS, DATE_GREATER, DATE_GREATER_EQUALS, BOOL, IP,
        ARN, NULL
    }

    private final Kind kind;
    private final boolean negated;

    Comparison(Kind kind, boolean negated) {
        this.kind = kind;
        this.negated = negated;
    }

    static Optional<Comparison> of(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
    }

    public boolean negated() {
        return negated;
    }

    /** Policy variables are substituted only in the values of string and ARN operators. */
    boolean substitutesVariables() {
        return kind == Kind.STRING || kind == Kind.STRING_IGNORE_CASE || kind == Kind.STRING_LIKE || kind == Kind.ARN;
    }

    /**
     * Whether one request value matches one policy value, before negation. Values that do not parse (a number
     * operator given text, an address that is no IP literal) match nothing.
     */
    boolean matches(String request, Template policy) {
        return switch (kind) {
            case STRING -> request.equals(policy.text());
            case STRING_IGNORE_CASE -> request.equalsIgnoreCase(policy.text());
            case STRING_LIKE -> policy.matches(request, false);
            case BOOL -> request.equalsIgnoreCase(policy.text());
            case ARN -> policy.matchesArn(request);
            case IP -> Cidr.parse(policy.text()).flatMap(cidr -> cidr.contains(request)).orElse(false);
            case NUMERIC_EQUALS, NUMERIC_LESS, NUMERIC_LESS_EQUALS, NUMERIC_GREATER, NUMERIC_GREATER_EQUALS ->
                    compareNumbers(request, policy.text()).map(this::holds).orElse(false);
            case DATE_EQUALS, DATE_LESS, DATE_LESS_EQUALS, DATE_GREATER, DATE_GREATER_EQUALS ->
                    Dates.compare(request, policy.text()).map(this::holds).orElse(false);
            case NULL -> throw new IllegalStateException("Null compares presence, not values");
        };
    }

    private boolean holds(int order) {
        return switch (kind) {
            case NUMERIC_EQUALS, DATE_EQUALS -> order == 0;
            case NUMERIC_LESS, DATE_LESS -> order < 0;
            case NUMERIC_LESS_EQUALS, DATE_LESS_EQUALS -> order <= 0;
            case NUMERIC_GREATER, DATE_GREATER -> order > 0;
            case NUMERIC_GREATER_EQUALS, DATE_GREATER_EQUALS -> order >= 0;
            default -> throw new IllegalStateException(name() + " does not order values");
        };
    }

    private static Optional<Integer> compareNumbers(String request, String policy) {
        try {
            return Optional.of(new BigDecimal(request.trim()).compareTo(new BigDecimal(policy.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
