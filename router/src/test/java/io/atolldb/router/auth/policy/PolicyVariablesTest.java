package io.atolldb.router.auth.policy;

import static io.atolldb.router.auth.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.router.auth.policy.Decision.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Policy variables in Resource and condition values (IAM User Guide, "IAM policy elements: Variables and tags"):
 * substituted from the request context, only under Version 2012-10-17, with {@code ${*}}, {@code ${?}} and
 * {@code ${$}} standing for the literal characters; a variable without a value matches nothing.
 */
class PolicyVariablesTest {
    private static final String USER_TABLES = "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username}-*";

    private static PolicyDocument policy(String version, String resource) {
        return PolicyDocument.identity("""
                {"Version": "%s", "Statement": {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "%s"}}"""
                .formatted(version, resource));
    }

    private static AuthorizationRequest onTable(String table, Map<String, List<String>> context) {
        return request("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:123456789012:table/" + table, context);
    }

    @Test
    void aResourceVariableIsTheCallersValueFromTheRequestContext() {
        PolicyDocument policy = policy("2012-10-17", USER_TABLES);
        Map<String, List<String>> alice = Map.of("aws:username", List.of("alice"));
        assertThat(decide(onTable("alice-scores", alice), policy)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(onTable("bob-scores", alice), policy)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void anUnknownVariableMakesTheValueMatchNothing() {
        PolicyDocument policy = policy("2012-10-17", USER_TABLES);
        assertThat(decide(onTable("-scores", Map.of()), policy)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(onTable("alice-scores", Map.of("aws:username", List.of("alice", "bob"))), policy))
                .as("a multivalued key is no variable").isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument withDefault = policy("2012-10-17", "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username, 'guest'}");
        assertThat(decide(onTable("guest", Map.of()), withDefault)).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void variablesAreTextUnder2008AndWithoutVersion() {
        PolicyDocument old = policy("2008-10-17", "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username}");
        Map<String, List<String>> alice = Map.of("aws:username", List.of("alice"));
        assertThat(decide(onTable("alice", alice), old)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(onTable("${aws:username}", alice), old)).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void escapesStandForLiteralWildcardAndDollarCharacters() {
        PolicyDocument star = policy("2012-10-17", "arn:aws:dynamodb:us-east-1:123456789012:table/a${*}b${?}c${$}");
        assertThat(decide(onTable("a*b?c$", Map.of()), star)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(onTable("axxbyc$", Map.of()), star)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void aVariablesValueIsLiteralEvenWhenItHoldsWildcards() {
        PolicyDocument policy = policy("2012-10-17", "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username}");
        Map<String, List<String>> sly = Map.of("aws:username", List.of("*"));
        assertThat(decide(onTable("Music", sly), policy)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(onTable("*", sly), policy)).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void conditionValuesTakeVariablesFromAnyContextKey() {
        PolicyDocument policy = allowing("""
                "Action": "dynamodb:GetItem", "Resource": "*",
                "Condition": {"StringLike": {"dynamodb:LeadingKeys": "${aws:PrincipalType}#${aws:userid}#*"}}""");
        Map<String, List<String>> context = Map.of("aws:PrincipalType", List.of("User"), "aws:userid", List.of("AIDA1"),
                "dynamodb:LeadingKeys", List.of("User#AIDA1#2026"));
        assertThat(decide(request("dynamodb:GetItem", MUSIC, context), policy)).isEqualTo(Outcome.ALLOW);
        Map<String, List<String>> other = Map.of("aws:PrincipalType", List.of("User"), "aws:userid", List.of("AIDA1"),
                "dynamodb:LeadingKeys", List.of("User#AIDA2#2026"));
        assertThat(decide(request("dynamodb:GetItem", MUSIC, other), policy)).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument fromIp = allowing("""
                "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k:caller": "${aws:SourceIp}"}}""");
        assertThat(decide(request("dynamodb:GetItem", MUSIC,
                Map.of("aws:SourceIp", List.of("192.0.2.1"), "k:caller", List.of("192.0.2.1"))), fromIp)).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void variablesAreNotSubstitutedInNumericOrAddressConditions() {
        PolicyDocument policy = allowing("""
                "Action": "*", "Resource": "*", "Condition": {"NumericEquals": {"k:n": "${k:m}"}}""");
        assertThat(decide(request("dynamodb:GetItem", MUSIC, Map.of("k:n", List.of("1"), "k:m", List.of("1"))), policy))
                .isEqualTo(Outcome.IMPLICIT_DENY);
    }
}
