package io.sluice.core.log;

import java.io.IOException;

/**
 * Forcing a log's bytes to disk failed. After that, which written pages reached the disk is unknown — the kernel
 * may have dropped the dirty pages and a retried fsync would report success over them (PostgreSQL's "fsyncgate") —
 * so the log stops taking appends ({@link ShardLog#fsyncFailure()}).
 */
public final class FsyncFailedException extends IOException {

    FsyncFailedException(String what, IOException cause) {
        super("fsync of " + what + " failed: " + cause.getMessage(), cause);
    }
}
