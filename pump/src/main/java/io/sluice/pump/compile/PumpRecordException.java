package io.sluice.pump.compile;

/**
 * A per-record error (bad input, failed conversion, division by zero). {@link #errorName()} is the KDA-style
 * ERROR_NAME of the error-stream row; the message names the value and what was expected.
 */
public class PumpRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String COERCION_ERROR = "Coercion_error";
    public static final String CAST_ERROR = "Cast_error";
    public static final String DIVISION_BY_ZERO = "Division_by_zero";
    public static final String OUT_OF_RANGE = "Value_out_of_range";
    public static final String INVALID_ARGUMENT = "Invalid_argument";
    public static final String INVALID_INPUT = "Invalid_input";
    /** Anything else that failed on one record: a bug, or a library recursing on a deeply nested value. */
    public static final String INTERNAL_ERROR = "Internal_error";

    private final String errorName;
    private final String pumpName;

    public PumpRecordException(String errorName, String message) {
        this(errorName, message, null, null);
    }

    public PumpRecordException(String errorName, String message, Throwable cause) {
        this(errorName, message, null, cause);
    }

    private PumpRecordException(String errorName, String message, String pumpName, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
        this.pumpName = pumpName;
    }

    /**
     * An unexpected failure while processing one record, as that record's error. Only what a record can cause is
     * caught for this: RuntimeExceptions and StackOverflowError. The other Errors stay fatal: OutOfMemoryError
     * and the other VirtualMachineErrors leave the JVM unreliable, LinkageError means the plugin is broken for
     * every record.
     */
    public static PumpRecordException unexpected(Throwable cause) {
        String message = cause instanceof StackOverflowError
                ? "processing the record overflowed the stack; a value in it may be nested too deeply"
                : "unexpected " + cause;
        return new PumpRecordException(INTERNAL_ERROR, message, null, cause);
    }

    /** The same error, attributed to the pump that raised it. */
    public PumpRecordException inPump(String pump) {
        return new PumpRecordException(errorName, getMessage(), pump, getCause());
    }

    /** The pump whose expression failed, or null when the input could not be read. */
    public String pumpName() {
        return pumpName;
    }

    public String errorName() {
        return errorName;
    }
}
