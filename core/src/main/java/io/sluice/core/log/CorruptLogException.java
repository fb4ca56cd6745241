package io.sluice.core.log;

import java.io.IOException;

/**
 * Data that was acknowledged earlier cannot be read back intact: a checksum mismatch or a malformed batch in a part
 * of the log that recovery did not scan (sealed segments are trusted after a structural check; their checksums
 * are verified on every read).
 */
public class CorruptLogException extends IOException {

    private static final long serialVersionUID = 1L;

    public CorruptLogException(String message) {
        super(message);
    }

    public CorruptLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
