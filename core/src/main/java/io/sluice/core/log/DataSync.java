package io.sluice.core.log;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * How a segment's appended bytes are forced to stable storage: {@link #FILE_CHANNEL} everywhere but in tests, which
 * pass one that fails, since a real disk cannot be made to fail an fsync on demand. The one seam of the log layer.
 */
@FunctionalInterface
interface DataSync {

    DataSync FILE_CHANNEL = channel -> channel.force(false);

    void force(FileChannel channel) throws IOException;
}
