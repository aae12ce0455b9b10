package io.atolldb.router.auth.policy;

import java.util.Objects;

/**
 * A policy document refused as IAM refuses it: the type decides the code and HTTP status, the message is shown to
 * the caller as is. An expected outcome, so it carries no stack trace.
 */
public final class PolicyException extends RuntimeException {
    private final IamErrorType type;

    PolicyException(IamErrorType type, String message) {
        super(message, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
    }

    public IamErrorType type() {
        return type;
    }

    @Override
    public String toString() {
        return type.code() + ": " + getMessage();
    }
}
