package io.atolldb.router.auth.policy;

import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;

/**
 * DynamoDB's AccessDeniedException for a denied request, in the shape AWS answers today: who, which action, which
 * resource, and why ("because no identity-based policy allows ..." or "with an explicit deny in ..."). Clients
 * and people searching logs rely on that shape, so it is kept exactly.
 */
public final class AccessDeniedMessages {
    private AccessDeniedMessages() {}

    /** The message for a denied decision. */
    public static String message(AuthorizationRequest request, Decision decision) {
        String head = "User: " + request.principalArn() + " is not authorized to perform: " + request.action()
                + " on resource: " + request.resource();
        return switch (decision.outcome()) {
            case IMPLICIT_DENY -> head + " because no identity-based policy allows the " + request.action() + " action";
            case EXPLICIT_DENY -> head + " with an explicit deny in "
                    + (decision.decidedBy().orElseThrow().kind() == PolicyKind.RESOURCE
                            ? "a resource-based policy" : "an identity-based policy");
            case ALLOW -> throw new IllegalArgumentException("the request is allowed");
        };
    }

    /** The error to answer a denied request with (HTTP 400, com.amazon.coral.service#AccessDeniedException). */
    public static DynamoException accessDenied(AuthorizationRequest request, Decision decision) {
        return new DynamoException(ErrorType.AccessDeniedException, message(request, decision));
    }
}
