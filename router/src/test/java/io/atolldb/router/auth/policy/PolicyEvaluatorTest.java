package io.atolldb.router.auth.policy;

import static io.atolldb.router.auth.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.router.auth.policy.Decision.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The decision between allow, explicit deny and implicit deny (IAM User Guide, "Policy evaluation logic",
 * "Determining whether a request is allowed or denied within an account"), and how actions and DynamoDB resource
 * ARNs match (DynamoDB Developer Guide, "Using identity-based policies with DynamoDB").
 */
class PolicyEvaluatorTest {

    @Test
    void anExactActionOnTheTableIsAllowed() {
        PolicyDocument policy = allowing("\"Action\": \"dynamodb:GetItem\", \"Resource\": \"" + MUSIC + "\"");
        assertThat(decide(request("dynamodb:GetItem", MUSIC), policy)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:PutItem", MUSIC), policy)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void wildcardActionsCoverTheirPrefixAndAllActions() {
        assertThat(decide(request("dynamodb:GetItem", MUSIC), allowing("\"Action\": \"dynamodb:Get*\", \"Resource\": \"*\"")))
                .isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:BatchGetItem", MUSIC), allowing("\"Action\": \"dynamodb:Get*\", \"Resource\": \"*\"")))
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(request("dynamodb:Scan", MUSIC), allowing("\"Action\": \"dynamodb:*\", \"Resource\": \"*\"")))
                .isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:Scan", MUSIC), allowing("\"Action\": \"*\", \"Resource\": \"*\"")))
                .isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:GetItem", MUSIC), allowing("\"Action\": \"dynamodb:?etItem\", \"Resource\": \"*\"")))
                .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void actionsCompareCaseInsensitivelyButResourcesCaseSensitively() {
        PolicyDocument policy = allowing("\"Action\": \"DynamoDB:getitem\", \"Resource\": \"" + MUSIC + "\"");
        assertThat(decide(request("dynamodb:GetItem", MUSIC), policy)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:GetItem", MUSIC.replace("Music", "music")), policy))
                .isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void notActionAllowsEveryActionButTheListedOnes() {
        PolicyDocument policy = allowing("\"NotAction\": [\"dynamodb:DeleteTable\", \"dynamodb:Delete*\"], \"Resource\": \"*\"");
        assertThat(decide(request("dynamodb:PutItem", MUSIC), policy)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:DeleteTable", MUSIC), policy)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(request("dynamodb:deleteitem", MUSIC), policy)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void aDenyOverridesAnAllowInTheSamePolicy() {
        PolicyDocument policy = PolicyDocument.identity("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "All", "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
                  {"Sid": "NoDrops", "Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"}]}""");
        Decision decision = PolicyEvaluator.evaluate(request("dynamodb:DeleteTable", MUSIC), List.of(policy), Optional.empty());
        assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(decision.decidedBy().orElseThrow().sid()).contains("NoDrops");
        assertThat(decision.decidedBy().orElseThrow().statementIndex()).isEqualTo(1);
    }

    @Test
    void aDenyInOnePolicyOverridesAnAllowInAnother() {
        Decision decision = PolicyEvaluator.evaluate(request("dynamodb:PutItem", MUSIC),
                List.of(allowing("\"Action\": \"*\", \"Resource\": \"*\""),
                        denying("\"Action\": \"dynamodb:PutItem\", \"Resource\": \"" + MUSIC + "\"")), Optional.empty());
        assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(decision.decidedBy().orElseThrow().policyIndex()).isEqualTo(1);
        assertThat(decision.decidedBy().orElseThrow().kind()).isEqualTo(PolicyKind.IDENTITY);
    }

    @Test
    void aDenyInTheResourcePolicyOverridesAnIdentityAllowAndTheOtherWayRound() {
        PolicyDocument resourceDeny = PolicyDocument.resource("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": {"AWS": "%s"},
                 "Action": "dynamodb:Scan", "Resource": "%s"}}""".formatted(ALICE, MUSIC));
        Decision decision = PolicyEvaluator.evaluate(request("dynamodb:Scan", MUSIC),
                List.of(allowing("\"Action\": \"dynamodb:*\", \"Resource\": \"*\"")), Optional.of(resourceDeny));
        assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(decision.decidedBy().orElseThrow().kind()).isEqualTo(PolicyKind.RESOURCE);

        PolicyDocument resourceAllow = PolicyDocument.resource("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}}""");
        assertThat(PolicyEvaluator.evaluate(request("dynamodb:Scan", MUSIC),
                List.of(denying("\"Action\": \"dynamodb:Scan\", \"Resource\": \"*\"")), Optional.of(resourceAllow)).outcome())
                .isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Test
    void aResourcePolicyAloneAllowsAPrincipalOfTheSameAccountItNames() {
        PolicyDocument resourceAllow = PolicyDocument.resource("""
                {"Version": "2012-10-17", "Statement": {"Sid": "AliceReads", "Effect": "Allow",
                 "Principal": {"AWS": ["%s"]}, "Action": "dynamodb:GetItem", "Resource": "%s"}}""".formatted(ALICE, MUSIC));
        Decision alice = PolicyEvaluator.evaluate(request("dynamodb:GetItem", MUSIC), List.of(), Optional.of(resourceAllow));
        assertThat(alice.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(alice.decidedBy().orElseThrow().kind()).isEqualTo(PolicyKind.RESOURCE);
        Decision bob = PolicyEvaluator.evaluate(AuthorizationRequest.of(BOB, "dynamodb:GetItem", MUSIC), List.of(),
                Optional.of(resourceAllow));
        assertThat(bob.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void anAccountPrincipalInAResourcePolicyDelegatesAllowsButItsDenyCoversTheWholeAccount() {
        PolicyDocument accountAllow = PolicyDocument.resource("""
                {"Statement": {"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "*", "Resource": "*"}}""");
        assertThat(PolicyEvaluator.evaluate(request("dynamodb:GetItem", MUSIC), List.of(), Optional.of(accountAllow)).outcome())
                .isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument accountDeny = PolicyDocument.resource("""
                {"Statement": {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "*", "Resource": "*"}}""");
        assertThat(PolicyEvaluator.evaluate(request("dynamodb:GetItem", MUSIC),
                List.of(allowing("\"Action\": \"*\", \"Resource\": \"*\"")), Optional.of(accountDeny)).outcome())
                .isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Test
    void aPrincipalOfAnotherAccountNeedsAnAllowOnBothSides() {
        String stranger = "arn:aws:iam::210987654321:user/carol";
        PolicyDocument resourceAllow = PolicyDocument.resource("""
                {"Statement": {"Effect": "Allow", "Principal": {"AWS": "%s"}, "Action": "*", "Resource": "*"}}""".formatted(stranger));
        PolicyDocument identityAllow = allowing("\"Action\": \"*\", \"Resource\": \"*\"");
        AuthorizationRequest request = AuthorizationRequest.of(stranger, "dynamodb:GetItem", MUSIC);
        assertThat(PolicyEvaluator.evaluate(request, List.of(), Optional.of(resourceAllow)).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(request, List.of(identityAllow), Optional.empty()).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(request, List.of(identityAllow), Optional.of(resourceAllow)).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void nothingMatchingIsAnImplicitDenyWithNoDecidingStatement() {
        Decision decision = PolicyEvaluator.evaluate(request("dynamodb:GetItem", MUSIC),
                List.of(allowing("\"Action\": \"dynamodb:GetItem\", \"Resource\": \"" + GAMES + "\"")), Optional.empty());
        assertThat(decision).isEqualTo(new Decision(Outcome.IMPLICIT_DENY, Optional.empty()));
        assertThat(PolicyEvaluator.evaluate(request("dynamodb:GetItem", MUSIC), List.of(), Optional.empty()).allowed()).isFalse();
    }

    @Test
    void aGrantOnTheTableDoesNotCoverItsIndexesOrStreams() {
        PolicyDocument table = allowing("\"Action\": \"dynamodb:Query\", \"Resource\": \"" + MUSIC + "\"");
        assertThat(decide(request("dynamodb:Query", MUSIC), table)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:Query", MUSIC_INDEX), table)).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument indexes = allowing("\"Action\": \"dynamodb:Query\", \"Resource\": \"" + MUSIC + "/index/*\"");
        assertThat(decide(request("dynamodb:Query", MUSIC_INDEX), indexes)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:Query", MUSIC), indexes)).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument everything = allowing("\"Action\": \"dynamodb:*\", \"Resource\": \"" + MUSIC + "*\"");
        assertThat(decide(request("dynamodb:GetRecords", MUSIC_STREAM), everything)).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void resourceWildcardsMatchRegionsAccountsAndBackups() {
        PolicyDocument policy = allowing("\"Action\": \"dynamodb:*\", \"Resource\": [\"arn:aws:dynamodb:*:123456789012:table/Mu?ic\","
                + " \"arn:aws:dynamodb:us-east-1:123456789012:table/Music/backup/*\"]");
        assertThat(decide(request("dynamodb:GetItem", MUSIC.replace("us-east-1", "eu-west-1")), policy)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:RestoreTableFromBackup", MUSIC + "/backup/01700000000000-abcdefgh"), policy))
                .isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:GetItem", GAMES), policy)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void notResourceAppliesToEveryResourceButTheListedOnes() {
        PolicyDocument policy = PolicyDocument.identity("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "dynamodb:*", "NotResource": "%s"}]}""".formatted(MUSIC));
        assertThat(decide(request("dynamodb:GetItem", MUSIC), policy)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("dynamodb:GetItem", GAMES), policy)).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(decide(request("dynamodb:Query", MUSIC_INDEX), policy)).isEqualTo(Outcome.EXPLICIT_DENY);
    }
}
