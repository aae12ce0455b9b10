package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorTypeTest {

    @Test
    void everyErrorTypeHasItsOwnWireType() {
        long distinct = Arrays.stream(ErrorType.values()).map(ErrorType::wireType).distinct().count();
        assertThat(distinct).isEqualTo(ErrorType.values().length);
    }

    @Test
    void theCodeAfterTheHashIsTheTypeNameSoTheSdksRecognizeIt() {
        for (ErrorType type : ErrorType.values()) {
            assertThat(type.wireType()).endsWith("#" + type.name());
            assertThat(type.wireType()).matches("com\\.amazon(aws)?\\.[a-z0-9.]+#" + type.name());
        }
    }

    @Test
    void wireCodesMapBackToTheirTypeWithOrWithoutNamespace() {
        for (ErrorType type : ErrorType.values()) {
            assertThat(ErrorType.fromWireCode(type.wireType())).contains(type);
            assertThat(ErrorType.fromWireCode(type.name())).contains(type);
        }
        assertThat(ErrorType.fromWireCode("com.example#NoSuchError")).isEmpty();
    }

    @Test
    void onlyServerErrorsUseFiveHundredStatuses() {
        assertThat(ErrorType.InternalServerError.httpStatus()).isEqualTo(500);
        assertThat(ErrorType.ServiceUnavailable.httpStatus()).isEqualTo(503);
        EnumSet<ErrorType> clientErrors = EnumSet.complementOf(
                EnumSet.of(ErrorType.InternalServerError, ErrorType.ServiceUnavailable));
        assertThat(clientErrors).allSatisfy(type -> assertThat(type.httpStatus()).isEqualTo(400));
    }

    @Test
    void wellKnownTypesUseTheNamespacesRealDynamoDbAnswersWith() {
        assertThat(ErrorType.ResourceNotFoundException.wireType())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
        assertThat(ErrorType.ValidationException.wireType())
                .isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(ErrorType.SerializationException.wireType())
                .isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(ErrorType.UnknownOperationException.wireType())
                .isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void authenticationErrorsComeFromTheServiceFrameworkAsHttp400() {
        // DynamoDB answers a refused signature before the operation runs, e.g.
        // {"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"The security token included in the request is invalid."}
        for (ErrorType type : EnumSet.of(ErrorType.MissingAuthenticationTokenException, ErrorType.IncompleteSignatureException,
                ErrorType.InvalidSignatureException, ErrorType.UnrecognizedClientException, ErrorType.AccessDeniedException)) {
            assertThat(type.wireType()).isEqualTo("com.amazon.coral.service#" + type.name());
            assertThat(type.httpStatus()).isEqualTo(400);
        }
        assertThat(ErrorType.InvalidSignatureException.retryable()).isFalse();
        assertThat(ErrorType.IncompleteSignatureException.retryable()).isFalse();
    }

    @Test
    void throttlingAndServerErrorsAreRetryableButClientMistakesAreNot() {
        Set<ErrorType> retryable = EnumSet.of(ErrorType.ProvisionedThroughputExceededException,
                ErrorType.ThrottlingException, ErrorType.RequestLimitExceeded, ErrorType.InternalServerError,
                ErrorType.ServiceUnavailable);
        assertThat(retryable).allSatisfy(type -> assertThat(type.retryable()).as(type.name()).isTrue());
        Set<ErrorType> notRetryable = EnumSet.of(ErrorType.ValidationException, ErrorType.SerializationException,
                ErrorType.ResourceNotFoundException, ErrorType.ConditionalCheckFailedException,
                ErrorType.UnknownOperationException, ErrorType.AccessDeniedException);
        assertThat(notRetryable).allSatisfy(type -> assertThat(type.retryable()).as(type.name()).isFalse());
    }
}
