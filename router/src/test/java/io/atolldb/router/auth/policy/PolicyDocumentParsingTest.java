package io.atolldb.router.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.router.auth.policy.ConditionOperator.SetQualifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policy documents read as IAM reads them (IAM User Guide, "IAM JSON policy element reference" and "Grammar of the
 * IAM JSON policy language"), and refused with MalformedPolicyDocument where IAM refuses them.
 */
class PolicyDocumentParsingTest {

    private static void assertMalformed(String json, PolicyKind kind, String message) {
        assertThatThrownBy(() -> PolicyDocument.parse(json, kind)).isInstanceOfSatisfying(PolicyException.class, e -> {
            assertThat(e.type()).isEqualTo(IamErrorType.MalformedPolicyDocument);
            assertThat(e.type().httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void assertMalformed(String json, String message) {
        assertMalformed(json, PolicyKind.IDENTITY, message);
    }

    @Test
    void aSingleStatementObjectIsAListOfOneWithStringValuesAsListsOfOne() {
        PolicyDocument policy = PolicyDocument.identity("""
                {"Version": "2012-10-17", "Id": "music-readers",
                 "Statement": {"Sid": "Read", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}}""");
        assertThat(policy.version()).isEqualTo(PolicyVersion.V2012_10_17);
        assertThat(policy.id()).contains("music-readers");
        assertThat(policy.kind()).isEqualTo(PolicyKind.IDENTITY);
        Statement statement = policy.statements().getFirst();
        assertThat(statement.sid()).contains("Read");
        assertThat(statement.effect()).isEqualTo(Effect.Allow);
        assertThat(statement.actions()).isEqualTo(new Patterns(List.of("dynamodb:GetItem"), false));
        assertThat(statement.resources()).isEqualTo(new Patterns(List.of("*"), false));
        assertThat(statement.principal()).isEmpty();
        assertThat(statement.conditions()).isEmpty();
    }

    @Test
    void anArrayOfStatementsWithArraysAndNotElementsKeepsDocumentOrder() {
        PolicyDocument policy = PolicyDocument.identity("""
                {"Version": "2008-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": ["arn:aws:dynamodb:*:*:table/A"]},
                  {"Effect": "Deny", "NotAction": "dynamodb:Get*", "NotResource": "arn:aws:dynamodb:*:*:table/A"}]}""");
        assertThat(policy.version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(policy.statements()).hasSize(2);
        assertThat(policy.statements().get(0).actions().values()).containsExactly("dynamodb:GetItem", "dynamodb:Query");
        assertThat(policy.statements().get(1).actions()).isEqualTo(new Patterns(List.of("dynamodb:Get*"), true));
        assertThat(policy.statements().get(1).resources().negated()).isTrue();
    }

    @Test
    void aDocumentWithoutVersionIsTheOld2008Language() {
        PolicyDocument policy = PolicyDocument.identity("""
                {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""");
        assertThat(policy.version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(policy.version().substitutesVariables()).isFalse();
    }

    @Test
    void conditionsKeepOperatorQualifierIfExistsKeyAndValuesAsText() {
        PolicyDocument policy = PolicyDocument.identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "dynamodb:Query", "Resource": "*",
                 "Condition": {"ForAllValues:StringLikeIfExists": {"dynamodb:Attributes": ["Id", "Ti*"]},
                               "NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
                               "Bool": {"aws:SecureTransport": true}}}}""");
        List<Condition> conditions = policy.statements().getFirst().conditions();
        assertThat(conditions).containsExactly(
                new Condition(new ConditionOperator(SetQualifier.FOR_ALL_VALUES, Comparison.StringLike, true),
                        "dynamodb:Attributes", List.of("Id", "Ti*")),
                new Condition(new ConditionOperator(SetQualifier.NONE, Comparison.NumericLessThan, false),
                        "aws:MultiFactorAuthAge", List.of("3600")),
                new Condition(new ConditionOperator(SetQualifier.NONE, Comparison.Bool, false),
                        "aws:SecureTransport", List.of("true")));
    }

    @Test
    void aResourcePolicyNamesItsPrincipalsByType() {
        PolicyDocument policy = PolicyDocument.resource("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:user/alice", "123456789012"]},
                   "Action": "dynamodb:GetItem", "Resource": "*"},
                  {"Effect": "Deny", "Principal": "*", "Action": "dynamodb:DeleteTable", "Resource": "*"}]}""");
        PrincipalElement first = policy.statements().get(0).principal().orElseThrow();
        assertThat(first.anyone()).isFalse();
        assertThat(first.byType().get("AWS")).containsExactly("arn:aws:iam::123456789012:user/alice", "123456789012");
        assertThat(policy.statements().get(1).principal().orElseThrow().anyone()).isTrue();
    }

    @Test
    void theSizeIsCountedWithoutWhiteSpaceAndCheckedAgainstIamQuotas() {
        PolicyDocument policy = PolicyDocument.identity("""
                { "Statement" : { "Effect" : "Allow", "Action" : "*", "Resource" : "*" } }""");
        assertThat(policy.size()).isEqualTo("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}".length());
        PolicySizeLimit.USER_INLINE.check(2_048);
        assertThatThrownBy(() -> PolicySizeLimit.USER_INLINE.check(2_049)).isInstanceOfSatisfying(PolicyException.class, e -> {
            assertThat(e.type()).isEqualTo(IamErrorType.LimitExceeded);
            assertThat(e.getMessage()).isEqualTo("Cannot exceed quota for UserPolicySize: 2048");
        });
        assertThatThrownBy(() -> PolicySizeLimit.MANAGED.check(6_145)).hasMessage("Cannot exceed quota for PolicySize: 6144");
    }

    @Test
    void textThatIsNotOneJsonObjectIsASyntaxError() {
        assertMalformed("{\"Statement\": [", "Syntax errors in policy.");
        assertMalformed("[]", "Syntax errors in policy.");
        assertMalformed("", "Syntax errors in policy.");
        assertMalformed("{\"Statement\": {}} {}", "Syntax errors in policy.");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Effect\": \"Deny\"}}", "Syntax errors in policy.");
    }

    @Test
    void aStatementWithoutEffectIsRefused() {
        assertMalformed("{\"Statement\": {\"Action\": \"*\", \"Resource\": \"*\"}}", "Missing required field Effect.");
    }

    @Test
    void anEffectOtherThanAllowOrDenyIsRefused() {
        assertMalformed("{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
                "Invalid effect: allow. Use Allow or Deny.");
    }

    @Test
    void aStatementWithBothActionAndNotActionIsRefused() {
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"NotAction\": \"s3:*\", \"Resource\": \"*\"}}",
                "A statement cannot have both Action and NotAction.");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"NotResource\": \"*\"}}",
                "A statement cannot have both Resource and NotResource.");
    }

    @Test
    void aStatementWithoutActionsOrResourcesIsRefused() {
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Resource\": \"*\"}}", "Policy statement must contain actions.");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\"}}", "Policy statement must contain resources.");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": [], \"Resource\": \"*\"}}", "Action must not be empty.");
    }

    @Test
    void anUnknownConditionOperatorIsRefused() {
        assertMalformed("""
                {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
                 "Condition": {"StringEqualz": {"aws:username": "alice"}}}}""", "Invalid Condition type : StringEqualz.");
        assertMalformed("""
                {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
                 "Condition": {"NullIfExists": {"aws:username": "true"}}}}""", "Invalid Condition type : NullIfExists.");
    }

    @Test
    void anIdentityPolicyMustNotNameAPrincipal() {
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}}",
                "Policy document should not specify a principal.");
        assertMalformed("{\"Statement\": {\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": \"123456789012\"}, \"Action\": \"*\", \"Resource\": \"*\"}}",
                "Policy document should not specify a principal.");
    }

    @Test
    void aResourcePolicyMustNameValidPrincipals() {
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
                PolicyKind.RESOURCE, "Missing required field Principal.");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"alice\"}, \"Action\": \"*\", \"Resource\": \"*\"}}",
                PolicyKind.RESOURCE, "Invalid principal in policy: \"AWS\" : \"alice\".");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Group\": \"x\"}, \"Action\": \"*\", \"Resource\": \"*\"}}",
                PolicyKind.RESOURCE, "Invalid principal in policy: Group.");
    }

    @Test
    void versionsActionsResourcesFieldsAndSidsAreChecked() {
        assertMalformed("{\"Version\": \"2012-10-18\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
                "Invalid policy version: 2012-10-18. Use 2012-10-17 or 2008-10-17.");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"GetItem\", \"Resource\": \"*\"}}",
                "Action GetItem must be prefaced by a vendor, e.g. dynamodb:GetItem, or be *.");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"table/Music\"}}",
                "Resource table/Music must be in ARN format or \"*\".");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Actions\": \"*\", \"Resource\": \"*\"}}", "Unknown field Actions.");
        assertMalformed("{\"Statement\": []}", "Statement must not be empty.");
        assertMalformed("{\"Version\": \"2012-10-17\"}", "Missing required field Statement.");
        assertMalformed("""
                {"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"},
                               {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}]}""",
                "Statement IDs (SID) in a single policy must be unique: A.");
        assertMalformed("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": {\"a\": 1}, \"Resource\": \"*\"}}",
                "Action must be a string or an array of strings.");
    }
}
