package io.sluice.core.error;

import java.util.Objects;

/**
 * Root of every client-visible error the engine raises. {@link #kind()} is its Kinesis error type, the message
 * names the offending field and value in AWS's wording where AWS has one, so the server maps each error one to one
 * without inspecting it.
 *
 * <p>Unchecked, immutable, thread-safe. Anything else thrown by the engine (an {@link java.io.IOException}
 * wrapped in {@link java.io.UncheckedIOException}, a bug) is an internal failure.
 */
public abstract class KinesisException extends RuntimeException {

    private final ErrorKind kind;

    protected KinesisException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    protected KinesisException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ErrorKind kind() {
        return kind;
    }
}
