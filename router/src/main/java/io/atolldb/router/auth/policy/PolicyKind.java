package io.atolldb.router.auth.policy;

/**
 * Where a policy is attached, which decides whether its statements name principals: an identity-based policy is
 * about the user or role it is attached to and must not; a resource-based policy (DynamoDB's table or stream
 * policy) must.
 */
public enum PolicyKind {
    IDENTITY,
    RESOURCE
}
