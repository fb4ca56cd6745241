package io.sluice.server.wire;


/**
 * A client-visible failure: answered as {@code {"__type": <type>, "message": <message>}} with the type's HTTP
 * status. Anything else thrown while serving a request becomes an {@link ErrorType#INTERNAL_FAILURE}.
 */
public class ApiException extends RuntimeException {

    private final ErrorType type;

    public ApiException(ErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
