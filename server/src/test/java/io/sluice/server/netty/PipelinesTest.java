package io.sluice.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.sluice.server.auth.AccessControl;
import io.sluice.server.auth.OpenAuthenticator;
import io.sluice.server.protocol.ActionRegistry;
import io.sluice.server.protocol.RequestProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an HTTP/2 client is told when it connects: the bounds it must keep to. */
class PipelinesTest {

    private static final int SETTINGS_FRAME = 0x4;
    private static final int MAX_CONCURRENT_STREAMS = 0x3;
    private static final int MAX_HEADER_LIST_SIZE = 0x6;

    @Test
    void advertisesItsBoundsOnStreamsAndHeadersToHttp2Clients() {
        Pipelines pipelines = new Pipelines(new RequestProcessor(new ActionRegistry(List.of()), new OpenAuthenticator(),
                AccessControl.ALLOW_ALL), Runnable::run, 1024, 4096, 60_000);
        EmbeddedChannel channel = new EmbeddedChannel();
        pipelines.http2(channel.pipeline(), new RequestDeadline(60_000));

        channel.writeInbound(Unpooled.wrappedBuffer(Http2CodecUtil.connectionPrefaceBuf()));
        Map<Integer, Long> settings = firstSettingsFrame(channel.readOutbound());

        assertThat(settings).containsEntry(MAX_CONCURRENT_STREAMS, (long) Pipelines.MAX_STREAMS_PER_CONNECTION)
                .containsEntry(MAX_HEADER_LIST_SIZE, 64L * 1024);
        channel.finishAndReleaseAll();
    }

    /** The settings of the first frame the server wrote, which RFC 9113 requires to be SETTINGS. */
    private static Map<Integer, Long> firstSettingsFrame(ByteBuf written) {
        try {
            int length = written.readUnsignedMedium();
            assertThat(written.readUnsignedByte()).as("frame type").isEqualTo((short) SETTINGS_FRAME);
            written.skipBytes(1 + 4); // flags, stream id
            Map<Integer, Long> settings = new HashMap<>();
            for (int read = 0; read < length; read += 6) {
                settings.put(written.readUnsignedShort(), written.readUnsignedInt());
            }
            return settings;
        } finally {
            written.release();
        }
    }
}
