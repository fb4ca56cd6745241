package io.sluice.core.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Durable changes to directories. A new file or directory, a rename or a deletion survives a power loss only once
 * the directory that holds its name is fsynced; so every directory Sluice creates is followed by an fsync of its
 * parent, and every file it creates, renames or deletes by an fsync of its directory. Only creation costs an fsync:
 * asking for a directory that exists costs one {@code stat}. Stateless; thread-safe.
 */
public final class Directories {

    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    private Directories() {
    }

    /** Makes creations, renames and deletions of names in {@code dir} durable (an fsync of the directory). */
    public static void fsync(Path dir) throws IOException {
        fsync(dir, ChannelOpener.PLAIN);
    }

    /** {@link #fsync(Path)} through {@code opener}. */
    public static void fsync(Path dir, ChannelOpener opener) throws IOException {
        try (FileChannel ch = opener.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory to force it, and have no other way; on Linux this must work.
            if (LINUX) {
                throw e;
            }
        }
    }

    /**
     * Creates {@code dir} and every missing ancestor, fsyncing the parent of each one created, top down, so that
     * once this returns a crash cannot lose any of them. Does nothing but a {@code stat} when {@code dir} exists.
     */
    public static void createDurably(Path dir) throws IOException {
        createDurably(dir, ChannelOpener.PLAIN);
    }

    /** {@link #createDurably(Path)} through {@code opener}. */
    public static void createDurably(Path dir, ChannelOpener opener) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            return;
        }
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = target; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(p)) {
                    throw raced;
                }
                // Another thread created it and may not have fsynced its parent yet: do it here too, so nothing
                // created below it can become durable before its own name is.
            }
            if (p.getParent() != null) {
                fsync(p.getParent(), opener);
            }
        }
    }
}
