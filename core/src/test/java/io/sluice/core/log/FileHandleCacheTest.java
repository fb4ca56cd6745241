package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHandleCacheTest {

    @TempDir
    Path dir;

    private Path file(int i) throws Exception {
        Path p = dir.resolve("f" + i);
        if (!Files.exists(p)) {
            Files.write(p, new byte[] {(byte) i});
        }
        return p;
    }

    @Test
    void keepsAtMostMaxOpenChannelsAndReopensEvictedOnesOnDemand() throws Exception {
        try (FileHandleCache cache = new FileHandleCache(2)) {
            for (int i = 0; i < 5; i++) {
                try (FileHandleCache.Lease lease = cache.acquire(file(i))) {
                    ByteBuffer b = ByteBuffer.allocate(1);
                    lease.channel().read(b, 0);
                    assertThat(b.get(0)).isEqualTo((byte) i);
                }
                assertThat(cache.openCount()).isLessThanOrEqualTo(2);
            }
            assertThat(cache.openCalls()).isEqualTo(5);
            try (FileHandleCache.Lease lease = cache.acquire(file(4))) {
                assertThat(lease.channel().isOpen()).isTrue();
            }
            assertThat(cache.openCalls()).as("f4 was still cached").isEqualTo(5);
            try (FileHandleCache.Lease lease = cache.acquire(file(0))) {
                assertThat(lease.channel().isOpen()).isTrue();
            }
            assertThat(cache.openCalls()).as("f0 had been evicted and was reopened").isEqualTo(6);
        }
    }

    @Test
    void aLeasedChannelStaysOpenWhenEvictedAndClosesOnRelease() throws Exception {
        try (FileHandleCache cache = new FileHandleCache(1)) {
            FileHandleCache.Lease held = cache.acquire(file(0));
            cache.acquire(file(1)).close();
            assertThat(held.channel().isOpen()).as("evicted while leased").isTrue();
            held.close();
            assertThat(held.channel().isOpen()).isFalse();
        }
    }

    @Test
    void doesNotRecreateADeletedFile() throws Exception {
        try (FileHandleCache cache = new FileHandleCache(4)) {
            Path p = file(0);
            Files.delete(p);
            assertThatThrownBy(() -> cache.acquire(p)).isInstanceOf(NoSuchFileException.class);
            assertThat(p).doesNotExist();
        }
    }
}
