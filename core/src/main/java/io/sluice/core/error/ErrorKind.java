package io.sluice.core.error;

/**
 * The kinds of error the engine raises, one per Kinesis error type. The server maps each kind to its wire error
 * with an exhaustive switch, so a kind added here cannot go unanswered.
 */
public enum ErrorKind {
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    RESOURCE_IN_USE("ResourceInUseException"),
    LIMIT_EXCEEDED("LimitExceededException"),
    INVALID_ARGUMENT("InvalidArgumentException"),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException"),
    EXPIRED_ITERATOR("ExpiredIteratorException"),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException"),
    VALIDATION("ValidationException"),
    SERVICE_UNAVAILABLE("ServiceUnavailableException"),
    INTERNAL_FAILURE("InternalFailureException");

    private final String typeName;

    ErrorKind(String typeName) {
        this.typeName = typeName;
    }

    /** The Kinesis error type, e.g. {@code ResourceNotFoundException}: the wire's {@code __type}. */
    public String typeName() {
        return typeName;
    }
}
