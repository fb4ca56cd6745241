package io.sluice.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.wire.ChunkedBytes;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedBytesTest {

    @Test
    void keepsEveryByteInOrderAcrossChunkBoundaries() {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        ChunkedBytes out = new ChunkedBytes();

        out.write(data, 0, 100);
        for (int i = 100; i < 1000; i++) {
            out.write(data[i]);
        }
        out.write(data, 1000, data.length - 1000);

        assertThat(out.length()).isEqualTo(300_000);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(out.buffers()).as("512 B, then 64 KiB chunks").hasSize(6);
        int total = 0;
        for (ByteBuffer buffer : out.buffers()) {
            total += buffer.remaining();
        }
        assertThat(total).isEqualTo(300_000);
    }

    @Test
    void anEmptyBodyIsOneEmptyBuffer() {
        ChunkedBytes out = new ChunkedBytes();

        assertThat(out.length()).isZero();
        assertThat(out.buffers()).singleElement().satisfies(b -> assertThat(b.remaining()).isZero());
        assertThat(out.toByteArray()).isEmpty();
    }

    @Test
    void wrapsExistingBytes() {
        assertThat(ChunkedBytes.of(new byte[] {1, 2, 3}).toByteArray()).containsExactly(1, 2, 3);
    }
}
