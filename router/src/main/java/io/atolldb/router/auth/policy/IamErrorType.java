package io.atolldb.router.auth.policy;

/**
 * The errors IAM answers about policy documents, and the one table of their codes and HTTP statuses. They are not
 * DynamoDB errors, so they are not in {@link io.atolldb.router.api.ErrorType}: IAM speaks its own query protocol,
 * and an API that manages policies will render these codes in IAM's shape. DynamoDB's own refusal of a request
 * (AccessDeniedException) stays in ErrorType, see {@link AccessDeniedMessages}.
 */
public enum IamErrorType {
    /** The document is not JSON, or breaks the policy grammar. */
    MalformedPolicyDocument(400),
    /** The document is valid but larger than the quota of the place it is attached to. */
    LimitExceeded(409);

    private final int httpStatus;

    IamErrorType(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The error code IAM answers with, which clients match on: always the constant's name. */
    public String code() {
        return name();
    }

    public int httpStatus() {
        return httpStatus;
    }
}
