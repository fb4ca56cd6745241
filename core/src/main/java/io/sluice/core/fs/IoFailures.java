package io.sluice.core.fs;

import java.nio.file.FileSystemException;

/** Words for I/O failures that clients may read. Stateless. */
public final class IoFailures {

    private IoFailures() {
    }

    /**
     * What the operating system said, e.g. {@code No space left on device}, without the file's path (a client has
     * no business learning the server's directory layout).
     */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
