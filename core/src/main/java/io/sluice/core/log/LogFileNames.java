package io.sluice.core.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Names of the files in one shard's log directory.
 *
 * <pre>
 *   00000000000000000000.log        segment: record batches, base offset 0
 *   00000000000000000000.index      its sparse offset index
 *   00000000000000000000.timeindex  its sparse time index
 *   00000000000000041230.log        next segment, first offset 41230
 *   ...
 *   log-start-offset                the logical start (trim horizon) after retention, see {@link LogStartOffsetFile}
 *   clean-shutdown                  present only between a clean close and the next open
 * </pre>
 *
 * Segment names are the base offset zero-padded to 20 digits so that {@code ls} sorts them by offset.
 * Stateless; thread-safe.
 */
public final class LogFileNames {

    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    public static final String TEMP_SUFFIX = ".tmp";
    public static final String CLEAN_SHUTDOWN_FILE = "clean-shutdown";
    public static final String LOG_START_OFFSET_FILE = "log-start-offset";

    private static final int DIGITS = 20;

    private LogFileNames() {
    }

    public static String baseName(long baseOffset) {
        if (baseOffset < 0) {
            throw new IllegalArgumentException("base offset must be >= 0, got " + baseOffset);
        }
        return String.format("%020d", baseOffset);
    }

    public static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG_SUFFIX);
    }

    public static Path offsetIndexFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + INDEX_SUFFIX);
    }

    public static Path timeIndexFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + TIME_INDEX_SUFFIX);
    }

    /** The base offset a segment-family file name encodes, or empty when the name is not {@code <20 digits><suffix>}. */
    public static OptionalLong parseBaseOffset(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != DIGITS + suffix.length()) {
            return OptionalLong.empty();
        }
        String digits = fileName.substring(0, DIGITS);
        for (int i = 0; i < DIGITS; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Base offsets of the {@code .log} files in {@code dir}, ascending. */
    public static List<Long> segmentBaseOffsets(Path dir) throws IOException {
        List<Long> bases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                parseBaseOffset(p.getFileName().toString(), LOG_SUFFIX).ifPresent(bases::add);
            }
        }
        bases.sort(null);
        return bases;
    }
}
