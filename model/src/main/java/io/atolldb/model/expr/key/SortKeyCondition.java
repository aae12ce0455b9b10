package io.atolldb.model.expr.key;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.expr.eval.Values;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a Query's key condition on the sort key, in the form the storage layer scans: a range
 * of sort key values, or a prefix. Values have the sort key's schema type (S, N or B).
 */
public sealed interface SortKeyCondition {

    /** The sort key attribute's name. */
    String attribute();

    /** True when {@code sortKey} satisfies this condition. */
    boolean matches(AttributeValue sortKey);

    /**
     * Sort keys between the bounds: {@code =} is a range with two equal inclusive bounds, {@code <} a
     * range with only an exclusive upper bound, BETWEEN one with two inclusive bounds, and so on.
     */
    record Range(String attribute, Optional<AttributeValue> lower, boolean lowerInclusive,
                 Optional<AttributeValue> upper, boolean upperInclusive) implements SortKeyCondition {
        public Range {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(upper, "upper");
        }

        public static Range exactly(String attribute, AttributeValue value) {
            return new Range(attribute, Optional.of(value), true, Optional.of(value), true);
        }

        public static Range below(String attribute, AttributeValue upper, boolean inclusive) {
            return new Range(attribute, Optional.empty(), false, Optional.of(upper), inclusive);
        }

        public static Range above(String attribute, AttributeValue lower, boolean inclusive) {
            return new Range(attribute, Optional.of(lower), inclusive, Optional.empty(), false);
        }

        public static Range between(String attribute, AttributeValue lower, AttributeValue upper) {
            return new Range(attribute, Optional.of(lower), true, Optional.of(upper), true);
        }

        @Override
        public boolean matches(AttributeValue sortKey) {
            boolean aboveLower = lower.map(l -> Values.compare(sortKey, l)
                    .map(c -> lowerInclusive ? c >= 0 : c > 0).orElse(false)).orElse(true);
            boolean belowUpper = upper.map(u -> Values.compare(sortKey, u)
                    .map(c -> upperInclusive ? c <= 0 : c < 0).orElse(false)).orElse(true);
            return aboveLower && belowUpper;
        }
    }

    /** Sort keys starting with {@code prefix} (a string or binary prefix): {@code begins_with(sk, prefix)}. */
    record BeginsWith(String attribute, AttributeValue prefix) implements SortKeyCondition {
        public BeginsWith {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public boolean matches(AttributeValue sortKey) {
            return Values.beginsWith(sortKey, prefix);
        }
    }
}
