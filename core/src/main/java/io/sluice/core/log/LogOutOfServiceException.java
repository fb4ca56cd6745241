package io.sluice.core.log;

import java.io.IOException;

/** An append to a log that takes no more appends since an fsync of it failed; reads keep working. */
public final class LogOutOfServiceException extends IOException {

    LogOutOfServiceException(java.nio.file.Path log, IOException fsyncFailure) {
        super("shard log " + log + " takes no more appends since an " + fsyncFailure.getMessage(), fsyncFailure);
    }
}
