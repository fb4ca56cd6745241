package io.sluice.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.EngineConfig;
import io.sluice.core.StreamEngine;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.StreamRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's metadata: orphans removed only on a definite "no metadata", and a key only its owner reads. */
class MetadataStoreTest {

    @TempDir
    Path dir;

    private Path createStreamWithARecord() throws IOException {
        try (StreamEngine engine = StreamEngine.open(EngineConfig.defaults(dir))) {
            engine.createStream("Orders", 1, null, null);
            byte[] data = "acknowledged".getBytes(StandardCharsets.UTF_8);
            engine.putRecord(new PutRecordRequest(StreamRef.named("Orders"), "k", data, null, null));
        }
        try (Stream<Path> streams = Files.list(dir.resolve("streams"))) {
            return streams.findFirst().orElseThrow();
        }
    }

    @Test
    void aStreamDirectoryDefinitelyWithoutMetadataIsRemovedAtStart() throws Exception {
        Path orphan = dir.resolve("streams/s-0123456789abcdef/shards/shardId-000000000000");
        Files.createDirectories(orphan);
        Files.write(orphan.resolve("00000000000000000000.log"), new byte[10]);
        Files.createDirectories(dir.resolve("streams/not-a-stream-id"));
        MetadataStore store = new MetadataStore(dir);
        assertThat(store.removeOrphanStreamDirs()).isEqualTo(1);
        assertThat(dir.resolve("streams/s-0123456789abcdef")).doesNotExist();
        assertThat(dir.resolve("streams/not-a-stream-id")).as("not Sluice's: left alone").isDirectory();
    }

    @Test
    void aStreamJsonThatCannotBeReadStopsTheStartAndNothingIsDeleted() throws Exception {
        Path stream = createStreamWithARecord();
        Path metadata = stream.resolve("stream.json");
        Files.delete(metadata);
        Files.createSymbolicLink(metadata, metadata.getFileName()); // a link to itself: reading it fails with ELOOP
        Path log = stream.resolve("shards/shardId-000000000000/00000000000000000000.log");
        long size = Files.size(log);

        assertThatThrownBy(() -> StreamEngine.open(EngineConfig.defaults(dir))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read " + metadata + ": ")
                .hasMessageEndingWith(". Not starting, so that no stream is served without its metadata; repair or"
                        + " restore the file, then start again.");
        assertThat(Files.size(log)).as("the acknowledged record is still on disk").isEqualTo(size);
    }

    @Test
    void aDanglingStreamJsonLinkIsNoOrphanAndStopsTheStart() throws Exception {
        Path stream = Files.createDirectories(dir.resolve("streams/s-00000000000000bb"));
        Files.createSymbolicLink(stream.resolve("stream.json"), dir.resolve("elsewhere.json"));
        Path log = Files.createDirectories(stream.resolve("shards/shardId-000000000000")).resolve("x.log");
        Files.writeString(log, "acknowledged");

        MetadataStore store = new MetadataStore(dir);
        assertThat(store.removeOrphanStreamDirs()).as("something is there: not definitely without metadata").isZero();
        assertThatThrownBy(store::readStreams).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read " + stream.resolve("stream.json") + ": ");
        assertThat(log).hasContent("acknowledged");
    }

    @Test
    void aStreamDirectoryWhoseMetadataCannotBeLookedForStopsTheStartAndNothingIsDeleted() throws Exception {
        Path notADirectory = dir.resolve("streams/s-0123456789abcdef");
        Files.createDirectories(notADirectory.getParent());
        Files.writeString(notADirectory, "a file where a stream directory belongs");

        assertThatThrownBy(() -> new MetadataStore(dir).removeOrphanStreamDirs()).isInstanceOf(IOException.class)
                .hasMessage("Cannot tell whether " + notADirectory + " holds a stream: looking for "
                        + notADirectory.resolve("stream.json") + " failed (" + notADirectory.resolve("stream.json")
                        + ": Not a directory). Not starting, so that nothing is deleted on a guess; fix the cause, then"
                        + " start again.");
        assertThat(notADirectory).hasContent("a file where a stream directory belongs");
    }

    @Test
    void theIteratorKeyIsReadableByItsOwnerOnlyFromTheMomentItExists() throws Exception {
        Files.writeString(dir.resolve("engine.json.tmp"), "stale, and readable by all");
        Files.setPosixFilePermissions(dir.resolve("engine.json.tmp"), PosixFilePermissions.fromString("rw-rw-rw-"));
        new MetadataStore(dir).loadOrCreateIteratorKey();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("engine.json"))))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("engine.json");
        }
    }

    @Test
    void anIteratorKeyOthersCouldReadIsTightenedAtStartAndKept() throws Exception {
        byte[] key = new MetadataStore(dir).loadOrCreateIteratorKey();
        Path file = dir.resolve("engine.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new MetadataStore(dir).loadOrCreateIteratorKey()).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anUnreadableIteratorKeyStopsTheStartRatherThanBeingReplaced() throws Exception {
        Path file = dir.resolve("engine.json");
        Files.createSymbolicLink(file, file.getFileName());
        assertThatThrownBy(() -> new MetadataStore(dir).loadOrCreateIteratorKey()).isInstanceOf(IOException.class);
        assertThat(Files.isSymbolicLink(file)).isTrue();
        assertThat(List.of(dir.toFile().list())).containsExactly("engine.json");
    }
}
