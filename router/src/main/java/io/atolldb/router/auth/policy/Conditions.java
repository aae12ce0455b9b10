package io.atolldb.router.auth.policy;

import java.util.List;
import java.util.Optional;

/**
 * Whether the conditions of a statement hold for a request (IAM User Guide, "Condition element" and "Single-valued
 * vs. multivalued context keys"): conditions are ANDed, the values of one are ORed.
 *
 * <p>A key the request lacks: a plain operator is false, a negated one true (nothing there equals the values); an
 * IfExists operator is true; {@code ForAllValues} is true (all of nothing), {@code ForAnyValue} false. A key
 * present with no values counts as absent. A policy value whose variable has no value is left out: it matches no
 * request value.
 */
final class Conditions {
    private Conditions() {}

    static boolean allHold(List<Condition> conditions, AuthorizationRequest request, PolicyVersion version) {
        return conditions.stream().allMatch(condition -> holds(condition, request, version));
    }

    static boolean holds(Condition condition, AuthorizationRequest request, PolicyVersion version) {
        ConditionOperator operator = condition.operator();
        Optional<List<String>> present = request.values(condition.key());
        if (operator.comparison() == Comparison.Null) {
            boolean absent = present.map(List::isEmpty).orElse(true);
            return condition.values().stream().anyMatch(value -> Boolean.parseBoolean(value) == absent);
        }
        List<String> requestValues = present.orElse(List.of());
        boolean absent = requestValues.isEmpty();
        if (absent && operator.ifExists()) {
            return true;
        }
        List<Template> policyValues = policyValues(condition, request, version);
        Comparison comparison = operator.comparison();
        return switch (operator.qualifier()) {
            case FOR_ALL_VALUES -> requestValues.stream().allMatch(value -> single(comparison, value, policyValues));
            case FOR_ANY_VALUE -> requestValues.stream().anyMatch(value -> single(comparison, value, policyValues));
            case NONE -> absent ? comparison.negated()
                    : comparison.negated()
                            ? requestValues.stream().allMatch(value -> single(comparison, value, policyValues))
                            : requestValues.stream().anyMatch(value -> single(comparison, value, policyValues));
        };
    }

    /** One request value against the policy's values: a match with any of them, or with none for a negated operator. */
    private static boolean single(Comparison comparison, String requestValue, List<Template> policyValues) {
        boolean matched = policyValues.stream().anyMatch(policyValue -> comparison.matches(requestValue, policyValue));
        return comparison.negated() != matched;
    }

    /** The policy's values with their variables substituted; a value whose variable has no value is left out. */
    private static List<Template> policyValues(Condition condition, AuthorizationRequest request, PolicyVersion version) {
        boolean substitute = version.substitutesVariables() && condition.operator().comparison().substitutesVariables();
        return condition.values().stream()
                .flatMap(value -> Template.resolve(value, substitute, request::variable).stream())
                .toList();
    }
}
