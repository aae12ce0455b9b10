package io.atolldb.router.auth.policy;

import java.util.List;
import java.util.Objects;

/**
 * One key under one operator of a Condition block, e.g. {@code "ForAllValues:StringEquals":
 * {"dynamodb:Attributes": ["Id", "Title"]}}. The values are ORed; the conditions of a statement are ANDed.
 *
 * @param operator the operator with its qualifier and IfExists suffix
 * @param key      the condition key as written (keys compare case-insensitively)
 * @param values   the policy's values as text (JSON numbers and booleans become their text)
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
    public Condition {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
    }
}
