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
import io.sluice.server.protocol.Action;
import io.sluice.server.protocol.ActionRegistry;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.protocol.RequestProcessor;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.validation.Shapes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The handler's promises: one request per connection at a time, and a clear 503 when the pool is full or the
 * request bytes in flight would pass their bound — which is given back once an answer is written.
 */
class RequestHandlerTest {

    private final RequestProcessor processor =
            new RequestProcessor(new ActionRegistry(List.of()), new OpenAuthenticator(), AccessControl.ALLOW_ALL);

    @Test
    void answersServiceUnavailableWhenTheWorkerPoolIsFull() {
        Executor full = task -> {
            throw new RejectedExecutionException("full");
        };
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(processor, full, new ResponseWriter(), new RequestMemory(Long.MAX_VALUE)));

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
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(processor, submitted::add, new ResponseWriter(), new RequestMemory(Long.MAX_VALUE)));

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

    @Test
    void refusesABodyThatWouldPassTheBoundOnRequestBytesInFlightAndHoldsNothingForIt() {
        Queue<Runnable> submitted = new ArrayDeque<>();
        RequestMemory memory = new RequestMemory(3); // "{}" is 2 bytes: one request fits, two do not
        EmbeddedChannel busy = new EmbeddedChannel(new RequestHandler(processor, submitted::add, new ResponseWriter(), memory));
        EmbeddedChannel other = new EmbeddedChannel(new RequestHandler(processor, submitted::add, new ResponseWriter(), memory));

        busy.writeInbound(request("First"));
        other.writeInbound(request("Second"));
        FullHttpResponse refused = other.readOutbound();

        assertThat(refused.status().code()).isEqualTo(503);
        assertThat(refused.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"__type\":\"ServiceUnavailableException\","
                + "\"message\":\"The server is at its limit of request bytes in flight (3); retry with backoff\"}");
        assertThat(memory.heldBytes()).as("only the admitted body is held").isEqualTo(2);
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
    void givesBackTheBytesOfPipelinedRequestsWhenTheConnectionCloses() {
        Queue<Runnable> submitted = new ArrayDeque<>();
        RequestMemory memory = new RequestMemory(Long.MAX_VALUE);
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(processor, submitted::add, new ResponseWriter(), memory));

        channel.writeInbound(request("First"), request("Second"));
        assertThat(memory.heldBytes()).isEqualTo(4);
        channel.close();
        submitted.poll().run(); // the first finishes after the client left
        channel.runPendingTasks();

        assertThat(memory.heldBytes()).isZero();
    }

    @Test
    void anErrorInTheWorkerIsAnsweredAsAnInternalFailureAndGivesItsMemoryBack() {
        RequestProcessor overflowing = new RequestProcessor(new ActionRegistry(List.of(new Overflowing())),
                new OpenAuthenticator(), AccessControl.ALLOW_ALL);
        Queue<Runnable> submitted = new ArrayDeque<>();
        RequestMemory memory = new RequestMemory(Long.MAX_VALUE);
        EmbeddedChannel channel = new EmbeddedChannel(new RequestHandler(overflowing, submitted::add,
                new ResponseWriter(), memory));

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

    /** An action whose work overflows the stack, as a recursion on hostile input would. */
    private static final class Overflowing implements Action {
        @Override
        public String name() {
            return "Overflow";
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
            throw new StackOverflowError();
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
