package io.atolldb.router.api;

import java.util.Objects;

/**
 * The answer to one API request, ready for the transport: HTTP status and JSON body, plus the labels
 * for metrics. {@code operation} is a supported operation's name or {@link DynamoApi#UNKNOWN_OPERATION};
 * {@code outcome} is {@link #OK} or the {@link ErrorType}'s name. The body array is not copied: treat it
 * as read-only.
 */
public record ApiResponse(int httpStatus, byte[] body, String operation, String outcome) {
    public static final String OK = "ok";

    public ApiResponse {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean isError() {
        return !OK.equals(outcome);
    }
}
