package io.sluice.core.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesContentAndLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("stream.json");
        AtomicFiles.write(file, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, "two".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(file)).isEqualTo("two");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("stream.json");
        }
    }

    @Test
    void staleTempFileFromACrashIsOverwritten() throws Exception {
        Path file = dir.resolve("stream.json");
        Files.writeString(dir.resolve("stream.json.tmp"), "half-written garbage that is longer than the new content");
        AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(Files.exists(dir.resolve("stream.json.tmp"))).isFalse();
    }

    @Test
    void streamDirectoriesAreNamedByIdNeverByName() {
        MetadataStore store = new MetadataStore(dir);
        String id = store.newStreamId();
        assertThat(id).matches("s-[0-9a-f]{16}");
        assertThat(store.streamDir(id)).isEqualTo(dir.toAbsolutePath().normalize().resolve("streams").resolve(id));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.streamDir(".."))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.shardDir(id, "../x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
