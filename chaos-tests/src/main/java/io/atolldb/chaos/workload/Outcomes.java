package io.atolldb.chaos.workload;

import io.atolldb.chaos.history.Outcome;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Classifies what a client learned from a failed call. Only an HTTP 4xx answer proves the request
 * had no effect (the router validates before it forwards anything); a 5xx, a timeout or a broken
 * connection leaves the outcome unknown. A failed condition is not a failure but a definite answer:
 * the compare-and-set did not apply.
 */
final class Outcomes {
    private Outcomes() {
    }

    static boolean conditionFailed(Throwable error) {
        return error instanceof ConditionalCheckFailedException;
    }

    static Outcome of(Throwable error) {
        if (error instanceof AwsServiceException service && service.statusCode() >= 400 && service.statusCode() < 500) {
            return Outcome.FAILED;
        }
        return Outcome.UNKNOWN;
    }

    /** A short description of the error for the history. */
    static String describe(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.statusCode() + " " + service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
