package io.sluice.core.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the log opens the files it writes and the directories it forces: {@link #PLAIN} in production. It is the one
 * seam through which a test hands out channels that fail on demand, because a real disk cannot be made to fail an
 * fsync when a test wants it to (a full disk, by contrast, is tested for real on a small tmpfs).
 */
@FunctionalInterface
public interface ChannelOpener {

    /** {@link FileChannel#open(Path, OpenOption...)}. */
    ChannelOpener PLAIN = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;
}
