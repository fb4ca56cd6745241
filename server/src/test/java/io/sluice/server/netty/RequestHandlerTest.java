package io.sluice.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.server.auth.AccessControl;
import io.sluice.server.auth.OpenAuthenticator;
import io.sluice.server.protocol.ActionRegistry;
import io.sluice.server.protocol.RequestProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The handler's two promises: one request per connection at a time, and a clear 503 when the pool is full. */
class RequestHandlerTest {

    private final RequestProcessor processor =
            new RequestProcessor(new ActionRegistry(List.of()), new OpenAuthenticator(), AccessControl.ALLOW_ALL);

    @Test
    void answersServiceUnavailableWhenTheWorkerPoolIsFull() {
        Executor full = task -> {
            throw new RejectedExecutionException("full");
        };
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(processor, full, new ResponseWriter()));

        channel.writeInbound(request("ListStreams"));
        FullHttpResponse response = channel.readOutbound();

        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.headers().get("x-amzn-RequestId")).isNotBlank();
        assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"__type\":\"ServiceUnavailableException\","
                + "\"message\":\"The server is at its limit of concurrent requests; retry with backoff\"}");
        response.release();
    }

    @Test
    void runsAConnectionsRequestsOneAfterAnother() {
        Queue<Runnable> submitted = new ArrayDeque<>();
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(processor, submitted::add, new ResponseWriter()));

        channel.writeInbound(request("First"), request("Second"));
        assertThat(submitted).as("the second request waits for the first's answer").hasSize(1);

        submitted.poll().run();
        channel.runPendingTasks();
        FullHttpResponse first = channel.readOutbound();
        assertThat(submitted).as("the first answer is written, so the second starts").hasSize(1);
        submitted.poll().run();
        channel.runPendingTasks();
        FullHttpResponse second = channel.readOutbound();

        assertThat(first.content().toString(StandardCharsets.UTF_8)).contains("Kinesis_20131202.First");
        assertThat(second.content().toString(StandardCharsets.UTF_8)).contains("Kinesis_20131202.Second");
        first.release();
        second.release();
    }

    private static FullHttpRequest request(String action) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
        request.headers()
                .set("Content-Type", "application/x-amz-json-1.1")
                .set("X-Amz-Target", "Kinesis_20131202." + action)
                .set("X-Amz-Date", "20261125T000000Z")
                .set("Authorization", "AWS4-HMAC-SHA256 Credential=A/20261125/us-east-1/kinesis/aws4_request, "
                        + "SignedHeaders=host, Signature=0");
        return request;
    }
}
