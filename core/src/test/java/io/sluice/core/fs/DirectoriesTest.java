package io.sluice.core.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path dir;

    /** The plain opener, noting which directories were opened to be forced. */
    private final List<Path> forced = new CopyOnWriteArrayList<>();
    private final ChannelOpener recording = (path, options) -> {
        if (Files.isDirectory(path)) {
            forced.add(path);
        }
        return FileChannel.open(path, options);
    };

    @Test
    void eachCreatedDirectoryIsFollowedByAnFsyncOfItsParentTopDown() throws Exception {
        Path root = dir.toRealPath();
        Path shard = root.resolve("streams/s-1/shards/shardId-000000000000");
        Directories.createDurably(shard, recording);
        assertThat(shard).isDirectory();
        assertThat(forced).containsExactly(root, root.resolve("streams"), root.resolve("streams/s-1"),
                root.resolve("streams/s-1/shards"));
    }

    @Test
    void anExistingDirectoryCostsNoFsync() throws Exception {
        Path existing = Files.createDirectories(dir.toRealPath().resolve("a/b"));
        Directories.createDurably(existing, recording);
        Directories.createDurably(existing.resolve("c"), recording);
        assertThat(forced).containsExactly(existing);
    }
}
