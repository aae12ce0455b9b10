package io.atolldb.router.auth.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A condition operator as written: an optional set qualifier ({@code ForAllValues:} or {@code ForAnyValue:}), a
 * {@link Comparison}, and an optional {@code IfExists} suffix (Null takes none).
 */
public record ConditionOperator(SetQualifier qualifier, Comparison comparison, boolean ifExists) {
    /** How a condition treats a key with several values in the request (e.g. dynamodb:Attributes). */
    public enum SetQualifier {
        /** Single-valued use: the request's values are compared as they come. */
        NONE(""),
        /** True when every request value matches; also true when the key is absent or empty. */
        FOR_ALL_VALUES("ForAllValues:"),
        /** True when at least one request value matches; false when the key is absent or empty. */
        FOR_ANY_VALUE("ForAnyValue:");

        private final String prefix;

        SetQualifier(String prefix) {
            this.prefix = prefix;
        }
    }

    public ConditionOperator {
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(comparison, "comparison");
    }

    /** The operator of a name such as {@code ForAnyValue:StringLikeIfExists}; empty for an unknown name. */
    static Optional<ConditionOperator> parse(String name) {
        SetQualifier qualifier = SetQualifier.NONE;
        String rest = name;
        for (SetQualifier q : SetQualifier.values()) {
            if (q != SetQualifier.NONE && name.startsWith(q.prefix)) {
                qualifier = q;
                rest = name.substring(q.prefix.length());
            }
        }
        boolean ifExists = rest.endsWith("IfExists") && !rest.equals("IfExists");
        String base = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
        Optional<Comparison> comparison = Comparison.of(base);
        if (comparison.isEmpty() || (ifExists && comparison.get() == Comparison.Null)) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(qualifier, comparison.get(), ifExists));
    }

    @Override
    public String toString() {
        return qualifier.prefix + comparison.name() + (ifExists ? "IfExists" : "");
    }
}
