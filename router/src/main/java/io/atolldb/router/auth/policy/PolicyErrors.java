package io.atolldb.router.auth.policy;

/**
 * Every message of a refused policy document, in one place. IAM's texts are used where clients and people
 * searching for them know them ("Syntax errors in policy.", "Policy document should not specify a principal.");
 * the others are worded in IAM's terse style.
 */
final class PolicyErrors {
    private PolicyErrors() {}

    static PolicyException syntax() {
        return malformed("Syntax errors in policy.");
    }

    static PolicyException principalInIdentityPolicy() {
        return malformed("Policy document should not specify a principal.");
    }

    static PolicyException missingField(String field) {
        return malformed("Missing required field " + field + ".");
    }

    static PolicyException missingActions() {
        return malformed("Policy statement must contain actions.");
    }

    static PolicyException missingResources() {
        return malformed("Policy statement must contain resources.");
    }

    static PolicyException unknownField(String field) {
        return malformed("Unknown field " + field + ".");
    }

    static PolicyException both(String element, String negated) {
        return malformed("A statement cannot have both " + element + " and " + negated + ".");
    }

    static PolicyException invalidVersion(String version) {
        return malformed("Invalid policy version: " + version + ". Use 2012-10-17 or 2008-10-17.");
    }

    static PolicyException invalidEffect(String effect) {
        return malformed("Invalid effect: " + effect + ". Use Allow or Deny.");
    }

    static PolicyException invalidConditionType(String operator) {
        return malformed("Invalid Condition type : " + operator + ".");
    }

    static PolicyException invalidAction(String action) {
        return malformed("Action " + action + " must be prefaced by a vendor, e.g. dynamodb:GetItem, or be *.");
    }

    static PolicyException invalidResource(String resource) {
        return malformed("Resource " + resource + " must be in ARN format or \"*\".");
    }

    static PolicyException invalidPrincipal(String principal) {
        return malformed("Invalid principal in policy: " + principal + ".");
    }

    static PolicyException duplicateSid(String sid) {
        return malformed("Statement IDs (SID) in a single policy must be unique: " + sid + ".");
    }

    static PolicyException wrongType(String field, String expected) {
        return malformed(field + " must be " + expected + ".");
    }

    static PolicyException emptyField(String field) {
        return malformed(field + " must not be empty.");
    }

    static PolicyException tooLarge(PolicySizeLimit limit) {
        return new PolicyException(IamErrorType.LimitExceeded,
                "Cannot exceed quota for " + limit.quotaName() + ": " + limit.maxCharacters());
    }

    private static PolicyException malformed(String message) {
        return new PolicyException(IamErrorType.MalformedPolicyDocument, message);
    }
}
