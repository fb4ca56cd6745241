package io.sluice.core.log;

import io.sluice.core.fs.IoFailures;
import java.io.IOException;

/**
 * An append failed before anything of it was acknowledged and left no trace: the write itself failed (typically
 * {@code No space left on device}), or the new segment it needed could not be created, and the file was cut back
 * to where it was. The log stays in service; the same append may succeed later (once space returns).
 */
public final class AppendFailedException extends IOException {

    private final String reason;

    /** {@code what} failed (null: the write itself), because of {@code cause}. */
    AppendFailedException(String what, IOException cause) {
        super(what == null ? IoFailures.reason(cause) : what + ": " + IoFailures.reason(cause), cause);
        this.reason = getMessage();
    }

    /** What failed, in words fit for a client, e.g. {@code No space left on device}. */
    public String reason() {
        return reason;
    }
}
