package io.atolldb.router.auth.policy;

import static io.atolldb.router.auth.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB's AccessDeniedException in the shape AWS answers (IAM User Guide, "Troubleshoot access denied error
 * messages"): the principal, action and resource, then why.
 */
class AccessDeniedMessagesTest {

    @Test
    void anImplicitDenySaysNoIdentityBasedPolicyAllowsTheAction() {
        AuthorizationRequest request = request("dynamodb:PutItem", MUSIC);
        Decision decision = PolicyEvaluator.evaluate(request, List.of(), Optional.empty());
        DynamoException error = AccessDeniedMessages.accessDenied(request, decision);
        assertThat(error.type()).isEqualTo(ErrorType.AccessDeniedException);
        assertThat(error.getMessage()).isEqualTo("User: arn:aws:iam::123456789012:user/alice is not authorized to perform:"
                + " dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Music"
                + " because no identity-based policy allows the dynamodb:PutItem action");
    }

    @Test
    void anExplicitDenySaysWhichKindOfPolicyDenied() {
        AuthorizationRequest request = request("dynamodb:DeleteTable", MUSIC);
        Decision identity = PolicyEvaluator.evaluate(request, List.of(denying("\"Action\": \"*\", \"Resource\": \"*\"")), Optional.empty());
        assertThat(AccessDeniedMessages.message(request, identity)).isEqualTo("User: " + ALICE
                + " is not authorized to perform: dynamodb:DeleteTable on resource: " + MUSIC
                + " with an explicit deny in an identity-based policy");
        PolicyDocument resourceDeny = PolicyDocument.resource("""
                {"Statement": {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}}""");
        Decision resource = PolicyEvaluator.evaluate(request, List.of(), Optional.of(resourceDeny));
        assertThat(AccessDeniedMessages.message(request, resource)).endsWith(" with an explicit deny in a resource-based policy");
    }

    @Test
    void anAllowedRequestHasNoRefusalMessage() {
        AuthorizationRequest request = request("dynamodb:GetItem", MUSIC);
        Decision allowed = PolicyEvaluator.evaluate(request, List.of(allowing("\"Action\": \"*\", \"Resource\": \"*\"")), Optional.empty());
        assertThatThrownBy(() -> AccessDeniedMessages.message(request, allowed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void iamErrorCodesAreTheirOwnTableApartFromDynamoDbs() {
        for (IamErrorType type : IamErrorType.values()) {
            assertThat(type.code()).isEqualTo(type.name());
            assertThat(ErrorType.fromWireCode(type.code())).as("not a DynamoDB error").isEmpty();
        }
        assertThat(IamErrorType.MalformedPolicyDocument.httpStatus()).isEqualTo(400);
        assertThat(IamErrorType.LimitExceeded.httpStatus()).isEqualTo(409);
    }
}
