package io.sluice.server.wire;

import io.sluice.core.error.ErrorKind;

/**
 * The error types a Kinesis endpoint answers with, and the HTTP status each carries. Authentication failures are 400
 * on Kinesis's JSON protocol (403 belongs to AWS's query and REST protocols).
 */
public enum ErrorType {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    INVALID_ARGUMENT("InvalidArgumentException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
    EXPIRED_ITERATOR("ExpiredIteratorException", 400),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400),
    VALIDATION("ValidationException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    SERIALIZATION("SerializationException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
    INVALID_SIGNATURE("InvalidSignatureException", 400),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
    REQUEST_TOO_LARGE("RequestEntityTooLargeException", 413),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503),
    INTERNAL_FAILURE("InternalFailureException", 500);

    private final String wireName;
    private final int httpStatus;

    ErrorType(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    /** The {@code __type} on the wire, e.g. {@code ResourceNotFoundException}. */
    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The wire error of one of the engine's error kinds; the switch has a case for each, checked by the compiler. */
    public static ErrorType of(ErrorKind kind) {
        return switch (kind) {
            case RESOURCE_NOT_FOUND -> RESOURCE_NOT_FOUND;
            case RESOURCE_IN_USE -> RESOURCE_IN_USE;
            case LIMIT_EXCEEDED -> LIMIT_EXCEEDED;
            case INVALID_ARGUMENT -> INVALID_ARGUMENT;
            case PROVISIONED_THROUGHPUT_EXCEEDED -> PROVISIONED_THROUGHPUT_EXCEEDED;
            case EXPIRED_ITERATOR -> EXPIRED_ITERATOR;
            case EXPIRED_NEXT_TOKEN -> EXPIRED_NEXT_TOKEN;
            case VALIDATION -> VALIDATION;
            case SERVICE_UNAVAILABLE -> SERVICE_UNAVAILABLE;
            case INTERNAL_FAILURE -> INTERNAL_FAILURE;
        };
    }
}
