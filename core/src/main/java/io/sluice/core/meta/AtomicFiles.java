package io.sluice.core.meta;

import io.sluice.core.fs.ChannelOpener;
import io.sluice.core.fs.Directories;
import io.sluice.core.fs.DurabilityUnknownException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file atomically and durably: write {@code <name>.tmp}, fsync it, rename it over the target
 * (atomic), fsync the directory. A crash leaves either the old or the new content, never a mix; a stale
 * {@code .tmp} is removed and created afresh next time.
 *
 * <p>Failures come in two kinds, and callers must tell them apart:
 * <ul>
 *   <li>anything before the rename (a full disk while writing, a failed fsync of the temp file) leaves the target
 *       exactly as it was: a plain {@link IOException}, the temp file removed;</li>
 *   <li>a failed fsync of the directory after the rename is a {@link DurabilityUnknownException}: the new content
 *       is what the file system shows now, but a crash may bring the old one back.</li>
 * </ul>
 * Stateless; callers serialize writes to the same file.
 */
public final class AtomicFiles {

    /** {@code rw-------}: for files that hold secrets. */
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, false, ChannelOpener.PLAIN);
    }

    /** {@link #write}, forcing directories through {@code directories} (fault tests). */
    static void write(Path target, byte[] content, ChannelOpener directories) throws IOException {
        write(target, content, false, directories);
    }

    /**
     * Like {@link #write}, but the file is readable and writable by its owner only ({@code rw-------}) from the
     * moment it exists, so a secret is never readable by others, not even briefly (on file systems with POSIX
     * permissions; elsewhere the directory's defaults apply).
     */
    public static void writeOwnerOnly(Path target, byte[] content) throws IOException {
        write(target, content, true, ChannelOpener.PLAIN);
    }

    private static void write(Path target, byte[] content, boolean ownerOnly, ChannelOpener directories)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Directories.createDurably(dir, directories);
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        // A stale temp file keeps its old permissions under CREATE; start from a new one so the attributes apply.
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                attributes(dir, ownerOnly))) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp); // a partial temp file on a full disk would hold on to the space
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + dir + " cannot rename atomically", e);
        }
        try {
            Directories.fsync(dir, directories);
        } catch (IOException e) {
            throw new DurabilityUnknownException("replaced " + target + " but the fsync of its directory failed", e);
        }
    }

    private static FileAttribute<?>[] attributes(Path dir, boolean ownerOnly) throws IOException {
        if (!ownerOnly || !Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }
}
