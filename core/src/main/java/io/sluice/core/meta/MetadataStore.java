package io.sluice.core.meta;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.core.fs.ChannelOpener;
import io.sluice.core.fs.Directories;
import io.sluice.core.fs.DurabilityUnknownException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import io.sluice.core.storage.StreamCatalog;
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
 * can escape the data directory. Every write is atomic ({@link AtomicFiles}). {@code engine.json} holds the key
 * that signs iterators and page tokens, so it is readable by its owner only ({@code rw-------}).
 *
 * <p>A stream directory is deleted at start only when it definitely has no {@code stream.json} (the file system
 * answered "no such file"); any other answer (an I/O error, a permission problem, a symbolic link loop) stops the
 * start with the file named, because deleting on a guess would destroy acknowledged records.
 *
 * <p>Thread-safe for distinct files; each stream serializes writes to its own {@code stream.json}.
 */
public final class MetadataStore implements StreamCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);

    private static final String ENGINE_FILE = "engine.json";
    private static final String STREAM_FILE = "stream.json";
    private static final String STREAMS_DIR = "streams";
    private static final String SHARDS_DIR = "shards";
    private static final Pattern STREAM_ID = Pattern.compile("s-[0-9a-f]{16}");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dataDir;
    private final ChannelOpener directories;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SecureRandom random = new SecureRandom();

    /** Engine-wide settings. */
    public record EngineFile(int formatVersion, String iteratorKey) {
    }

    public MetadataStore(Path dataDir) {
        this(dataDir, ChannelOpener.PLAIN);
    }

    /** A store that forces directories through {@code directories}: the seam fault tests use to fail an fsync. */
    public MetadataStore(Path dataDir, ChannelOpener directories) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.directories = directories;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The iterator HMAC key, created (32 random bytes) and persisted owner-only on first use. An existing
     * {@code engine.json} that group or others may access (written by an older version, or copied) is tightened to
     * {@code rw-------}.
     */
    @Override
    public synchronized byte[] loadOrCreateIteratorKey() throws IOException {
        Path file = dataDir.resolve(ENGINE_FILE);
        try {
            restrictToOwner(file);
            EngineFile engine = mapper.readValue(Files.readAllBytes(file), EngineFile.class);
            return HexFormat.of().parseHex(engine.iteratorKey());
        } catch (NoSuchFileException definitelyAbsent) {
            // First start: create it below. Any other failure to read it stops the start: a new key would
            // invalidate every iterator handed out.
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        AtomicFiles.writeOwnerOnly(file, mapper.writeValueAsBytes(new EngineFile(1, HexFormat.of().formatHex(key))));
        return key;
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            Files.setPosixFilePermissions(file, AtomicFiles.OWNER_ONLY);
            LOG.warn("{} holds the key that signs shard iterators but was readable by others ({}); now rw-------",
                    file, PosixFilePermissions.toString(permissions));
        }
    }

    @Override
    public String newStreamId(String streamName) {
        return newStreamId();
    }

    /** A fresh stream directory id. */
    public String newStreamId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "s-" + HexFormat.of().formatHex(bytes);
    }

    public Path streamDir(String streamId) {
        if (!STREAM_ID.matcher(streamId).matches()) {
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

    @Override
    public void writeStream(StreamMetadata previous, StreamMetadata next) throws IOException {
        writeStream(next);
    }

    @Override
    public void removeStream(StreamMetadata previous) throws IOException {
        removeStreamMetadata(previous.id());
    }

    public void writeStream(StreamMetadata stream) throws IOException {
        AtomicFiles.write(streamDir(stream.id()).resolve(STREAM_FILE), mapper.writeValueAsBytes(stream), directories);
    }

    /**
     * Deletes stream directories that definitely have no {@code stream.json}: left by a crash during CreateStream
     * (before the metadata was written, so nothing was ever acknowledged there) or during DeleteStream (after the
     * metadata was removed). Returns how many were removed.
     *
     * @throws IOException when the file system cannot say whether a directory has its metadata (nothing is deleted
     *                     then, not even the orphans already found)
     */
    public int removeOrphanStreamDirs() throws IOException {
        List<String> orphans = new ArrayList<>();
        for (Path dir : streamDirs()) {
            if (!hasMetadata(dir)) {
                orphans.add(dir.getFileName().toString());
            }
        }
        for (String id : orphans) {
            deleteStreamDir(id);
        }
        return orphans.size();
    }

    /** Every stream with a {@code stream.json}; directories definitely without one (a crash during create) are skipped. */
    @Override
    public List<StreamMetadata> readStreams() throws IOException {
        List<StreamMetadata> streams = new ArrayList<>();
        for (Path dir : streamDirs()) {
            if (hasMetadata(dir)) {
                Path file = dir.resolve(STREAM_FILE);
                try {
                    streams.add(mapper.readValue(file.toFile(), StreamMetadata.class));
                } catch (IOException e) {
                    throw new IOException("Cannot read " + file + ": " + e.getMessage() + ". Not starting, so that no"
                            + " stream is served without its metadata; repair or restore the file, then start again.", e);
                }
            }
        }
        return streams;
    }

    /** The directories under {@code streams/} named like stream ids (anything else there is not Sluice's). */
    private List<Path> streamDirs() throws IOException {
        Path root = dataDir.resolve(STREAMS_DIR);
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return dirs;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path dir : entries) {
                if (STREAM_ID.matcher(dir.getFileName().toString()).matches()) {
                    dirs.add(dir);
                }
            }
        }
        return dirs;
    }

    /**
     * Whether {@code streamDir} has a {@code stream.json}: false only when the file system answers "no such
     * file". The link itself is looked at, not its target, so a dangling or looping link counts as present (and
     * reading it then fails loudly).
     */
    private static boolean hasMetadata(Path streamDir) throws IOException {
        Path file = streamDir.resolve(STREAM_FILE);
        try {
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (NoSuchFileException definitelyAbsent) {
            return false;
        } catch (IOException e) {
            throw new IOException("Cannot tell whether " + streamDir + " holds a stream: looking for " + file
                    + " failed (" + e.getMessage() + "). Not starting, so that nothing is deleted on a guess;"
                    + " fix the cause, then start again.", e);
        }
    }

    /**
     * Removes a stream's {@code stream.json} durably (an fsync of its directory follows): from then on the stream
     * does not exist, and what is left of its directory is an orphan. Does nothing when it is already gone.
     *
     * @throws DurabilityUnknownException when the file is gone but the fsync failed: a crash may bring it back
     */
    public void removeStreamMetadata(String streamId) throws IOException {
        Path dir = streamDir(streamId);
        Path metadata = dir.resolve(STREAM_FILE);
        if (Files.deleteIfExists(metadata)) {
            try {
                Directories.fsync(dir, directories);
            } catch (IOException e) {
                throw new DurabilityUnknownException("deleted " + metadata + " but the fsync of its directory failed", e);
            }
        }
    }

    /**
     * Removes a stream's directory and everything in it. {@code stream.json} goes first, durably
     * ({@link #removeStreamMetadata}), so a crash midway never resurrects a half-deleted stream: what is left is an
     * orphan, removed at the next start.
     */
    public void deleteStreamDir(String streamId) throws IOException {
        Path dir = streamDir(streamId);
        if (!Files.exists(dir)) {
            return;
        }
        removeStreamMetadata(streamId);
        // No fsync of streams/ after this: if a crash brings the directory back, it has no stream.json (made
        // durable above) and the next start removes it as an orphan.
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
