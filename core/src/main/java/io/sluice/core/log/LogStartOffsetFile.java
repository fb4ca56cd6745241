package io.sluice.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * The persisted logical start offset (trim horizon) of a shard log: retention may expire records inside a segment
 * it keeps, and those records must stay unreadable across restarts.
 *
 * <p>File {@code log-start-offset}, 12 bytes, big-endian:
 * <pre>
 *  0  8  startOffset
 *  8  4  CRC32C of bytes [0, 8)
 * </pre>
 * Replaced atomically (temp file + rename). A missing or damaged file means "no logical start beyond the first
 * segment". Stateless; callers serialize writes.
 */
final class LogStartOffsetFile {

    private LogStartOffsetFile() {
    }

    static OptionalLong read(Path dir) throws IOException {
        Path file = dir.resolve(LogFileNames.LOG_START_OFFSET_FILE);
        ByteBuffer buf;
        try {
            if (Files.size(file) != 12) {
                return OptionalLong.empty(); // checked before reading: a damaged file of any size costs nothing
            }
            buf = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        if (buf.remaining() != 12) {
            return OptionalLong.empty();
        }
        long offset = buf.getLong(0);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, 8);
        if ((int) crc.getValue() != buf.getInt(8) || offset < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(offset);
    }

    static void write(Path dir, long offset) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(12);
        buf.putLong(offset);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, 8);
        buf.putInt((int) crc.getValue());
        buf.flip();
        IndexFiles.writeDurably(dir.resolve(LogFileNames.LOG_START_OFFSET_FILE), buf);
    }
}
