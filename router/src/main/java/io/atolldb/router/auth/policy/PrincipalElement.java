package io.atolldb.router.auth.policy;

import java.util.List;
import java.util.Map;

/**
 * Whom a statement of a resource-based policy is about: {@code "*"} (anyone), or principals by type, e.g.
 * {@code {"AWS": ["arn:aws:iam::123456789012:user/alice"]}}. Identity-based policies have none: they are about
 * the identity they are attached to.
 *
 * @param anyone  {@code "Principal": "*"} or {@code {"AWS": "*"}}
 * @param byType  principal type (AWS, Service, Federated, CanonicalUser) to its values, in document order
 * @param negated true for NotPrincipal
 */
public record PrincipalElement(boolean anyone, Map<String, List<String>> byType, boolean negated) {
    public PrincipalElement {
        byType = Map.copyOf(byType);
    }

    /**
     * Whether this element names {@code principalArn}. An AWS account (its 12-digit id or its root ARN) names every
     * principal of that account only for Deny: in an Allow it delegates the decision to the account's identity-based
     * policies and grants nothing by itself (IAM User Guide, "AWS JSON policy elements: Principal").
     */
    boolean names(String principalArn, Effect effect) {
        boolean named = anyone || byType.getOrDefault("AWS", List.of()).stream().anyMatch(value -> value.equals("*")
                || value.equals(principalArn)
                || (effect == Effect.Deny && isAccount(value) && account(value).equals(Arns.account(principalArn))));
        return negated != named;
    }

    private static boolean isAccount(String value) {
        return value.matches("\\d{12}") || value.matches("arn:aws[a-z-]*:iam::\\d{12}:root");
    }

    private static String account(String value) {
        return value.matches("\\d{12}") ? value : Arns.account(value);
    }
}
