package io.atolldb.router.api;

import java.util.Objects;

/**
 * Who sent a request, as its verified signature says: an IAM-style ARN such as
 * {@code arn:aws:iam::000000000000:user/admin}. It travels with the request ({@link RequestContext}) so that an
 * authorization step can decide what the caller may do; today only the operator endpoints look at it.
 *
 * @param arn           the principal's ARN, or {@code "*"} for {@link #ANYONE}
 * @param administrator whether it may use the operator endpoints ({@code /atoll/admin/}), until IAM policies decide
 */
public record Principal(String arn, boolean administrator) {
    /**
     * The caller of a router that verifies no signatures (the default, as DynamoDB Local): anyone, allowed
     * everything. {@code "*"} is how IAM policies name every principal.
     */
    public static final Principal ANYONE = new Principal("*", true);

    public Principal {
        Objects.requireNonNull(arn, "arn");
    }
}
