package io.atolldb.router.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error DynamoDB can answer, and the one table that says how each goes on the wire: the
 * {@code __type} namespace (the SDKs match on the code after '#', which is always the constant's name),
 * the HTTP status, and whether DynamoDB documents the error as safe to retry unchanged.
 */
public enum ErrorType {
    // Data plane and control plane errors of the DynamoDB API.
    ResourceNotFoundException(Namespace.DYNAMODB, 400, false),
    ResourceInUseException(Namespace.DYNAMODB, 400, false),
    ConditionalCheckFailedException(Namespace.DYNAMODB, 400, false),
    ProvisionedThroughputExceededException(Namespace.DYNAMODB, 400, true),
    RequestLimitExceeded(Namespace.DYNAMODB, 400, true),
    ItemCollectionSizeLimitExceededException(Namespace.DYNAMODB, 400, true),
    LimitExceededException(Namespace.DYNAMODB, 400, true),
    TransactionConflictException(Namespace.DYNAMODB, 400, true),
    TransactionCanceledException(Namespace.DYNAMODB, 400, false),
    TransactionInProgressException(Namespace.DYNAMODB, 400, true),
    IdempotentParameterMismatchException(Namespace.DYNAMODB, 400, false),
    InternalServerError(Namespace.DYNAMODB, 500, true),

    // Request validation and decoding, answered by the service framework before the operation runs.
    ValidationException(Namespace.VALIDATE, 400, false),
    SerializationException(Namespace.SERVICE, 400, false),
    UnknownOperationException(Namespace.SERVICE, 400, false),

    // Authentication (router.auth, when the router verifies signatures) and authorization.
    MissingAuthenticationTokenException(Namespace.SERVICE, 400, false),
    AccessDeniedException(Namespace.SERVICE, 400, false),
    IncompleteSignatureException(Namespace.SERVICE, 400, false),
    InvalidSignatureException(Namespace.SERVICE, 400, false),
    UnrecognizedClientException(Namespace.SERVICE, 400, true),

    // Availability.
    ThrottlingException(Namespace.AVAILABILITY, 400, true),
    ServiceUnavailable(Namespace.AVAILABILITY, 503, true);

    private static final Map<String, ErrorType> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorType::name, Function.identity()));

    private final Namespace namespace;
    private final int httpStatus;
    private final boolean retryable;

    ErrorType(Namespace namespace, int httpStatus, boolean retryable) {
        this.namespace = namespace;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    /** The wire {@code __type}, e.g. "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException". */
    public String wireType() {
        return namespace.prefix + "#" + name();
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** True when DynamoDB documents that the same request may succeed if sent again later. */
    public boolean retryable() {
        return retryable;
    }

    /** The type for a wire code, with or without its namespace ("...#ValidationException" or "ValidationException"). */
    public static Optional<ErrorType> fromWireCode(String code) {
        String name = code.substring(code.indexOf('#') + 1);
        return Optional.ofNullable(BY_CODE.get(name));
    }

    private enum Namespace {
        DYNAMODB("com.amazonaws.dynamodb.v20120810"),
        VALIDATE("com.amazon.coral.validate"),
        SERVICE("com.amazon.coral.service"),
        AVAILABILITY("com.amazon.coral.availability");

        private final String prefix;

        Namespace(String prefix) {
            this.prefix = prefix;
        }
    }
}
