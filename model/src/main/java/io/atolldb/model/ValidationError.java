package io.atolldb.model;

/**
 * Input that DynamoDB would reject with a ValidationException. The message is the one the client
 * sees, worded as close to DynamoDB's as we know it.
 */
public class ValidationError extends RuntimeException {
    public ValidationError(String message) {
        super(message);
    }
}
