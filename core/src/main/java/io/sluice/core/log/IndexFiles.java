package io.sluice.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Whole-file reads and crash-safe whole-file writes (temp file, fsync, atomic rename) for small log files. */
final class IndexFiles {

    private IndexFiles() {
    }

    /**
     * Reads a whole index file of at most {@code maxBytes} (what its segment can need), checked before anything is
     * allocated, so a damaged or planted file of any size costs no more memory than a real one.
     */
    static ByteBuffer readAll(Path file, long maxBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Math.min(maxBytes, Integer.MAX_VALUE)) {
                throw new CorruptIndexException(file + ": " + size + " bytes is more than the index of its segment can"
                        + " hold (" + maxBytes + ")");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (ch.read(buf, buf.position()) < 0) {
                    break;
                }
            }
            buf.flip();
            return buf;
        }
    }

    /**
     * Replaces {@code file} with {@code content} so that a crash leaves either the old or the new file. The rename
     * becomes durable with the caller's next fsync of the directory.
     */
    static void writeDurably(Path file, ByteBuffer content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + LogFileNames.TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = 0;
            while (content.hasRemaining()) {
                pos += ch.write(content, pos);
            }
            ch.force(true);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp); // on a full disk a partial temp file would hold on to the space
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
