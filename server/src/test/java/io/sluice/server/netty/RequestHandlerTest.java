package io.sluice.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.server.auth.AccessControl;
import io.sluice.server.auth.OpenAuthenticator;
import io.sluice.server.protocol.Action;
import io.sluice.server.protocol.ActionRegistry;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.protocol.RequestProcessor;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.validation.Shapes;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The handler's promises: one request per connection at a time, and a clear 503 when the pool is full or the
 * request memory in flight (bodies and replies) would pass its bound — which is given back once an answer is
 * written, or once a client that does not take its answer in time is closed.
 */
class RequestHandlerTest {

    private final RequestProcessor processor = new RequestProcessor(new ActionRegistry(
            List.of(ScriptedAction.namedAnswer("First"), ScriptedAction.namedAnswer("Second"))),
            new OpenAuthenticator(), AccessControl.ALLOW_ALL);

    @Test
    void answersServiceUnavailableWhenTheWorkerPoolIsFull() {
        Executor full = task -> {
            throw new RejectedExecutionException("full");
        };
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(processor, full, new ResponseWriter(), new RequestMemory(Long.MAX_VALUE), 60_000));

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
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(processor, submitted::add, new ResponseWriter(), new RequestMemory(Long.MAX_VALUE), 60_000));

        channel.writeInbound(request("First"), request("Second"));
        assertThat(submitted).as("the second request waits for the first's answer").hasSize(1);

        submitted.poll().run();
        channel.runPendingTasks();
        FullHttpResponse first = channel.readOutbound();
        assertThat(submitted).as("the first answer is written, so the second starts").hasSize(1);
        submitted.poll().run();
        channel.runPendingTasks();
        FullHttpResponse second = channel.readOutbound();

        assertThat(first.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"Name\":\"First\"}");
        assertThat(second.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"Name\":\"Second\"}");
        first.release();
        second.release();
    }

    @Test
    void refusesABodyThatWouldPassTheBoundOnRequestBytesInFlightAndHoldsNothingForIt() {
        Queue<Runnable> submitted = new ArrayDeque<>();
        RequestMemory memory = new RequestMemory(5); // "{}" is 2 bytes, held twice: one request fits, two do not
        EmbeddedChannel busy = new EmbeddedChannel(new RequestHandler(processor, submitted::add, new ResponseWriter(), memory, 60_000));
        EmbeddedChannel other = new EmbeddedChannel(new RequestHandler(processor, submitted::add, new ResponseWriter(), memory, 60_000));

        busy.writeInbound(request("First"));
        other.writeInbound(request("Second"));
        FullHttpResponse refused = other.readOutbound();

        assertThat(refused.status().code()).isEqualTo(503);
        assertThat(refused.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"__type\":\"ServiceUnavailableException\","
                + "\"message\":\"The server is at its limit of request bytes in flight (5); retry with backoff\"}");
        assertThat(memory.heldBytes()).as("only the admitted body and its decoded form are held").isEqualTo(4);
        assertThat(submitted).hasSize(1);

        submitted.poll().run();
        busy.runPendingTasks();
        FullHttpResponse answered = busy.readOutbound();
        assertThat(memory.heldBytes()).as("given back once the answer is written").isZero();
        other.writeInbound(request("Third"));
        assertThat(submitted).as("room again, so the next body is admitted").hasSize(1);
        refused.release();
        answered.release();
    }

    @Test
    void countsAReplyUntilTheClientTakesItAndClosesAClientThatDoesNotInTime() {
        Queue<Runnable> submitted = new ArrayDeque<>();
        RequestMemory memory = new RequestMemory(Long.MAX_VALUE);
        StalledClient client = new StalledClient();
        EmbeddedChannel channel = new EmbeddedChannel(client,
                new RequestHandler(processor, submitted::add, new ResponseWriter(), memory, 1_000));

        channel.writeInbound(request("ListStreams"));
        submitted.poll().run();
        channel.runPendingTasks();
        assertThat(client.replyBytes).as("an error reply was written").isPositive();
        assertThat(memory.heldBytes()).as("the body, its decoded form, and the reply not yet taken")
                .isEqualTo(4 + client.replyBytes);

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).as("closed: the reply was not taken within the timeout").isFalse();
        assertThat(memory.heldBytes()).isZero();
    }

    /** A client that never reads: the reply is never written out, until the channel closes. */
    private static final class StalledClient extends ChannelOutboundHandlerAdapter {
        private ChannelPromise pending;
        private int replyBytes;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            replyBytes = ((FullHttpResponse) msg).content().readableBytes();
            ReferenceCountUtil.release(msg);
            pending = promise;
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
            if (pending != null) {
                pending.setFailure(new ClosedChannelException());
            }
            super.close(ctx, promise);
        }
    }

    @Test
    void givesBackTheBytesOfPipelinedRequestsWhenTheConnectionCloses() {
        Queue<Runnable> submitted = new ArrayDeque<>();
        RequestMemory memory = new RequestMemory(Long.MAX_VALUE);
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(processor, submitted::add, new ResponseWriter(), memory, 60_000));

        channel.writeInbound(request("First"), request("Second"));
        assertThat(memory.heldBytes()).isEqualTo(8);
        channel.close();
        submitted.poll().run(); // the first finishes after the client left
        channel.runPendingTasks();

        assertThat(memory.heldBytes()).isZero();
    }

    @Test
    void anErrorInTheWorkerIsAnsweredAsAnInternalFailureAndGivesItsMemoryBack() {
        ScriptedAction overflow = new ScriptedAction("Overflow", () -> {
            throw new StackOverflowError(); // as a recursion on hostile input would
        });
        RequestProcessor overflowing = new RequestProcessor(new ActionRegistry(List.of(overflow)),
                new OpenAuthenticator(), AccessControl.ALLOW_ALL);
        Queue<Runnable> submitted = new ArrayDeque<>();
        RequestMemory memory = new RequestMemory(Long.MAX_VALUE);
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(overflowing, submitted::add,
                new ResponseWriter(), memory, 60_000));

        channel.writeInbound(request("Overflow"), request("Overflow"));
        submitted.poll().run();
        channel.runPendingTasks();
        FullHttpResponse first = channel.readOutbound();

        assertThat(first.status().code()).isEqualTo(500);
        assertThat(first.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"__type\":\"InternalFailureException\","
                + "\"message\":\"Internal failure; request id " + first.headers().get("x-amzn-RequestId") + "\"}");
        assertThat(submitted).as("the connection is served on").hasSize(1);
        submitted.poll().run();
        channel.runPendingTasks();
        FullHttpResponse second = channel.readOutbound();
        assertThat(second.status().code()).isEqualTo(500);
        assertThat(memory.heldBytes()).isZero();
        first.release();
        second.release();
    }

    /** An action named {@code name} that answers with what {@code work} gives. */
    private record ScriptedAction(String name, Supplier<Map<String, Object>> work) implements Action {
        /** Answers its own name, to tell answers apart. */
        static ScriptedAction namedAnswer(String name) {
            return new ScriptedAction(name, () -> Map.of("Name", name));
        }

        @Override
        public StructShape input() {
            return Shapes.struct();
        }

        @Override
        public String resource(Fields request) {
            return "*";
        }

        @Override
        public Map<String, Object> execute(Fields request, RequestContext context) {
            return work.get();
        }
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
