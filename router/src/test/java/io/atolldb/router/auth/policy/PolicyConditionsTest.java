package io.atolldb.router.auth.policy;

import static io.atolldb.router.auth.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.router.auth.policy.Decision.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Condition operators and fine-grained access control: IAM User Guide, "IAM JSON policy elements: Condition
 * operators" and "Single-valued vs. multivalued context keys"; DynamoDB Developer Guide, "Using IAM policy
 * conditions for fine-grained access control". The policies are our own, in the spirit of the guide's examples.
 */
class PolicyConditionsTest {

    private static PolicyDocument allowMusicWhen(String actions, String condition) {
        return allowing("\"Action\": " + actions + ", \"Resource\": \"" + MUSIC + "\", \"Condition\": " + condition);
    }

    private static Outcome get(PolicyDocument policy, Map<String, List<String>> context) {
        return decide(request("dynamodb:GetItem", MUSIC, context), policy);
    }

    @Test
    void leadingKeysLimitedToTheCallersUserIdAllowOnlyTheirOwnItems() {
        PolicyDocument policy = allowMusicWhen("[\"dynamodb:GetItem\", \"dynamodb:Query\", \"dynamodb:PutItem\"]",
                "{\"ForAllValues:StringEquals\": {\"dynamodb:LeadingKeys\": [\"${aws:userid}\"]}}");
        assertThat(get(policy, Map.of("aws:userid", List.of("AIDAALICE"), "dynamodb:LeadingKeys", List.of("AIDAALICE"))))
                .isEqualTo(Outcome.ALLOW);
        assertThat(get(policy, Map.of("aws:userid", List.of("AIDAALICE"), "dynamodb:LeadingKeys", List.of("AIDABOB"))))
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(policy, Map.of("aws:userid", List.of("AIDAALICE"),
                "dynamodb:LeadingKeys", List.of("AIDAALICE", "AIDABOB")))).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void leadingKeysMayBeTheWebIdentityUserIdOfAFederatedCaller() {
        PolicyDocument policy = allowMusicWhen("\"dynamodb:*\"",
                "{\"ForAllValues:StringEquals\": {\"dynamodb:LeadingKeys\": \"${www.amazon.com:user_id}\"}}");
        assertThat(get(policy, Map.of("www.amazon.com:user_id", List.of("amzn1.account.X"),
                "dynamodb:LeadingKeys", List.of("amzn1.account.X")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(policy, Map.of("www.amazon.com:user_id", List.of("amzn1.account.X"),
                "dynamodb:LeadingKeys", List.of("amzn1.account.Y")))).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void attributesLimitedToAListRequireSpecificAttributesToBeSelected() {
        PolicyDocument policy = allowMusicWhen("[\"dynamodb:GetItem\", \"dynamodb:Query\"]", """
                {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["Artist", "SongTitle", "Year"]},
                 "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}""");
        assertThat(get(policy, Map.of("dynamodb:Attributes", List.of("Artist", "Year"),
                "dynamodb:Select", List.of("SPECIFIC_ATTRIBUTES")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(policy, Map.of("dynamodb:Attributes", List.of("Artist", "Royalties"),
                "dynamodb:Select", List.of("SPECIFIC_ATTRIBUTES")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(policy, Map.of("dynamodb:Select", List.of("ALL_ATTRIBUTES")))).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void returnValuesLimitedToNoneOrUpdatedAttributesRefuseAllOld() {
        PolicyDocument policy = allowMusicWhen("\"dynamodb:UpdateItem\"",
                "{\"StringEqualsIfExists\": {\"dynamodb:ReturnValues\": [\"NONE\", \"UPDATED_OLD\", \"UPDATED_NEW\"]}}");
        AuthorizationRequest updatedNew = request("dynamodb:UpdateItem", MUSIC, Map.of("dynamodb:ReturnValues", List.of("UPDATED_NEW")));
        AuthorizationRequest allOld = request("dynamodb:UpdateItem", MUSIC, Map.of("dynamodb:ReturnValues", List.of("ALL_OLD")));
        assertThat(decide(updatedNew, policy)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(allOld, policy)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(request("dynamodb:UpdateItem", MUSIC), policy)).as("IfExists: key absent").isEqualTo(Outcome.ALLOW);
    }

    @Test
    void sourceIpMatchesIpv4AndIpv6AddressBlocks() {
        PolicyDocument policy = allowMusicWhen("\"dynamodb:GetItem\"",
                "{\"IpAddress\": {\"aws:SourceIp\": [\"203.0.113.0/24\", \"2001:db8:1234::/48\", \"198.51.100.7\"]}}");
        assertThat(get(policy, Map.of("aws:SourceIp", List.of("203.0.113.200")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(policy, Map.of("aws:SourceIp", List.of("203.0.114.1")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(policy, Map.of("aws:SourceIp", List.of("2001:db8:1234:ffff::1")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(policy, Map.of("aws:SourceIp", List.of("2001:db8:1235::1")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(policy, Map.of("aws:SourceIp", List.of("198.51.100.7")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(policy, Map.of("aws:SourceIp", List.of("localhost")))).as("no lookups").isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(policy, Map.of())).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument outside = PolicyDocument.identity("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""");
        assertThat(get(outside, Map.of("aws:SourceIp", List.of("10.1.2.3")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(outside, Map.of("aws:SourceIp", List.of("192.0.2.1")))).isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Test
    void aMissingKeyFailsAPlainOperatorPassesIfExistsAndPassesANegatedOperator() {
        PolicyDocument plain = allowMusicWhen("\"*\"", "{\"StringEquals\": {\"aws:PrincipalTag/team\": \"music\"}}");
        PolicyDocument ifExists = allowMusicWhen("\"*\"", "{\"StringEqualsIfExists\": {\"aws:PrincipalTag/team\": \"music\"}}");
        PolicyDocument negated = allowMusicWhen("\"*\"", "{\"StringNotEquals\": {\"aws:PrincipalTag/team\": \"games\"}}");
        assertThat(get(plain, Map.of())).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(ifExists, Map.of())).isEqualTo(Outcome.ALLOW);
        assertThat(get(ifExists, Map.of("aws:PrincipalTag/team", List.of("games")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(negated, Map.of())).isEqualTo(Outcome.ALLOW);
        assertThat(get(negated, Map.of("aws:PrincipalTag/team", List.of("games")))).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void nullTestsWhetherTheKeyIsPresent() {
        PolicyDocument absent = allowMusicWhen("\"*\"", "{\"Null\": {\"dynamodb:Attributes\": \"true\"}}");
        PolicyDocument present = allowMusicWhen("\"*\"", "{\"Null\": {\"dynamodb:Attributes\": false}}");
        assertThat(get(absent, Map.of())).isEqualTo(Outcome.ALLOW);
        assertThat(get(absent, Map.of("dynamodb:Attributes", List.of("Artist")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(present, Map.of("dynamodb:Attributes", List.of("Artist")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(present, Map.of())).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void forAllValuesHoldsForAnEmptyKeyWhereForAnyValueDoesNot() {
        PolicyDocument all = allowMusicWhen("\"*\"", "{\"ForAllValues:StringEquals\": {\"dynamodb:Attributes\": [\"Artist\"]}}");
        PolicyDocument any = allowMusicWhen("\"*\"", "{\"ForAnyValue:StringEquals\": {\"dynamodb:Attributes\": [\"Artist\"]}}");
        assertThat(get(all, Map.of())).isEqualTo(Outcome.ALLOW);
        assertThat(get(all, Map.of("dynamodb:Attributes", List.of()))).isEqualTo(Outcome.ALLOW);
        assertThat(get(any, Map.of())).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(any, Map.of("dynamodb:Attributes", List.of()))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(any, Map.of("dynamodb:Attributes", List.of("Royalties", "Artist")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(all, Map.of("dynamodb:Attributes", List.of("Royalties", "Artist")))).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument noneOf = allowMusicWhen("\"*\"", "{\"ForAllValues:StringNotEquals\": {\"dynamodb:Attributes\": [\"Royalties\"]}}");
        assertThat(get(noneOf, Map.of("dynamodb:Attributes", List.of("Artist", "Year")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(noneOf, Map.of("dynamodb:Attributes", List.of("Artist", "Royalties")))).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void keysOfOneOperatorAreAndedAndValuesOfOneKeyAreOred() {
        PolicyDocument policy = allowMusicWhen("\"*\"", """
                {"StringEquals": {"aws:username": ["alice", "bob"], "dynamodb:Select": "COUNT"}}""");
        assertThat(get(policy, Map.of("aws:username", List.of("bob"), "dynamodb:Select", List.of("COUNT")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(policy, Map.of("aws:username", List.of("bob")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(policy, Map.of("aws:username", List.of("carol"), "dynamodb:Select", List.of("COUNT"))))
                .isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void conditionKeysCompareCaseInsensitivelyAndIgnoreCaseOperatorsTheValuesToo() {
        PolicyDocument policy = allowMusicWhen("\"*\"", "{\"StringEqualsIgnoreCase\": {\"AWS:USERNAME\": \"Alice\"}}");
        assertThat(get(policy, Map.of("aws:username", List.of("ALICE")))).isEqualTo(Outcome.ALLOW);
        PolicyDocument exact = allowMusicWhen("\"*\"", "{\"StringEquals\": {\"aws:username\": \"Alice\"}}");
        assertThat(get(exact, Map.of("aws:username", List.of("ALICE")))).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument notAdmin = allowMusicWhen("\"*\"", "{\"StringNotEqualsIgnoreCase\": {\"aws:username\": \"admin\"}}");
        assertThat(get(notAdmin, Map.of("aws:username", List.of("ADMIN")))).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void stringLikeUsesWildcardsAndStringNotLikeNegatesThem() {
        PolicyDocument like = allowMusicWhen("\"*\"", "{\"StringLike\": {\"aws:username\": \"a?ice*\"}}");
        assertThat(get(like, Map.of("aws:username", List.of("alice-admin")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(like, Map.of("aws:username", List.of("bob")))).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument notLike = allowMusicWhen("\"*\"", "{\"StringNotLike\": {\"aws:username\": \"*-admin\"}}");
        assertThat(get(notLike, Map.of("aws:username", List.of("alice")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(notLike, Map.of("aws:username", List.of("alice-admin")))).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void numericOperatorsCompareNumbersNotText() {
        PolicyDocument young = allowMusicWhen("\"*\"", "{\"NumericLessThanEquals\": {\"aws:MultiFactorAuthAge\": \"3600\"}}");
        assertThat(get(young, Map.of("aws:MultiFactorAuthAge", List.of("900")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(young, Map.of("aws:MultiFactorAuthAge", List.of("3600.0")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(young, Map.of("aws:MultiFactorAuthAge", List.of("36000")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(young, Map.of("aws:MultiFactorAuthAge", List.of("soon")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(allowMusicWhen("\"*\"", "{\"NumericGreaterThan\": {\"k:n\": 10}}"), Map.of("k:n", List.of("10"))))
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(allowMusicWhen("\"*\"", "{\"NumericNotEquals\": {\"k:n\": [1, 2]}}"), Map.of("k:n", List.of("3"))))
                .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void dateOperatorsCompareIso8601AndEpochSecondsAlike() {
        PolicyDocument beforeNewYear = allowMusicWhen("\"*\"", "{\"DateLessThan\": {\"aws:CurrentTime\": \"2027-01-01T00:00:00Z\"}}");
        assertThat(get(beforeNewYear, Map.of("aws:CurrentTime", List.of("2026-12-08T03:00:00Z")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(beforeNewYear, Map.of("aws:CurrentTime", List.of("2027-01-01T00:00:00Z")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(beforeNewYear, Map.of("aws:CurrentTime", List.of("1796000000")))).as("epoch 2026-11")
                .isEqualTo(Outcome.ALLOW);
        PolicyDocument fromDay = allowMusicWhen("\"*\"", "{\"DateGreaterThanEquals\": {\"aws:EpochTime\": \"2026-12-08\"}}");
        assertThat(get(fromDay, Map.of("aws:EpochTime", List.of("2026-12-08T00:00:00+00:00")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(fromDay, Map.of("aws:EpochTime", List.of("2026-12-07T23:59:59Z")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(allowMusicWhen("\"*\"", "{\"DateEquals\": {\"k:d\": \"1970-01-01T00:01:40Z\"}}"), Map.of("k:d", List.of("100"))))
                .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void boolAndArnOperatorsWhereArnsCompareOnePartAtATime() {
        PolicyDocument tls = allowMusicWhen("\"*\"", "{\"Bool\": {\"aws:SecureTransport\": \"true\"}}");
        assertThat(get(tls, Map.of("aws:SecureTransport", List.of("TRUE")))).isEqualTo(Outcome.ALLOW);
        assertThat(get(tls, Map.of("aws:SecureTransport", List.of("false")))).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument users = allowMusicWhen("\"*\"", "{\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::123456789012:user/*\"}}");
        assertThat(get(users, Map.of("aws:PrincipalArn", List.of(ALICE)))).isEqualTo(Outcome.ALLOW);
        assertThat(get(users, Map.of("aws:PrincipalArn", List.of("arn:aws:iam::123456789012:role/ops")))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(get(users, Map.of("aws:PrincipalArn", List.of("user/alice")))).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument anyAccountsUser = allowMusicWhen("\"*\"", "{\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*\"}}");
        assertThat(get(anyAccountsUser, Map.of("aws:PrincipalArn", List.of(ALICE)))).as("a wildcard does not span parts")
                .isEqualTo(Outcome.IMPLICIT_DENY);
        PolicyDocument sameUser = allowMusicWhen("\"*\"", "{\"ArnEquals\": {\"aws:SourceArn\": \"${aws:PrincipalArn}\"}}");
        assertThat(get(sameUser, Map.of("aws:PrincipalArn", List.of(ALICE), "aws:SourceArn", List.of(ALICE))))
                .as("a variable's colons still separate parts").isEqualTo(Outcome.ALLOW);
        PolicyDocument notBob = allowMusicWhen("\"*\"", "{\"ArnNotEquals\": {\"aws:PrincipalArn\": \"" + BOB + "\"}}");
        assertThat(get(notBob, Map.of("aws:PrincipalArn", List.of(ALICE)))).isEqualTo(Outcome.ALLOW);
        assertThat(get(notBob, Map.of("aws:PrincipalArn", List.of(BOB)))).isEqualTo(Outcome.IMPLICIT_DENY);
    }
}
