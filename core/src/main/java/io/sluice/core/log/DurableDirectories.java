package io.sluice.core.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Directory entries that survive a crash. A new file or directory is durable only once the directory holding its
 * entry is fsynced (on ext4 and XFS as POSIX leaves it), so creating {@code streams/<id>/shards/<shard>} fsyncs
 * each parent after creating a child in it. Stateless.
 */
public final class DurableDirectories {

    private DurableDirectories() {
    }

    /** Creates {@code dir} and its missing parents, fsyncing the parent of each one created. */
    public static void create(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path d = dir.toAbsolutePath().normalize(); d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing.push(d);
        }
        while (!missing.isEmpty()) {
            Path created = missing.pop();
            Files.createDirectories(created);
            fsync(created.getParent());
        }
    }

    /** Makes file creations, renames and deletions in {@code dir} durable (fsync of the directory). */
    public static void fsync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for fsync; on Linux this must work.
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                throw e;
            }
        }
    }
}
