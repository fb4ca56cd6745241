package io.sluice.core.log;

import java.io.IOException;

/** An index file failed its sanity check; recovery rebuilds the index from its segment. */
final class CorruptIndexException extends IOException {

    private static final long serialVersionUID = 1L;

    CorruptIndexException(String message) {
        super(message);
    }
}
