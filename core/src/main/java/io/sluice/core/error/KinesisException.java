package io.sluice.core.error;

import java.util.Objects;

/**
 * Root of every client-visible error the engine raises. {@link #errorType()} is the Kinesis error type (the
 * {@code __type} of the wire error), the message names the offending field and value in AWS's wording where
 * AWS has one, so the server maps each error one to one without inspecting it.
 *
 * <p>Unchecked, immutable, thread-safe. Anything else thrown by the engine (an {@link java.io.IOException}
 * wrapped in {@link java.io.UncheckedIOException}, a bug) is an internal failure.
 */
public abstract class KinesisException extends RuntimeException {

    private final String errorType;

    protected KinesisException(String errorType, String message) {
        super(message);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
    }

    protected KinesisException(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
    }

    /** The Kinesis error type, e.g. {@code ResourceNotFoundException}. */
    public String errorType() {
        return errorType;
    }
}
