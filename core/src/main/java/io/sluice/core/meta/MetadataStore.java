package io.sluice.core.meta;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the engine's metadata files under the data directory:
 * <pre>
 *   &lt;data&gt;/engine.json                    {"formatVersion":1,"iteratorKey":"&lt;hex&gt;"}
 *   &lt;data&gt;/streams/&lt;id&gt;/stream.json        one {@link StreamMetadata}
 *   &lt;data&gt;/streams/&lt;id&gt;/shards/shardId-NNNNNNNNNNNN/   that shard's log
 * </pre>
 * Stream directories are named by a random id, never by the stream name, so no name ({@code .}, {@code ..})
 * can escape the data directory. Every write is atomic ({@link AtomicFiles}). Thread-safe for distinct files;
 * each stream serializes writes to its own {@code stream.json}.
 */
public final class MetadataStore {

    private static final String ENGINE_FILE = "engine.json";
    private static final String STREAM_FILE = "stream.json";
    private static final String STREAMS_DIR = "streams";
    private static final String SHARDS_DIR = "shards";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);

    private final Path dataDir;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SecureRandom random = new SecureRandom();

    /** Engine-wide settings. */
    public record EngineFile(int formatVersion, String iteratorKey) {
    }

    public MetadataStore(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The iterator HMAC key, created (32 random bytes) and persisted on first use. Whoever reads it can forge shard
     * iterators, so the file is readable by its owner only: created so, and narrowed at start if found wider.
     */
    public synchronized byte[] loadOrCreateIteratorKey() throws IOException {
        Path file = dataDir.resolve(ENGINE_FILE);
        if (Files.exists(file)) {
            if (AtomicFiles.isPosix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                LOG.warn("{} was readable by others; it holds the key of shard iterators, so it is now readable by "
                        + "its owner only", file);
            }
            EngineFile engine = mapper.readValue(file.toFile(), EngineFile.class);
            return HexFormat.of().parseHex(engine.iteratorKey());
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        AtomicFiles.write(file, mapper.writeValueAsBytes(new EngineFile(1, HexFormat.of().formatHex(key))),
                OWNER_ONLY);
        return key;
    }

    /** A fresh stream directory id. */
    public String newStreamId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "s-" + HexFormat.of().formatHex(bytes);
    }

    public Path streamDir(String streamId) {
        if (!streamId.matches("s-[0-9a-f]{16}")) {
            throw new IllegalArgumentException("not a stream id: " + streamId);
        }
        return dataDir.resolve(STREAMS_DIR).resolve(streamId);
    }

    public Path shardDir(String streamId, String shardId) {
        if (!shardId.matches("shardId-[0-9]{12}")) {
            throw new IllegalArgumentException("not a shard id: " + shardId);
        }
        return streamDir(streamId).resolve(SHARDS_DIR).resolve(shardId);
    }

    public void writeStream(StreamMetadata stream) throws IOException {
        AtomicFiles.write(streamDir(stream.id()).resolve(STREAM_FILE), mapper.writeValueAsBytes(stream));
    }

    /**
     * Deletes stream directories without a {@code stream.json}: left by a crash during CreateStream (before the
     * metadata was written, so nothing was ever acknowledged there) or during DeleteStream (after the metadata
     * was removed). Returns how many were removed. Only a directory whose {@code stream.json} definitely does not
     * exist is deleted: anything else about it (unreadable, not a regular file) stops the start with the path
     * named, since deleting on a guess could delete acknowledged records.
     */
    public int removeOrphanStreamDirs() throws IOException {
        Path root = dataDir.resolve(STREAMS_DIR);
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<String> orphans = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (id.matches("s-[0-9a-f]{16}") && !hasStreamFile(dir)) {
                    orphans.add(id);
                }
            }
        }
        for (String id : orphans) {
            deleteStreamDir(id);
        }
        return orphans.size();
    }

    /** Every stream with a {@code stream.json}; directories without one (a crash during create) are skipped. */
    public List<StreamMetadata> readStreams() throws IOException {
        Path root = dataDir.resolve(STREAMS_DIR);
        List<StreamMetadata> streams = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return streams;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                if (dir.getFileName().toString().matches("s-[0-9a-f]{16}") && hasStreamFile(dir)) {
                    streams.add(mapper.readValue(dir.resolve(STREAM_FILE).toFile(), StreamMetadata.class));
                }
            }
        }
        return streams;
    }

    /**
     * Whether a stream directory has its {@code stream.json}: false only when the file definitely does not exist.
     * A file that cannot be examined, or is not a regular file, is an error naming it.
     */
    private static boolean hasStreamFile(Path streamDir) throws IOException {
        Path file = streamDir.resolve(STREAM_FILE);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException definitelyMissing) {
            return false;
        } catch (IOException e) {
            throw new IOException("Cannot tell whether " + file + " exists (" + e + "); Sluice deletes a stream "
                    + "directory only when its metadata is definitely missing. Fix the file's permissions or the disk, "
                    + "then start again", e);
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file; move it away or restore the stream's metadata, "
                    + "then start again");
        }
        return true;
    }

    /** Removes a stream's directory and everything in it. */
    public void deleteStreamDir(String streamId) throws IOException {
        Path dir = streamDir(streamId);
        if (!Files.exists(dir)) {
            return;
        }
        // Remove stream.json first so a crash midway never resurrects a half-deleted stream.
        Files.deleteIfExists(dir.resolve(STREAM_FILE));
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
