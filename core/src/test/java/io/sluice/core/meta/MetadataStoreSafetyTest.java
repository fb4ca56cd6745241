package io.sluice.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the metadata store must never do: leave the iterator key readable by others, or delete a stream directory on
 * a guess (only when its {@code stream.json} definitely does not exist).
 */
class MetadataStoreSafetyTest {

    @TempDir
    Path data;

    @Test
    void createsTheIteratorKeyFileReadableByItsOwnerOnly() throws IOException {
        byte[] key = new MetadataStore(data).loadOrCreateIteratorKey();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("engine.json"))))
                .isEqualTo("rw-------");
        assertThat(new MetadataStore(data).loadOrCreateIteratorKey()).as("read back").isEqualTo(key);
    }

    @Test
    void narrowsAnIteratorKeyFileFoundReadableByOthers() throws IOException {
        new MetadataStore(data).loadOrCreateIteratorKey();
        Files.setPosixFilePermissions(data.resolve("engine.json"), PosixFilePermissions.fromString("rw-r--r--"));

        new MetadataStore(data).loadOrCreateIteratorKey();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("engine.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void removesOnlyStreamDirectoriesWhoseMetadataIsDefinitelyMissing() throws IOException {
        Path orphan = Files.createDirectories(data.resolve("streams/s-00000000000000aa/shards/shardId-000000000000"));
        Files.writeString(orphan.resolve("00000000000000000000.log"), "never acknowledged");

        assertThat(new MetadataStore(data).removeOrphanStreamDirs()).isEqualTo(1);
        assertThat(data.resolve("streams/s-00000000000000aa")).doesNotExist();
    }

    @Test
    void stopsRatherThanDeleteWhenTheMetadataIsThereButNotAFile() throws IOException {
        Path stream = Files.createDirectories(data.resolve("streams/s-00000000000000bb"));
        Files.createSymbolicLink(stream.resolve("stream.json"), data.resolve("elsewhere.json"));
        Files.writeString(Files.createDirectories(stream.resolve("shards/shardId-000000000000")).resolve("x.log"), "acked");

        assertThatThrownBy(() -> new MetadataStore(data).removeOrphanStreamDirs()).isInstanceOf(IOException.class)
                .hasMessage(stream.resolve("stream.json") + " is not a regular file; move it away or restore the "
                        + "stream's metadata, then start again");
        assertThatThrownBy(() -> new MetadataStore(data).readStreams()).isInstanceOf(IOException.class);
        assertThat(stream.resolve("shards/shardId-000000000000/x.log")).exists();
    }
}
